package chatroom.api.message;

/**
 * Delete a room with its history (protocol 2; its owner). {@code confirm} repeats the room's name, so that a
 * mistaken request deletes nothing; clients ask the user before sending it.
 */
public record DeleteRoom(String room, String confirm) implements ClientMessage {
    public static final String TYPE = "delete_room";

    public DeleteRoom {
        Fields.required(room, "room");
        Fields.required(confirm, "confirm");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
