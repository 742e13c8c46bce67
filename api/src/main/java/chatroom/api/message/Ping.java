package chatroom.api.message;

/** Asks the server for a {@link Pong}, to check that the connection is alive. */
public record Ping() implements ClientMessage {
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}
