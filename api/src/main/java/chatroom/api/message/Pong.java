package chatroom.api.message;

/** The answer to {@link Ping}. */
public record Pong() implements ServerMessage {
    public static final String TYPE = "pong";

    @Override
    public String type() {
        return TYPE;
    }
}
