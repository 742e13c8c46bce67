package chatroom.api.message;

/**
 * Tells an account's other sessions (protocol 2) that one of its devices read a conversation further: a room
 * ({@code room}) or the private conversation with someone ({@code with}, the other account's name), up to and
 * including the message {@code id}, leaving {@code unread} messages after it.
 */
public record ReadMoved(String room, String with, long id, long unread) implements ServerMessage {
    public static final String TYPE = "read_moved";

    public ReadMoved {
        if ((room == null) == (with == null)) {
            throw new IllegalArgumentException("exactly one of the fields 'room' and 'with' is required");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
