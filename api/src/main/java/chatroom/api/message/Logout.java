package chatroom.api.message;

/** Leaves the room; the server answers with {@link Bye} and closes the connection. */
public record Logout() implements ClientMessage {
    public static final String TYPE = "logout";

    @Override
    public String type() {
        return TYPE;
    }
}
