package chatroom.transport.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The receiving half of a link: drops duplicates, holds pieces that arrive early (at most {@code window} beyond
 * what was delivered), releases them in order to the {@link Reassembly}, and says what it has. Not thread-safe.
 */
final class ReceiveWindow {
    private record Early(boolean last, byte[] chunk) {
    }

    private final int window;
    private final DropCounters drops;
    private final NavigableMap<Long, Early> early = new TreeMap<>();
    private final Reassembly reassembly = new Reassembly();
    private long cumulative;

    ReceiveWindow(int window, DropCounters drops) {
        this.window = window;
        this.drops = drops;
    }

    /** Takes a piece; returns the messages it completes, in order (usually none or one). */
    List<byte[]> accept(long seq, boolean last, byte[] chunk) {
        if (seq <= cumulative || early.containsKey(seq)) {
            drops.add(Drop.DUPLICATE);
            return List.of();
        }
        if (seq > cumulative + window) {
            drops.add(Drop.BEYOND_WINDOW);
            return List.of();
        }
        early.put(seq, new Early(last, chunk));
        List<byte[]> messages = new ArrayList<>(1);
        Map.Entry<Long, Early> next;
        while ((next = early.firstEntry()) != null && next.getKey() == cumulative + 1) {
            early.pollFirstEntry();
            cumulative++;
            try {
                reassembly.add(next.getValue().chunk(), next.getValue().last()).ifPresent(messages::add);
            } catch (BadDatagramException e) {
                drops.add(e.reason());
            }
        }
        return messages;
    }

    /** What this side has: everything up to the cumulative number, and the lowest runs held early. */
    Acknowledgement acknowledgement() {
        List<Acknowledgement.Range> ranges = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (long seq : early.keySet()) {
            if (first >= 0 && seq == last + 1) {
                last = seq;
                continue;
            }
            if (first >= 0) {
                ranges.add(new Acknowledgement.Range(first, last));
                if (ranges.size() == Wire.MAX_SACK_RANGES) {
                    return new Acknowledgement(cumulative, ranges);
                }
            }
            first = seq;
            last = seq;
        }
        if (first >= 0) {
            ranges.add(new Acknowledgement.Range(first, last));
        }
        return new Acknowledgement(cumulative, ranges);
    }
}
