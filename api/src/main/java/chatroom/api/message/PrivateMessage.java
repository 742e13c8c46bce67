package chatroom.api.message;

/** A private message; the sender receives a copy, so both sides see the conversation. */
public record PrivateMessage(long ts, String from, String to, String text) implements ServerMessage {
    public static final String TYPE = "private";

    public PrivateMessage {
        Fields.required(from, "from");
        Fields.required(to, "to");
        Fields.required(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
