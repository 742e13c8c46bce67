package chatroom.transport.udp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Left;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
}
