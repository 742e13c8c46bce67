package chatroom.api.message;

/**
 * Says how far the user has read a conversation (protocol 2): a room ({@code room}) or the private conversation with
 * someone ({@code with}, named as {@link Tell#to()} names people), up to and including the message {@code id}.
 * The server keeps the highest; a marker that would go back is ignored.
 */
public record MarkRead(String room, String with, long id) implements ClientMessage {
    public static final String TYPE = "read";

    public MarkRead {
        if ((room == null) == (with == null)) {
            throw new IllegalArgumentException("exactly one of the fields 'room' and 'with' is required");
        }
        if (id < 0) {
            throw new IllegalArgumentException("field 'id' must not be negative");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
