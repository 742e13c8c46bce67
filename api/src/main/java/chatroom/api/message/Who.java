package chatroom.api.message;

/** Asks who is online; answered with {@link Members}. */
public record Who(String room) implements ClientMessage {
    public static final String TYPE = "who";

    /** Protocol 1: who is online (in the one room). */
    public Who() {
        this(null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
