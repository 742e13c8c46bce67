package chatroom.transport.udp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerTest {
    private final PeerConfig config = PeerConfig.defaults();
    private SimulatedNetwork network;
    private SimulatedNetwork.SimPeer alice;
    private SimulatedNetwork.SimPeer bob;
    private SimulatedNetwork.SimPeer carol;

    @BeforeEach
    void formGroup() {
        network = new SimulatedNetwork(7, 10).conditions(0, 0, 1, 20);
        alice = network.peer("10.0.0.1", config);
        bob = network.peer("10.0.0.2", config);
        carol = network.peer("10.0.0.3", config);
        alice.join("alice");
        network.run(100);
        bob.join("bob", alice);
        assertTrue(network.runUntil(() -> bob.peer.phase() == Peer.Phase.ONLINE, 5_000));
        network.run(100);
        carol.join("carol", bob); // knows bob only
        assertTrue(network.runUntil(() -> alice.peer.memberNames().size() == 2
                && carol.peer.memberNames().size() == 2, 5_000), "carol did not find alice through bob");
        network.run(500); // the last gossip gets acknowledged
    }

    @Test
    void formsAGroupThroughGossipAndAnnouncesOnlyNewcomers() {
        assertEquals(List.of("joined bob (2)", "joined carol (3)"), alice.take());
        assertEquals(List.of("joined carol (3)"), bob.take());
        assertEquals(List.of(), carol.take(), "alice and bob were there before carol");
        assertEquals(new LoggedIn("alice", 1), alice.peer.loggedIn());
        assertEquals(new LoggedIn("bob", 2), bob.peer.loggedIn());
        assertEquals(new LoggedIn("carol", 3), carol.peer.loggedIn());

        carol.peer.who();
        assertEquals(List.of("members alice, bob, carol"), carol.take());
        List<Long> since = ((Members) carol.events.get(carol.events.size() - 1)).users().stream()
                .map(Member::since).toList();
        // Others' login times come from the age in their hello or welcome, so transit time blurs them a little.
        assertTrue(since.get(0) >= SimulatedNetwork.EPOCH && since.get(0) <= SimulatedNetwork.EPOCH + 20, "alice");
        assertTrue(since.get(0) < since.get(1) && since.get(1) < since.get(2), since.toString());
        assertEquals(carol.peer.loggedIn(), new LoggedIn("carol", 3));
    }

    @Test
    void peersComeIntoRoomsAndTextInARoomReachesOnlyThoseInIt() {
        alice.take();
        bob.take();
        carol.take();
        assertEquals(Set.of("#lobby"), alice.peer.roomsOf("bob"), "one that never said is in the lobby");

        alice.peer.join("#Ops", network.now());
        assertEquals(List.of("room #Ops (1)", "history end 0 false in #Ops", "joined alice in #Ops (1)"),
                alice.take());
        network.run(300);
        bob.peer.join("#ops", network.now());
        assertEquals(List.of("room #ops (2)", "history end 0 false in #ops", "joined bob in #ops (2)"), bob.take());
        network.run(300);
        assertEquals(List.of("joined bob in #Ops (2)"), alice.take(), "told by bob's ROOMS, in its own spelling");
        assertEquals(List.of(), carol.take(), "carol is not in #ops");
        assertEquals(Set.of("#lobby", "#ops"), carol.peer.roomsOf("bob"));

        bob.peer.sayIn("#OPS", "deploying", network.now());
        bob.peer.say("lunch?", network.now());
        network.run(300);
        assertEquals(List.of("message bob in #ops: deploying", "message bob: lunch?"), bob.take());
        assertEquals(List.of("message bob in #Ops: deploying", "message bob: lunch?"), alice.take());
        assertEquals(List.of("message bob: lunch?"), carol.take(), "nothing of #ops reaches carol");

        alice.peer.whoIn("#ops");
        assertEquals(List.of("members in #Ops alice, bob"), alice.take());
        carol.peer.sayIn("#ops", "let me in", network.now());
        assertEquals(List.of("error not_in_room [say]: You are not in #ops."), carol.take());

        alice.peer.part("#ops", network.now());
        network.run(300);
        assertEquals(List.of("left alice in #Ops (1): left"), alice.take());
        assertEquals(List.of("left alice in #ops (1): left"), bob.take());
        assertEquals(List.of("#lobby"), alice.peer.rooms());
    }

    @Test
    void aPeerOutsideTheLobbyHearsNothingOfItAndANewcomerLearnsItsRoomsBeforeItsMembers() {
        alice.take();
        bob.take();
        bob.peer.join("#ops", network.now());
        bob.peer.part("#lobby", network.now());
        network.run(300);
        assertEquals(List.of("left bob (2): left"), alice.take(), "bob left the lobby");
        alice.peer.say("anyone?", network.now());
        network.run(300);
        assertEquals(List.of("room #ops (1)", "history end 0 false in #ops", "joined bob in #ops (1)",
                "left bob in #lobby (2): left"), bob.take(), "bob hears nothing of the lobby");

        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        dave.join("dave", bob);
        assertTrue(network.runUntil(() -> dave.peer.phase() == Peer.Phase.ONLINE, 5_000));
        network.run(500);
        assertEquals(Set.of("#ops"), dave.peer.roomsOf("bob"), "bob's ROOMS came with its welcome's link");
    }

    @Test
    void aPeerOutsideTheLobbyThatComesBackIsNeverShownArrivingThere() {
        alice.take();
        bob.take();
        bob.peer.join("#ops", network.now());
        bob.peer.part("#lobby", network.now());
        network.run(300);
        assertEquals(List.of("left bob (2): left"), alice.take());

        network.cut(bob, true);
        network.run(config.peerTimeoutMillis() + 500);
        assertEquals(List.of(), alice.take(), "bob is in none of alice's rooms");
        network.cut(bob, false);
        assertTrue(network.runUntil(() -> alice.peer.memberNames().contains("bob"), 10_000));
        network.run(500);
        assertEquals(List.of(), alice.take(), "not 'joined' then 'left' the lobby");
        bob.peer.join("#lobby", network.now());
        network.run(300);
        assertEquals(List.of("joined bob (3)"), alice.take());
    }

    @Test
    void someoneWhoJoinsInTheSameMillisecondIsStillAnnounced() {
        // Start times are whole milliseconds; which of two equal ones counted as new used to be up to random ids.
        network = new SimulatedNetwork(11, 10).conditions(0, 0, 0, 0); // as on loopback: under a millisecond
        List<SimulatedNetwork.SimPeer> hosts = new java.util.ArrayList<>();
        List<SimulatedNetwork.SimPeer> guests = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SimulatedNetwork.SimPeer host = network.peer("10.0.1." + i, config);
            SimulatedNetwork.SimPeer guest = network.peer("10.0.2." + i, config);
            host.join("host" + i);
            guest.join("guest" + i, host);
            hosts.add(host);
            guests.add(guest);
        }
        assertTrue(network.runUntil(() -> guests.stream().allMatch(g -> g.peer.phase() == Peer.Phase.ONLINE), 5_000));
        network.run(100);
        for (int i = 0; i < 8; i++) {
            assertEquals(List.of("joined guest" + i + " (2)"), hosts.get(i).take(), "host" + i);
        }
    }

    @Test
    void chatReachesEveryoneAndTheSender() {
        alice.take();
        bob.take();
        carol.say("hi all");
        network.run(200);
        assertEquals(List.of("message carol: hi all"), alice.take());
        assertEquals(List.of("message carol: hi all"), bob.take());
        assertEquals(List.of("message carol: hi all"), carol.take());
    }

    @Test
    void aFullWidthNameClashesWithItsPlainForm() {
        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        dave.join("Ｂｏｂ", alice);
        network.runUntil(() -> dave.peer.phase() != Peer.Phase.JOINING, 5_000);
        assertEquals(ErrorCode.NAME_TAKEN, dave.peer.refusal().orElseThrow().code());
        carol.peer.rename("ａｌｉｃｅ", network.now());
        network.run(200);
        assertEquals(List.of("error name_taken [nick]: Someone in the group is already called 'alice'."),
                carol.take().stream().filter(line -> line.startsWith("error")).toList());
    }

    @Test
    void controlCharactersInTextBecomeSpacesAsOnTheServer() {
        alice.take();
        bob.take();
        carol.say("\u001b[2Jred\u0007");
        network.run(200);
        assertEquals(List.of("message carol:  [2Jred "), alice.take());
        assertEquals(List.of("message carol:  [2Jred "), carol.take());
    }

    @Test
    void refusesATakenNameIgnoringCaseThenTakesAnother() {
        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        dave.join("BOB", alice);
        network.runUntil(() -> dave.peer.phase() != Peer.Phase.JOINING, 5_000);
        assertEquals(Peer.Phase.IDLE, dave.peer.phase());
        assertEquals(ErrorCode.NAME_TAKEN, dave.peer.refusal().orElseThrow().code());
        assertEquals("Someone in the group is already called 'BOB'. Pick another name (if that was you before a"
                + " restart, wait 10 seconds for the old session to time out).",
                dave.peer.refusal().orElseThrow().getMessage());

        dave.join("dave", alice);
        assertTrue(network.runUntil(() -> dave.peer.phase() == Peer.Phase.ONLINE, 5_000));
        assertTrue(network.runUntil(() -> dave.peer.memberNames().size() == 3, 5_000));
        assertEquals(new LoggedIn("dave", 4), dave.peer.loggedIn());
        assertEquals(List.of("alice", "bob", "carol"), dave.peer.memberNames());
    }

    @Test
    void aNewcomersFirstWordsReachEveryone() {
        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        dave.join("dave", carol); // carol's list names alice and bob: dave links with both before he is in
        assertTrue(network.runUntil(() -> dave.peer.phase() == Peer.Phase.ONLINE, 5_000));
        dave.say("hello, I am new");
        network.run(300);
        for (SimulatedNetwork.SimPeer peer : List.of(alice, bob, carol, dave)) {
            assertEquals(List.of("message dave: hello, I am new"), peer.events(ChatMessage.class).stream()
                    .map(Events::describe).toList(), peer.toString());
        }
        assertEquals(new LoggedIn("dave", 4), dave.peer.loggedIn());
    }

    @Test
    void privateMessagesReachTheRecipientAndCopyTheSender() {
        alice.take();
        bob.take();
        alice.peer.tell("BOB", "psst", network.now());
        alice.peer.tell("zed", "hello?", network.now());
        network.run(200);
        assertEquals(List.of("private alice -> bob: psst",
                "error not_online [tell]: No one called 'zed' is online."), alice.take());
        assertEquals(List.of("private alice -> bob: psst"), bob.take());
        assertEquals(List.of(), carol.take());
    }

    @Test
    void renamesAreAnnouncedAndNamesStayUnique() {
        alice.take();
        bob.take();
        bob.peer.rename("robert", network.now());
        carol.peer.rename("ALICE", network.now());
        carol.peer.rename("no spaces", network.now());
        network.run(200);
        bob.say("I am robert now");
        network.run(200);
        assertEquals(List.of("renamed bob -> robert (3)", "message robert: I am robert now"), alice.take());
        assertEquals(List.of("renamed bob -> robert (3)", "message robert: I am robert now"), bob.take());
        assertEquals(List.of("error name_taken [nick]: Someone in the group is already called 'alice'.",
                "error invalid_name [nick]: A name may contain only letters, digits, '_', '-' and '.'.",
                "renamed bob -> robert (3)", "message robert: I am robert now"), carol.take());
    }

    @Test
    void aGoodbyeIsAnnouncedAndAcknowledged() {
        alice.take();
        bob.take();
        carol.peer.leave(network.now());
        assertTrue(network.runUntil(() -> carol.peer.leaveComplete(), 2_000));
        assertEquals(List.of("left carol (2): logged out"), alice.take());
        assertEquals(List.of("left carol (2): logged out"), bob.take());
    }

    @Test
    void aVanishedPeerTimesOutAndIsWelcomedBackWhenItReturns() {
        alice.take();
        bob.take();
        network.cut(carol, true);
        network.run(config.peerTimeoutMillis() + 500);
        assertEquals(List.of("left carol (2): connection lost"), alice.take());
        assertEquals(List.of("left carol (2): connection lost"), bob.take());
        List<String> alone = carol.take();
        assertEquals(2, alone.size());
        assertTrue(alone.stream().allMatch(line -> line.endsWith("): connection lost")), alone.toString());

        network.cut(carol, false); // carol says hello to bob again, the address she was given
        assertTrue(network.runUntil(() -> alice.peer.memberNames().size() == 2
                && carol.peer.memberNames().size() == 2, 10_000));
        network.run(500); // announced once its first word (its member list) has come
        assertEquals(List.of("joined carol (3)"), alice.take());
        assertEquals(List.of("joined carol (3)"), bob.take());
        assertEquals(List.of("joined bob (2)", "joined alice (3)"), carol.take());
    }

    @Test
    void replayedPacketsDoNotKeepAVanishedPeerOnline() {
        alice.take();
        List<byte[]> recorded = List.copyOf(carol.sent);
        network.cut(carol, true);
        long end = network.now() + config.peerTimeoutMillis() + 500;
        while (network.now() < end) {
            for (byte[] packet : recorded) {
                alice.receive(carol.address, packet);
            }
            network.run(500);
        }
        assertEquals(List.of("left carol (2): connection lost"), alice.take());
    }

    @Test
    void replayedDataIsDeliveredOnce() {
        bob.take();
        alice.say("only once");
        network.run(200);
        byte[] saying = alice.sent.stream()
                .filter(packet -> packetTo(packet, bob) instanceof Packet.Data data && data.chunk().length > 0)
                .reduce((first, second) -> second).orElseThrow();
        long duplicates = bob.drops.count(Drop.DUPLICATE);
        bob.receive(alice.address, saying);
        bob.receive(alice.address, saying);
        assertEquals(List.of("message alice: only once"), bob.take());
        assertEquals(duplicates + 2, bob.drops.count(Drop.DUPLICATE));
    }

    @Test
    void aReplayedHelloCannotBringBackSomeoneWhoLeft() {
        byte[] hello = carol.sent.stream()
                .filter(packet -> decode(packet) instanceof Packet.Hello).findFirst().orElseThrow();
        carol.peer.leave(network.now());
        network.runUntil(() -> carol.peer.leaveComplete(), 2_000);
        bob.take();
        long unknown = bob.drops.count(Drop.UNKNOWN_LINK);
        bob.receive(carol.address, hello);
        network.run(200);
        assertEquals(List.of(), bob.take());
        assertEquals(unknown + 1, bob.drops.count(Drop.UNKNOWN_LINK));
    }

    @Test
    void aForgedHelloGetsOneWelcomeAndNothingMore() throws Exception {
        alice.take();
        InetSocketAddress victim = new InetSocketAddress(InetAddress.getByName("10.0.0.66"), 7000);
        byte[] forged = PacketCodec.encode(new Packet.Hello(new Route(12345, 0, 678, 0), 0, "victim"));
        int before = alice.sent.size();
        alice.receive(victim, forged);
        network.run(config.peerTimeoutMillis() + 500);
        List<Packet> toVictim = new ArrayList<>();
        for (int i = before; i < alice.sent.size(); i++) {
            if (alice.sentTo.get(i).equals(victim)) {
                toVictim.add(decode(alice.sent.get(i)));
            }
        }
        assertEquals(1, toVictim.size(), "only the welcome: no member list, no keep-alives, no chat");
        assertTrue(toVictim.get(0) instanceof Packet.Welcome);
        assertEquals(List.of(), alice.take(), "nobody joined");
        assertEquals(List.of("bob", "carol"), alice.peer.memberNames());
    }

    @Test
    void garbageTruncatedAndMisaddressedPacketsAreDroppedAndCounted() {
        alice.take();
        long before = total(alice.drops);
        Random random = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(1200)];
            random.nextBytes(garbage);
            alice.receive(bob.address, garbage);
        }
        assertEquals(before + 2_000, total(alice.drops), "every random packet dropped and counted: " + alice.drops);

        byte[] valid = bob.sent.stream().filter(packet -> packetTo(packet, alice) instanceof Packet.Data)
                .findFirst().orElseThrow();
        long malformed = alice.drops.count(Drop.MALFORMED);
        for (int length = 0; length < valid.length; length++) {
            alice.peer.receive(bob.address, valid, 0, length, network.now());
        }
        assertEquals(malformed + valid.length, alice.drops.count(Drop.MALFORMED));

        carol.receive(bob.address, valid); // bob's packet for alice
        assertEquals(1, carol.drops.count(Drop.MISADDRESSED), carol.drops.toString());
        network.run(500);
        assertEquals(List.of(), alice.take());
        assertEquals(List.of("alice", "bob"), carol.peer.memberNames());
    }

    @Test
    void aJoinWithNobodyThereFailsAfterTheTimeout() {
        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        SimulatedNetwork.SimPeer nobody = network.peer("10.0.0.9", config);
        network.kill(nobody);
        dave.join("dave", nobody);
        network.run(config.joinTimeoutMillis() + 100);
        assertEquals(Peer.Phase.IDLE, dave.peer.phase());
        assertEquals("No peer answered at 10.0.0.9:7000 within 5 seconds.", dave.peer.failure().orElseThrow());
    }

    @Test
    void sendingStopsWhenAMemberFallsTooFarBehindAndResumesAfter() {
        alice.take();
        bob.take();
        network.cut(bob, true);
        int said = 0;
        while (alice.say("m" + said)) {
            said++;
            if (said % 20 == 0) {
                network.step(); // carol keeps up; bob hears nothing
            }
        }
        assertEquals(config.sendBuffer(), said);
        assertEquals("error slow_down [say]: Earlier messages are still on their way to bob; wait a moment and"
                + " send again.", Events.describe(alice.events.get(alice.events.size() - 1)));
        network.cut(bob, false);
        int total = said;
        assertTrue(network.runUntil(() -> bob.events(ChatMessage.class).size() == total, 9_000));
        assertEquals(total, carol.events(ChatMessage.class).size());
        assertEquals("m" + (total - 1), bob.events(ChatMessage.class).get(total - 1).text());
    }

    @Test
    void longTextsTravelInPiecesAndLimitsAreKept() {
        network.conditions(0.3, 0.1, 1, 50);
        alice.take();
        bob.take();
        String longest = "é".repeat(Wire.MAX_TEXT_LENGTH); // 8,000 bytes: eight pieces
        alice.say(longest);
        alice.say("x".repeat(Wire.MAX_TEXT_LENGTH + 1));
        alice.say("   ");
        assertTrue(network.runUntil(() -> !bob.events(ChatMessage.class).isEmpty(), 20_000));
        assertEquals(List.of("message alice: " + longest), bob.take());
        assertEquals(List.of("message alice: " + longest,
                "error text_too_long [say]: A message has at most 4000 characters.",
                "error empty_text [say]: Empty messages are not sent."), alice.take());
    }

    @Test
    void requestsBeforeLoginAreRefusedAndHistoryIsEmpty() {
        SimulatedNetwork.SimPeer dave = network.peer("10.0.0.4", config);
        dave.say("hello?");
        dave.peer.who();
        assertEquals(List.of("error not_logged_in [say]: Log in first.", "error not_logged_in [who]: Log in first."),
                dave.take());
        alice.take();
        alice.peer.history();
        assertEquals(List.of("history end 0 false"), alice.take());
    }

    private static Packet decode(byte[] packet) {
        try {
            return PacketCodec.decode(packet, 0, packet.length);
        } catch (BadDatagramException e) {
            throw new AssertionError(e);
        }
    }

    private static Packet packetTo(byte[] packet, SimulatedNetwork.SimPeer receiver) {
        Packet decoded = decode(packet);
        return decoded.route().receiver() == receiver.peer.id() ? decoded : null;
    }

    private static long total(DropCounters drops) {
        return drops.snapshot().values().stream().mapToLong(Long::longValue).sum();
    }
}
