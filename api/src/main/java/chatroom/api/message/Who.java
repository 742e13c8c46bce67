package chatroom.api.message;

/** Asks who is online; answered with {@link Members}. */
public record Who() implements ClientMessage {
    public static final String TYPE = "who";

    @Override
    public String type() {
        return TYPE;
    }
}
