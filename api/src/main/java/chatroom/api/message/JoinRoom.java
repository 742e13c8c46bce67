package chatroom.api.message;

/** Join a room, creating it when it does not exist and the server lets this user (protocol 2). */
public record JoinRoom(String room) implements ClientMessage {
    public static final String TYPE = "join";

    public JoinRoom {
        Fields.required(room, "room");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
