package chatroom.transport.udp;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/** The last few peer ids seen in some role; the oldest is forgotten first, so it stays bounded. */
final class RecentIds {
    private final int capacity;
    private final Set<Long> ids = new HashSet<>();
    private final ArrayDeque<Long> order = new ArrayDeque<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    void add(long id) {
        if (ids.add(id)) {
            order.addLast(id);
            if (order.size() > capacity) {
                ids.remove(order.removeFirst());
            }
        }
    }

    boolean contains(long id) {
        return ids.contains(id);
    }
}
