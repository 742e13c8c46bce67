package chatroom.transport.udp;

import chatroom.api.rules.Names;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members this peer has links with, and two memories of ids: who was linked before (a return is announced
 * as a join) and who said goodbye (their late or replayed packets are refused).
 */
final class Roster {
    private static final int REMEMBERED_IDS = 256;

    private final Map<Long, Member> members = new LinkedHashMap<>();
    private final RecentIds linkedBefore = new RecentIds(REMEMBERED_IDS);
    private final RecentIds departed = new RecentIds(REMEMBERED_IDS);

    Optional<Member> get(long id) {
        return Optional.ofNullable(members.get(id));
    }

    void add(Member member) {
        members.put(member.id, member);
    }

    /** Removes a member; {@code leaving}: it said goodbye and will not come back under this id. */
    void remove(Member member, boolean leaving) {
        members.remove(member.id);
        if (member.link.confirmed()) {
            linkedBefore.add(member.id);
        }
        if (leaving) {
            departed.add(member.id);
        }
    }

    boolean wasLinkedBefore(long id) {
        return linkedBefore.contains(id);
    }

    boolean departed(long id) {
        return departed.contains(id);
    }

    /** The member with this name, ignoring case, confirmed or not: a name stays taken while in doubt. */
    Optional<Member> byName(String name) {
        return members.values().stream().filter(member -> Names.same(member.name, name)).findFirst();
    }

    /** Members whose links are confirmed: the ones users see. */
    List<Member> confirmed() {
        return members.values().stream().filter(member -> member.link.confirmed()).toList();
    }

    boolean hasAddress(InetSocketAddress address) {
        return members.values().stream().anyMatch(member -> member.address.equals(address));
    }

    /** A copy, so callers may remove members while going through it. */
    List<Member> all() {
        return new ArrayList<>(members.values());
    }

    int size() {
        return members.size();
    }

    void clear() {
        for (Member member : all()) {
            remove(member, false);
        }
    }
}
