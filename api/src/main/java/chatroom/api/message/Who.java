package chatroom.api.message;

/**
 * Asks who is in a room; answered with {@link Members}. Protocol 2 names the room, and with {@code online} true asks
 * only for those online (what an IRC channel's names show), which in a room of thousands of members is far less.
 */
public record Who(String room, Boolean online) implements ClientMessage {
    public static final String TYPE = "who";

    /** Protocol 1: who is online (in the one room). */
    public Who() {
        this(null, null);
    }

    /** Protocol 2: the room's members, online or not. */
    public Who(String room) {
        this(room, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
