package chatroom.api.message;

/**
 * A room's topic changed (protocol 2); to everyone in the room.
 *
 * @param by   who changed it
 * @param text the new topic; empty when it was cleared
 */
public record TopicChanged(String room, long ts, String by, String text) implements ServerMessage {
    public static final String TYPE = "topic";

    public TopicChanged {
        Fields.required(room, "room");
        Fields.required(by, "by");
        Fields.required(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
