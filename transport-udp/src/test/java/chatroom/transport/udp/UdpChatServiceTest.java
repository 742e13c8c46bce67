package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Peers over real sockets on 127.0.0.1, with short timers. */
class UdpChatServiceTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final PeerConfig CONFIG = PeerConfig.defaults().withPeerTimeout(3_000).withJoinTimeout(2_000)
            .withKdfIterations(1_000).withBindAddress(LOOPBACK);
    private static final String PLAINTEXT = "announcement: " + UdpChatService.PLAINTEXT_NOTICE;
    private static final char[] NO_PASSWORD = new char[0];

    @TempDir
    Path dir;
    private final List<UdpChatService> services = new ArrayList<>();

    /** Records events as lines; waits for each with a generous timeout. */
    static final class Recorder implements ChatListener {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final BlockingQueue<FileTransfer> transfers = new LinkedBlockingQueue<>();

        @Override
        public void onTransfer(FileTransfer transfer) {
            transfers.add(transfer);
        }

        /** The next news of a transfer that ended, waiting up to a minute. */
        FileTransfer ended() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            FileTransfer next;
            while ((next = transfers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (next.finished()) {
                    return next;
                }
            }
            throw new AssertionError("no transfer ended within 60 s");
        }

        @Override
        public void onMessage(ServerMessage message) {
            lines.add(Events.describe(message));
        }

        @Override
        public void onDisconnected(String reason, boolean error) {
            lines.add("disconnected" + (error ? " by failure" : "") + ": " + reason);
        }

        void expect(String... expected) throws InterruptedException {
            for (String line : expected) {
                String next = lines.poll(10, TimeUnit.SECONDS);
                assertNotNull(next, "no event within 10 s; expected: " + line);
                assertEquals(line, next);
            }
        }
    }

    /**
     * Waits until a peer has heard that someone is in a room (peers learn of each other's rooms by datagram, which a
     * busy machine may deliver after the next step of a test), asking for its room list until the room is in it.
     */
    private static void awaitRoomKnown(UdpChatService peer, Recorder events, String room) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            peer.listRooms(null, null);
            String listed = events.lines.poll(10, TimeUnit.SECONDS);
            assertNotNull(listed, "no room list within 10 s");
            if (listed.contains("name=" + room + ",")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(room + " never reached the peer's room list");
    }

    @AfterEach
    void closeAll() {
        services.forEach(UdpChatService::close);
    }

    private UdpChatService service(Recorder events, Optional<Path> secret, UdpChatService... peers) {
        return service(events, secret, false, peers);
    }

    private UdpChatService service(Recorder events, Optional<Path> secret, boolean rooms, UdpChatService... peers) {
        List<PeerAddress> addresses = new ArrayList<>();
        for (UdpChatService peer : peers) {
            addresses.add(new PeerAddress("127.0.0.1", peer.localPort()));
        }
        UdpChatService service = new UdpChatService(new PeerOptions(0, addresses, secret, rooms), CONFIG, events,
                new Downloads(dir.resolve("downloads-" + services.size())));
        services.add(service);
        return service;
    }

    private UdpChatService service(Recorder events, UdpChatService... peers) {
        return service(events, Optional.empty(), peers);
    }

    @Test
    void threePeersChatWhisperRenameAndSeeOneVanish() throws Exception {
        Recorder aliceEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        Recorder carolEvents = new Recorder();
        UdpChatService alice = service(aliceEvents);
        assertEquals(new LoggedIn("alice", 1), alice.login("alice", NO_PASSWORD));
        aliceEvents.expect(PLAINTEXT, "history end 0 false");
        UdpChatService bob = service(bobEvents, alice);
        assertEquals(new LoggedIn("bob", 2), bob.login("bob", NO_PASSWORD));
        bobEvents.expect(PLAINTEXT, "history end 0 false");
        aliceEvents.expect("joined bob (2)");
        UdpChatService carol = service(carolEvents, bob); // knows bob only: finds alice through him
        assertEquals(new LoggedIn("carol", 3), carol.login("carol", NO_PASSWORD));
        carolEvents.expect(PLAINTEXT, "history end 0 false");
        aliceEvents.expect("joined carol (3)");
        bobEvents.expect("joined carol (3)");

        carol.say("hi from carol");
        aliceEvents.expect("message carol: hi from carol");
        bobEvents.expect("message carol: hi from carol");
        carolEvents.expect("message carol: hi from carol");

        alice.tell("bob", "psst");
        aliceEvents.expect("private alice -> bob: psst");
        bobEvents.expect("private alice -> bob: psst");

        bob.rename("robert");
        bobEvents.expect("renamed bob -> robert (3)");
        aliceEvents.expect("renamed bob -> robert (3)");
        carolEvents.expect("renamed bob -> robert (3)"); // and no private message before it
        carol.who();
        carolEvents.expect("members alice, carol, robert");

        carol.close(); // no goodbye: the others notice the silence
        carolEvents.expect("disconnected: You closed the connection.");
        aliceEvents.expect("left carol (2): connection lost");
        bobEvents.expect("left carol (2): connection lost");

        alice.logout();
        aliceEvents.expect("bye logout: You left the group.", "disconnected: You left the group.");
        bobEvents.expect("left alice (1): logged out");
        bob.say("anyone?");
        bobEvents.expect("message robert: anyone?");
    }

    @Test
    void aClientThatSpeaksRoomsSeesEachEventInItsRoomAndRoomsOthersAreIn() throws Exception {
        Recorder aliceEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        UdpChatService alice = service(aliceEvents, Optional.empty(), true);
        assertTrue(alice.hasRooms());
        assertEquals(new LoggedIn("alice", 1, null, List.of(new RoomInfo("#lobby", null, 1, 1, true, false))),
                alice.login("alice", NO_PASSWORD));
        aliceEvents.expect(PLAINTEXT, "history end 0 false in #lobby");
        UdpChatService bob = service(bobEvents, Optional.empty(), true, alice);
        bob.login("bob", NO_PASSWORD);
        bobEvents.expect(PLAINTEXT, "history end 0 false in #lobby");
        aliceEvents.expect("joined bob in #lobby (2)");

        alice.join("#ops");
        aliceEvents.expect("room #ops (1)", "history end 0 false in #ops", "joined alice in #ops (1)");
        awaitRoomKnown(bob, bobEvents, "#ops");
        bob.join("#ops");
        bobEvents.expect("room #ops (2)", "history end 0 false in #ops", "joined bob in #ops (2)");
        aliceEvents.expect("joined bob in #ops (2)");
        bob.sayIn("#ops", "in ops");
        bob.sayIn("#lobby", "in the lobby");
        aliceEvents.expect("message bob in #ops: in ops", "message bob in #lobby: in the lobby");
        bobEvents.expect("message bob in #ops: in ops", "message bob in #lobby: in the lobby");
        alice.whoIn("#ops");
        aliceEvents.expect("members in #ops alice, bob");
        bob.historyOf("#ops", 0, 50);
        bobEvents.expect("history end 0 false in #ops");
        alice.part("#ops", null);
        aliceEvents.expect("left alice in #ops (1): left");
        bobEvents.expect("left alice in #ops (1): left");
        bob.listRooms(null, null);
        bobEvents.expect("RoomList[rooms=[RoomInfo[name=#lobby, topic=null, members=2, online=2, topicLocked=true,"
                + " inviteOnly=null, unread=null], RoomInfo[name=#ops, topic=null, members=1, online=1,"
                + " topicLocked=true, inviteOnly=null, unread=null]], more=false]");

        // What needs a server is refused, saying so, as a server refuses what a role does not allow.
        bob.setTopic("#lobby", "mine");
        bob.kick("#lobby", "alice", null);
        bobEvents.expect("error not_allowed [topic]: Peers have no owners, operators, topics or bans: that needs a"
                + " server (chat server).", "error not_allowed [kick]: Peers have no owners, operators, topics or"
                + " bans: that needs a server (chat server).");
        // Peers share files in the default room only: one for another room is refused before anything is sent.
        Path file = Files.writeString(dir.resolve("plan.txt"), "plan");
        IOException refused = assertThrows(IOException.class, () -> bob.sendFileToRoom(file, "#ops"));
        assertEquals("Between peers, files go to #lobby or to one person.", refused.getMessage());
        bob.sendFileToRoom(file, "#LOBBY");
        assertEquals(FileTransfer.State.DONE, bobEvents.ended().state());
    }

    @Test
    void aTakenNameIsRefusedAndTheSameServiceMayTryAnother() throws Exception {
        Recorder aliceEvents = new Recorder();
        UdpChatService alice = service(aliceEvents);
        alice.login("alice", NO_PASSWORD);
        Recorder otherEvents = new Recorder();
        UdpChatService other = service(otherEvents, alice);
        LoginException refused = assertThrows(LoginException.class, () -> other.login("ALICE", NO_PASSWORD));
        assertEquals(ErrorCode.NAME_TAKEN, refused.code());
        assertEquals("Someone in the group is already called 'ALICE'. Pick another name (if that was you before a"
                + " restart, wait 3 seconds for the old session to time out).", refused.getMessage());
        LoginException invalid = assertThrows(LoginException.class, () -> other.login("a b", NO_PASSWORD));
        assertEquals(ErrorCode.INVALID_NAME, invalid.code());
        assertEquals("A name may contain only letters, digits, '_', '-' and '.'.", invalid.getMessage());
        assertEquals(new LoggedIn("dave", 2), other.login("dave", NO_PASSWORD));
        otherEvents.expect(PLAINTEXT, "history end 0 false");
        aliceEvents.expect(PLAINTEXT, "history end 0 false", "joined dave (2)");
    }

    @Test
    void anEncryptedGroupTalksOnlyWithHoldersOfItsPassphrase() throws Exception {
        Path secret = Files.writeString(dir.resolve("group.key"), "correct horse battery staple\n");
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "incorrect horse\n");
        Recorder aliceEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        UdpChatService alice = service(aliceEvents, Optional.of(secret));
        alice.login("alice", NO_PASSWORD);
        aliceEvents.expect("history end 0 false"); // no plaintext warning
        UdpChatService bob = service(bobEvents, Optional.of(secret), alice);
        assertEquals(new LoggedIn("bob", 2), bob.login("bob", NO_PASSWORD));
        bob.say("between us");
        bobEvents.expect("history end 0 false", "message bob: between us");
        aliceEvents.expect("joined bob (2)", "message bob: between us");

        UdpChatService mallory = service(new Recorder(), Optional.of(wrong), alice);
        IOException refused = assertThrows(IOException.class, () -> mallory.login("mallory", NO_PASSWORD));
        assertEquals("No peer answered at 127.0.0.1:" + alice.localPort() + " within 2 seconds. A peer there told us"
                + " the group's salt but did not accept our hello: most likely your secret differs from the"
                + " group's.", refused.getMessage());
        assertTrue(alice.drops().count(Drop.UNAUTHENTICATED) > 0, alice.drops().toString());
        Files.writeString(wrong, "correct horse battery staple"); // she asks around and fixes her file
        assertEquals(new LoggedIn("mallory", 3), mallory.login("mallory", NO_PASSWORD));
        aliceEvents.expect("joined mallory (3)");

        UdpChatService eve = service(new Recorder(), alice);
        IOException plain = assertThrows(IOException.class, () -> eve.login("eve", NO_PASSWORD));
        assertEquals("The group at 127.0.0.1:" + alice.localPort() + " is encrypted. Start with --secret FILE, the"
                + " file holding the group's passphrase.", plain.getMessage());
        assertTrue(alice.drops().count(Drop.WRONG_MODE) > 0, alice.drops().toString());
    }

    @Test
    void aSecretCannotJoinAPlaintextGroup() throws Exception {
        Path secret = Files.writeString(dir.resolve("group.key"), "correct horse battery staple");
        UdpChatService alice = service(new Recorder());
        alice.login("alice", NO_PASSWORD);
        UdpChatService bob = service(new Recorder(), Optional.of(secret), alice);
        IOException e = assertThrows(IOException.class, () -> bob.login("bob", NO_PASSWORD));
        assertEquals("The group at 127.0.0.1:" + alice.localPort() + " is not encrypted, but you gave --secret."
                + " Leave out --secret to join it in plaintext.", e.getMessage());
    }

    @Test
    void badDatagramsAreDroppedAndCountedAndThePeerCarriesOn() throws Exception {
        Recorder aliceEvents = new Recorder();
        UdpChatService alice = service(aliceEvents);
        alice.login("alice", NO_PASSWORD);
        InetSocketAddress target = new InetSocketAddress(LOOPBACK, alice.localPort());
        byte[] random = new byte[300];
        new Random(1).nextBytes(random);
        try (DatagramSocket attacker = new DatagramSocket(0, LOOPBACK)) {
            for (byte[] bad : List.of(random, new byte[] {'C', 'R'}, new byte[] {'C', 'R', 9, 0, 1},
                    new byte[1500], Envelope.plain(new byte[] {PacketCodec.DATA, 1, 2, 3}))) {
                attacker.send(new DatagramPacket(bad, bad.length, target));
            }
        }
        // Datagrams on one socket are taken in order: once bob is in, the bad ones were handled.
        Recorder bobEvents = new Recorder();
        UdpChatService bob = service(bobEvents, alice);
        bob.login("bob", NO_PASSWORD);
        aliceEvents.expect(PLAINTEXT, "history end 0 false", "joined bob (2)");
        assertEquals(3, alice.drops().count(Drop.MALFORMED), alice.drops().toString());
        assertEquals(1, alice.drops().count(Drop.WRONG_VERSION));
        assertEquals(1, alice.drops().count(Drop.OVERSIZED));
        bob.say("still here");
        aliceEvents.expect("message bob: still here");
    }

    @Test
    void requestsBeforeLoginAreRefusedAndLogoutEndsTheSession() throws Exception {
        Recorder events = new Recorder();
        UdpChatService alone = service(events);
        alone.say("hello?");
        events.expect("error not_logged_in [say]: Log in first.");
        alone.logout();
        events.expect("bye logout: You left the group.", "disconnected: You left the group.");
        alone.say("after the end");
        IOException e = assertThrows(IOException.class, () -> alone.login("alice", NO_PASSWORD));
        assertEquals("This chat session has ended; start a new one.", e.getMessage());
        alone.close();
        assertEquals(null, events.lines.poll(), "nothing after the disconnect");
    }

    @Test
    void aFileGoesFromOnePeerToAnotherOverRealSockets() throws Exception {
        Recorder aliceEvents = new Recorder();
        Recorder bobEvents = new Recorder();
        UdpChatService alice = service(aliceEvents);
        alice.login("alice", NO_PASSWORD);
        aliceEvents.expect(PLAINTEXT, "history end 0 false");
        UdpChatService bob = service(bobEvents, alice);
        bob.login("bob", NO_PASSWORD);
        bobEvents.expect(PLAINTEXT, "history end 0 false");
        aliceEvents.expect("joined bob (2)");
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("random.bin"), content);

        String id = alice.sendFile(file, "bob");
        alice.say("the file is coming");
        bobEvents.expect("message alice: the file is coming");

        FileTransfer received = bobEvents.ended();
        assertEquals(FileTransfer.State.DONE, received.state(), received.message());
        assertArrayEquals(content, Files.readAllBytes(received.file()));
        FileTransfer sent = aliceEvents.ended();
        assertEquals(id, sent.id());
        assertEquals("Sent random.bin to bob.", sent.message());
    }

    @Test
    void aTakenPortIsExplained() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
            UdpChatService service = new UdpChatService(new PeerOptions(taken.getLocalPort(), List.of(),
                    Optional.empty()), CONFIG, new Recorder(), new Downloads(dir));
            services.add(service);
            IOException e = assertThrows(IOException.class, () -> service.login("alice", NO_PASSWORD));
            assertTrue(e.getMessage().startsWith("Cannot listen on UDP port " + taken.getLocalPort() + ": "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(". Pick another --listen port, or 0 for any free one."),
                    e.getMessage());
        }
    }

    @Test
    void readsThePassphraseWithoutItsLineEnding() throws Exception {
        assertArrayEquals("pass phrase ".toCharArray(),
                UdpChatService.readSecret(Files.writeString(dir.resolve("a"), "pass phrase \r\n")));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals("The secret file " + empty + " is empty; put the group's passphrase in it.",
                assertThrows(IOException.class, () -> UdpChatService.readSecret(empty)).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("The secret file " + missing + " does not exist.",
                assertThrows(IOException.class, () -> UdpChatService.readSecret(missing)).getMessage());
        Path huge = Files.write(dir.resolve("huge"), new byte[UdpChatService.MAX_SECRET_BYTES + 1]);
        assertEquals("The secret file " + huge + " is larger than 4096 bytes; it should hold just the group's"
                + " passphrase.", assertThrows(IOException.class, () -> UdpChatService.readSecret(huge)).getMessage());
        assertEquals("ünïcode", new String(UdpChatService.readSecret(Files.write(dir.resolve("u"),
                "ünïcode\n".getBytes(StandardCharsets.UTF_8)))));
    }
}
