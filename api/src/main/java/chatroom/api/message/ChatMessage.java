package chatroom.api.message;

/**
 * A message in the room. The server sets the id (increasing), the time (milliseconds since the epoch) and the
 * sender's name; {@code history} marks an entry replayed from the past rather than said just now.
 */
public record ChatMessage(long id, long ts, String from, String text, boolean history) implements ServerMessage {
    public static final String TYPE = "message";

    public ChatMessage {
        Fields.required(from, "from");
        Fields.required(text, "text");
    }

    /** This message as a history entry. */
    public ChatMessage asHistory() {
        return history ? this : new ChatMessage(id, ts, from, text, true);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
