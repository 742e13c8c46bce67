package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendWindowTest {
    private final RetransmissionTimeout timeout = new RetransmissionTimeout(1000, 200, 5000);
    private final SendWindow window = new SendWindow(4, 10, timeout);

    private List<Long> poll(long now) {
        List<Long> sent = new ArrayList<>();
        window.poll(now, piece -> sent.add(piece.seq));
        return sent;
    }

    private static Acknowledgement ack(long cumulative, long... ranges) {
        List<Acknowledgement.Range> list = new ArrayList<>();
        for (int i = 0; i < ranges.length; i += 2) {
            list.add(new Acknowledgement.Range(ranges[i], ranges[i + 1]));
        }
        return new Acknowledgement(cumulative, list);
    }

    private void offer(int messages) {
        for (int i = 0; i < messages; i++) {
            assertTrue(window.offer(new byte[] {(byte) i}));
        }
    }

    @Test
    void splitsLargeMessagesIntoPiecesAndMarksTheLast() {
        byte[] message = new byte[2 * Wire.MAX_CHUNK + 5];
        message[Wire.MAX_CHUNK] = 42;
        assertTrue(window.offer(message));
        List<SendWindow.Piece> pieces = new ArrayList<>();
        window.poll(0, pieces::add);
        assertEquals(3, pieces.size());
        assertEquals(List.of(false, false, true), pieces.stream().map(piece -> piece.last).toList());
        assertEquals(5, pieces.get(2).chunk.length);
        assertEquals(42, pieces.get(1).chunk[0]);
        assertTrue(window.offer(new byte[0]));
        window.poll(0, pieces::add);
        assertArrayEquals(new byte[0], pieces.get(3).chunk);
        assertTrue(pieces.get(3).last);
    }

    @Test
    void keepsAtMostTheWindowInFlightAndRefusesBeyondItsCapacity() {
        offer(10);
        assertFalse(window.offer(new byte[1]), "ten pieces wait already");
        assertEquals(List.of(1L, 2L, 3L, 4L), poll(0));
        assertEquals(List.of(), poll(10));
        window.acknowledge(ack(2), 100);
        assertEquals(List.of(5L, 6L), poll(100));
        assertTrue(window.offer(new byte[1]));
    }

    @Test
    void selectiveAcknowledgementsFinishPiecesAndRevealHoles() {
        offer(8);
        poll(0);
        window.acknowledge(ack(1), 100);
        assertEquals(List.of(5L), poll(100));
        window.acknowledge(ack(1, 3, 5), 120); // 2 is missing, 3 to 5 arrived
        assertEquals(List.of(2L, 6L, 7L, 8L), window.unacknowledged());
        assertEquals(List.of(2L), poll(120), "the hole goes again before the timeout; the window waits for it");
        assertEquals(List.of(), poll(150), "at most once per round trip");
        window.acknowledge(ack(5), 200);
        assertEquals(List.of(6L, 7L, 8L), poll(200));
    }

    @Test
    void aTimeoutResendsTheEarliestPieceAndBacksOff() {
        offer(3);
        poll(0);
        assertEquals(List.of(), poll(999));
        assertEquals(List.of(1L, 2L, 3L), poll(1000), "all three were sent a timeout ago");
        assertEquals(2000, timeout.rto());
        assertEquals(List.of(), poll(2999));
        assertEquals(List.of(1L, 2L, 3L), poll(3000));
        assertEquals(4000, timeout.rto());
    }

    @Test
    void measuresOnlyPiecesSentOnce() {
        offer(2);
        poll(0);
        poll(1000); // both resent: Karn's rule forbids measuring them
        window.acknowledge(ack(2), 1100);
        assertEquals(2000, timeout.rto(), "no measurement, the backed-off timeout stays");
        offer(1);
        poll(1200);
        window.acknowledge(ack(3), 1300);
        assertEquals(300, timeout.rto(), "a round trip of 100 ms");
    }

    @Test
    void anAcknowledgementRestartsTheTimer() {
        offer(2);
        poll(0);
        poll(500);
        window.acknowledge(ack(1), 800);
        assertEquals(List.of(), poll(1000), "restarted at 800 with the measured timeout");
        assertEquals(List.of(2L), poll(800 + timeout.rto()));
    }

    @Test
    void ignoresClaimsAboutPiecesNeverSent() {
        offer(6);
        poll(0); // 1 to 4 in flight
        window.acknowledge(ack(9, 11, 12), 50);
        assertEquals(List.of(5L, 6L), window.unacknowledged());
        assertFalse(window.idle());
        window.acknowledge(ack(6), 60);
        assertEquals(List.of(5L, 6L), window.unacknowledged(), "5 and 6 were never sent");
        poll(60);
        window.acknowledge(ack(6), 70);
        assertTrue(window.idle());
    }
}
