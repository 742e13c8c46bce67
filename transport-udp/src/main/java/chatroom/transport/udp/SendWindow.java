package chatroom.transport.udp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The sending half of a link: splits messages into numbered pieces, keeps each until it is acknowledged, and decides
 * what to (re)transmit. At most {@code window} pieces beyond the receiver's cumulative acknowledgement are in flight
 * and at most {@code capacity} pieces wait in all. Retransmission follows RFC 6298 (one timer per link, restarted
 * by new cumulative acknowledgements, backed off on expiry) plus a fast retransmit of holes that selective
 * acknowledgements reveal. Not thread-safe.
 */
final class SendWindow {
    /** A hole is retransmitted early once this many later pieces are known received. */
    static final int REORDER_THRESHOLD = 3;
    /** Piece numbers are 32 bits on the wire; a link never wraps them. */
    static final long MAX_SEQ = 0xFFFF_FFFFL;

    /** One piece of a message, waiting for its acknowledgement. */
    static final class Piece {
        final long seq;
        final boolean last;
        final byte[] chunk;
        int transmissions;
        long lastSent;

        Piece(long seq, boolean last, byte[] chunk) {
            this.seq = seq;
            this.last = last;
            this.chunk = chunk;
        }
    }

    private final int window;
    private final int capacity;
    private final RetransmissionTimeout timeout;
    private final NavigableMap<Long, Piece> unacked = new TreeMap<>();
    private long nextSeq = 1;
    private long nextToSend = 1;
    private long cumulative;
    private long highestReceived;
    private long deadline = -1;

    SendWindow(int window, int capacity, RetransmissionTimeout timeout) {
        this.window = window;
        this.capacity = capacity;
        this.timeout = timeout;
    }

    /** Whether a message of this many bytes fits now. */
    boolean hasRoomFor(int messageBytes) {
        int pieces = pieces(messageBytes);
        return unacked.size() + pieces <= capacity && nextSeq + pieces <= MAX_SEQ;
    }

    /** Queues a message; false (and nothing queued) when it does not fit. */
    boolean offer(byte[] message) {
        if (!hasRoomFor(message.length)) {
            return false;
        }
        int pieces = pieces(message.length);
        for (int i = 0; i < pieces; i++) {
            int from = i * Wire.MAX_CHUNK;
            int to = Math.min(message.length, from + Wire.MAX_CHUNK);
            Piece piece = new Piece(nextSeq++, i == pieces - 1, Arrays.copyOfRange(message, from, to));
            unacked.put(piece.seq, piece);
        }
        return true;
    }

    /** Takes the receiver's acknowledgement; pieces it names are done. Claims about unsent pieces are ignored. */
    void acknowledge(Acknowledgement ack, long now) {
        long sent = nextToSend - 1;
        long measuredSentAt = -1;
        boolean advanced = false;
        long cum = Math.min(ack.cumulative(), sent);
        if (cum > cumulative) {
            measuredSentAt = done(unacked.headMap(cum, true), measuredSentAt);
            cumulative = cum;
            advanced = true;
        }
        for (Acknowledgement.Range range : ack.ranges()) {
            long first = Math.max(range.first(), cumulative + 1);
            long last = Math.min(range.last(), sent);
            if (first <= last) {
                measuredSentAt = done(unacked.subMap(first, true, last, true), measuredSentAt);
                highestReceived = Math.max(highestReceived, last);
            }
        }
        highestReceived = Math.max(highestReceived, cumulative);
        if (measuredSentAt >= 0) {
            timeout.sample(now - measuredSentAt);
        }
        if (advanced) {
            deadline = inFlight() ? now + timeout.rto() : -1; // RFC 6298, 5.2 and 5.3
        }
    }

    /** Removes acknowledged pieces; returns the latest send time among those sent once (Karn's rule). */
    private static long done(Map<Long, Piece> acknowledged, long measuredSentAt) {
        long latest = measuredSentAt;
        for (Piece piece : acknowledged.values()) {
            if (piece.transmissions == 1) {
                latest = Math.max(latest, piece.lastSent);
            }
        }
        acknowledged.clear();
        return latest;
    }

    /**
     * Hands over what is due now: retransmissions after a timeout or a revealed hole, then new pieces the window
     * allows. Returns how many pieces were handed over.
     */
    int poll(long now, Consumer<Piece> transmit) {
        int count = 0;
        if (deadline >= 0 && now >= deadline) {
            count += retransmitAfterTimeout(now, transmit);
        } else if (highestReceived > cumulative) {
            count += retransmitHoles(now, transmit);
        }
        while (nextToSend < nextSeq && nextToSend <= cumulative + window) {
            Piece piece = unacked.get(nextToSend++);
            send(piece, now, transmit);
            count++;
        }
        return count;
    }

    /**
     * RFC 6298, 5.4 to 5.6: the earliest piece goes again, the timeout doubles and the timer restarts. Pieces sent
     * as long ago as the earliest go too: each would have timed out on its own, and waiting one doubled timeout per
     * lost piece makes a burst's tail crawl.
     */
    private int retransmitAfterTimeout(long now, Consumer<Piece> transmit) {
        long overdue = timeout.rto();
        int count = 0;
        for (Piece piece : unacked.headMap(nextToSend, false).values()) {
            if (count == 0 || now - piece.lastSent >= overdue) {
                send(piece, now, transmit);
                count++;
            }
        }
        timeout.backOff();
        deadline = count > 0 ? now + timeout.rto() : -1;
        return count;
    }

    /** Pieces below later received ones are probably lost; resend them at most once per round trip. */
    private int retransmitHoles(long now, Consumer<Piece> transmit) {
        long roundTrip = timeout.smoothedRoundTrip();
        int count = 0;
        for (Piece piece : unacked.headMap(highestReceived - REORDER_THRESHOLD, true).values()) {
            if (now - piece.lastSent >= roundTrip) {
                send(piece, now, transmit);
                count++;
            }
        }
        return count;
    }

    private void send(Piece piece, long now, Consumer<Piece> transmit) {
        piece.transmissions++;
        piece.lastSent = now;
        if (deadline < 0) {
            deadline = now + timeout.rto();
        }
        transmit.accept(piece);
    }

    private boolean inFlight() {
        return !unacked.headMap(nextToSend, false).isEmpty();
    }

    /** Nothing waits for an acknowledgement. */
    boolean idle() {
        return unacked.isEmpty();
    }

    // Package access for tests
    List<Long> unacknowledged() {
        return new ArrayList<>(unacked.keySet());
    }

    private static int pieces(int messageBytes) {
        return Math.max(1, (messageBytes + Wire.MAX_CHUNK - 1) / Wire.MAX_CHUNK);
    }
}
