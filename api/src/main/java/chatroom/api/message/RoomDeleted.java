package chatroom.api.message;

/** A room was deleted with its history (protocol 2); to everyone who was in it. */
public record RoomDeleted(String room, long ts, String by) implements ServerMessage {
    public static final String TYPE = "room_deleted";

    public RoomDeleted {
        Fields.required(room, "room");
        Fields.required(by, "by");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
