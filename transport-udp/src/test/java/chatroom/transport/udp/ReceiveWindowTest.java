package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiveWindowTest {
    private final DropCounters drops = new DropCounters();
    private final ReceiveWindow window = new ReceiveWindow(8, drops);

    private List<String> accept(long seq, boolean last, String chunk) {
        List<String> messages = new ArrayList<>();
        for (byte[] message : window.accept(seq, last, chunk.getBytes(StandardCharsets.UTF_8))) {
            messages.add(new String(message, StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Test
    void deliversInOrderWhateverTheArrivalOrder() {
        assertEquals(List.of(), accept(2, true, "second"));
        assertEquals(List.of(), accept(4, true, "fourth"));
        assertEquals(List.of("first", "second"), accept(1, true, "first"));
        assertEquals(List.of("third", "fourth"), accept(3, true, "third"));
    }

    @Test
    void joinsPiecesIntoMessages() {
        assertEquals(List.of(), accept(1, false, "hel"));
        assertEquals(List.of(), accept(3, true, "!"));
        assertEquals(List.of("hello!"), accept(2, false, "lo"));
    }

    @Test
    void dropsAndCountsDuplicatesAndPiecesBeyondTheWindow() {
        accept(1, true, "a");
        accept(3, true, "c");
        assertEquals(List.of(), accept(1, true, "a"));
        assertEquals(List.of(), accept(3, true, "c"));
        assertEquals(2, drops.count(Drop.DUPLICATE));
        assertEquals(List.of(), accept(10, true, "too far"));
        assertEquals(1, drops.count(Drop.BEYOND_WINDOW));
        assertEquals(List.of("b", "c"), accept(2, true, "b"));
    }

    @Test
    void acknowledgesCumulativelyAndSelectively() {
        accept(1, true, "a");
        assertEquals(new Acknowledgement(1, List.of()), window.acknowledgement());
        accept(3, true, "c");
        accept(4, true, "d");
        accept(6, true, "f");
        assertEquals(new Acknowledgement(1, List.of(new Acknowledgement.Range(3, 4), new Acknowledgement.Range(6, 6))),
                window.acknowledgement());
    }

    @Test
    void reportsAtMostEightRanges() {
        ReceiveWindow wide = new ReceiveWindow(64, drops);
        for (long seq = 2; seq <= 40; seq += 2) {
            wide.accept(seq, true, new byte[0]);
        }
        Acknowledgement ack = wide.acknowledgement();
        assertEquals(Wire.MAX_SACK_RANGES, ack.ranges().size());
        assertEquals(new Acknowledgement.Range(2, 2), ack.ranges().get(0));
        assertEquals(new Acknowledgement.Range(16, 16), ack.ranges().get(7));
    }

    @Test
    void discardsAMessageTooLargeToReassembleAndGoesOn() {
        ReceiveWindow big = new ReceiveWindow(128, drops);
        byte[] chunk = new byte[Wire.MAX_CHUNK];
        long seq = 1;
        for (int i = 0; i < Wire.MAX_MESSAGE / Wire.MAX_CHUNK; i++) {
            assertEquals(List.of(), big.accept(seq++, false, chunk));
        }
        assertEquals(List.of(), big.accept(seq++, true, new byte[1]), "one byte over the limit");
        assertEquals(1, drops.count(Drop.TOO_LARGE));
        List<byte[]> next = big.accept(seq, true, new byte[] {7});
        assertEquals(1, next.size());
        assertEquals(7, next.get(0)[0]);
    }
}
