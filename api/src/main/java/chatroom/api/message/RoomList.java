package chatroom.api.message;

import java.util.List;

/**
 * A page of the room list, in the order of the rooms' names, answering {@link ListRooms} (protocol 2).
 *
 * @param more whether rooms after the last one listed match too
 */
public record RoomList(List<RoomInfo> rooms, boolean more) implements ServerMessage {
    public static final String TYPE = "room_list";

    public RoomList {
        rooms = Fields.list(rooms, "rooms");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
