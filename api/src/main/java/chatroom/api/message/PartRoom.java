package chatroom.api.message;

/** Leave a room, with an optional reason the others see (protocol 2). */
public record PartRoom(String room, String reason) implements ClientMessage {
    public static final String TYPE = "part";

    public PartRoom {
        Fields.required(room, "room");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
