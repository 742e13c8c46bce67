package chatroom.transport.udp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many datagrams were dropped, by reason. Thread-safe. */
final class DropCounters {
    private final AtomicLongArray counts = new AtomicLongArray(Drop.values().length);

    void add(Drop reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    long count(Drop reason) {
        return counts.get(reason.ordinal());
    }

    /** Every non-zero count, for reports and test failure messages. */
    Map<Drop, Long> snapshot() {
        Map<Drop, Long> snapshot = new EnumMap<>(Drop.class);
        for (Drop reason : Drop.values()) {
            long count = count(reason);
            if (count > 0) {
                snapshot.put(reason, count);
            }
        }
        return snapshot;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
