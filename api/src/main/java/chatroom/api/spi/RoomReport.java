package chatroom.api.spi;

import chatroom.api.message.Member;
import chatroom.api.message.RoomInfo;

import java.util.List;

/**
 * What the operator's console shows of a room: what it is, its members (with their roles and whether online) and
 * the accounts banned from it.
 */
public record RoomReport(RoomInfo room, List<Member> members, List<String> bans) {
    public RoomReport {
        members = List.copyOf(members);
        bans = List.copyOf(bans);
    }
}
