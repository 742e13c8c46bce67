package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Left;
import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossyChannelTest {
    private static final int MESSAGES = 10_000;

    @Test
    void threePeersExchangeTenThousandMessagesExactlyOnceInEachSendersOrder() {
        SimulatedNetwork network = new SimulatedNetwork(20_240_601, 10).conditions(0.20, 0.10, 1, 60);
        PeerConfig config = PeerConfig.defaults();
        SimulatedNetwork.SimPeer alice = network.peer("10.0.0.1", config);
        SimulatedNetwork.SimPeer bob = network.peer("10.0.0.2", config);
        SimulatedNetwork.SimPeer carol = network.peer("10.0.0.3", config);
        List<SimulatedNetwork.SimPeer> all = List.of(alice, bob, carol);

        alice.join("alice");
        bob.join("bob", alice);
        carol.join("carol", bob); // knows bob only: finds alice through gossip
        assertTrue(network.runUntil(() -> all.stream().allMatch(p -> p.peer.memberNames().size() == 2), 60_000),
                "the group did not form");

        // 10,000 messages in all, each sender as fast as its links take them.
        int[] quota = {3334, 3333, 3333};
        int[] said = new int[3];
        long deadline = network.now() + 600_000;
        while (network.now() < deadline && (said[0] < quota[0] || said[1] < quota[1] || said[2] < quota[2]
                || network.now() % 1000 != 0 || !allDelivered(all, quota))) {
            for (int i = 0; i < 3; i++) {
                for (int burst = 0; burst < 4 && said[i] < quota[i]; burst++) {
                    if (!all.get(i).say(all.get(i).peer.name() + " " + said[i])) {
                        break; // slow down: try again next tick
                    }
                    said[i]++;
                }
            }
            network.step();
        }

        for (int s = 0; s < 3; s++) {
            List<String> expected = new ArrayList<>();
            String sender = all.get(s).peer.name();
            for (int n = 0; n < quota[s]; n++) {
                expected.add(sender + " " + n);
            }
            for (SimulatedNetwork.SimPeer receiver : all) {
                List<String> got = receiver.events(ChatMessage.class, m -> m.from().equals(sender)).stream()
                        .map(ChatMessage::text).toList();
                assertEquals(expected, got, sender + "'s messages as " + receiver + " saw them");
            }
        }
        for (SimulatedNetwork.SimPeer peer : all) {
            assertEquals(List.of(), peer.events(Left.class), "nobody timed out");
            assertEquals(List.of(), peer.events(ErrorReply.class, e -> !e.code().equals("slow_down")));
            Map<Drop, Long> drops = peer.drops.snapshot();
            assertTrue(drops.getOrDefault(Drop.DUPLICATE, 0L) > 0, "duplicates were suppressed: " + drops);
            assertEquals(0, drops.getOrDefault(Drop.MALFORMED, 0L));
        }
    }

    private static boolean allDelivered(List<SimulatedNetwork.SimPeer> all, int[] quota) {
        int total = quota[0] + quota[1] + quota[2];
        return all.stream().allMatch(peer -> peer.events(ChatMessage.class).size() == total);
    }

    @Test
    void aFiveMebibyteFileCrossesIntactWhileTheChatGoesOn(@TempDir Path temp) throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(20_240_602, 10).conditions(0.20, 0.10, 1, 60);
        PeerConfig config = PeerConfig.defaults();
        SimulatedNetwork.SimPeer alice = network.peer("10.0.0.1", config);
        SimulatedNetwork.SimPeer bob = network.peer("10.0.0.2", config);
        bob.peer.receiveFilesIn(new Downloads(temp.resolve("bob")));
        alice.join("alice");
        bob.join("bob", alice);
        assertTrue(network.runUntil(() -> alice.peer.memberNames().size() == 1
                && bob.peer.phase() == Peer.Phase.ONLINE, 60_000), "the group did not form");
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(5).nextBytes(content);
        Path file = Files.write(temp.resolve("random.bin"), content);

        String id = alice.peer.sendFile(file, null, network.now());
        assertTrue(network.runUntil(() -> bob.transfers.stream().anyMatch(t -> t.bytes() > 0), 60_000));
        assertTrue(bob.say("still here"));
        assertTrue(alice.say("me too"));
        assertTrue(network.runUntil(() -> alice.finished().containsKey(id), 1_800_000), "the file never arrived");

        FileTransfer sent = alice.finished().get(id);
        assertEquals(FileTransfer.State.DONE, sent.state(), sent.message());
        assertEquals("Sent random.bin to 1 of 1 person in the group.", sent.message());
        FileTransfer received = bob.finished().values().iterator().next();
        assertEquals(FileTransfer.State.DONE, received.state(), received.message());
        assertEquals(temp.resolve("bob").resolve("random.bin"), received.file());
        assertArrayEquals(content, Files.readAllBytes(received.file()));
        ChatMessage meToo = bob.events(ChatMessage.class, m -> m.text().equals("me too")).getFirst();
        assertTrue(bob.timeline.indexOf(meToo) < bob.timeline.indexOf(received), "the chat waited for the file");
        assertEquals(1, alice.events(ChatMessage.class, m -> m.text().equals("still here")).size());
        assertEquals(List.of(), bob.events(ErrorReply.class));
        Map<Drop, Long> drops = bob.drops.snapshot();
        assertTrue(drops.getOrDefault(Drop.DUPLICATE, 0L) > 0, "the channel was lossy: " + drops);
    }
}
