package chatroom.transport.udp;

import chatroom.api.rules.RoomNames;

import java.net.InetSocketAddress;
import java.util.Set;

/** Someone this peer has a link with. */
final class Member {
    final long id;
    final Link link;
    /** When the member logged in, on this peer's wall clock (from the age its hello or welcome gave). */
    final long since;
    /** When the member logged in, on this peer's monotonic clock; decides who is the newcomer. */
    final long started;
    String name;
    /** Where its packets come from; follows the member if its address changes. */
    InetSocketAddress address;
    /**
     * Between its link's confirmation and its first MEMBERS: whether to announce it then (null once settled). Its
     * ROOMS come before that MEMBERS, so the announcement names the right rooms.
     */
    Boolean announceOnFirstWord;
    /** The keys of the rooms it said it is in; a member that never said (a peer from before rooms) is in the lobby. */
    Set<String> rooms = Set.of(RoomNames.key(RoomNames.DEFAULT_ROOM));

    /** Whether the member is in the room with this key. */
    boolean isIn(String roomKey) {
        return rooms.contains(roomKey);
    }

    Member(long id, String name, InetSocketAddress address, long since, long started, Link link) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.since = since;
        this.started = started;
        this.link = link;
    }
}
