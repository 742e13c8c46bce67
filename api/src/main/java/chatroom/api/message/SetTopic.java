package chatroom.api.message;

/** Set a room's topic, or clear it with empty text (protocol 2). */
public record SetTopic(String room, String text) implements ClientMessage {
    public static final String TYPE = "topic";

    public SetTopic {
        Fields.required(room, "room");
        Fields.required(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
