package chatroom.api.message;

/**
 * A private message; the sender receives a copy, so both sides see the conversation. {@code cid} is the sender's
 * client message id, present only in the sender's copy of a {@link Tell} that had one.
 */
public record PrivateMessage(long ts, String from, String to, String text, String cid) implements ServerMessage {
    public static final String TYPE = "private";

    public PrivateMessage {
        Fields.required(from, "from");
        Fields.required(to, "to");
        Fields.required(text, "text");
    }

    public PrivateMessage(long ts, String from, String to, String text) {
        this(ts, from, to, text, null);
    }

    /** This message as the sender's own copy, carrying the client message id of its {@link Tell}. */
    public PrivateMessage withCid(String clientId) {
        return new PrivateMessage(ts, from, to, text, clientId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
