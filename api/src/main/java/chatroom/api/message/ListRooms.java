package chatroom.api.message;

/**
 * Ask for a page of the room list (protocol 2), answered by {@link RoomList}.
 *
 * @param filter only rooms whose name contains this text (ignoring case); absent for all
 * @param after  only rooms whose name sorts after this one: the last name of the previous page
 * @param limit  at most this many rooms (the server bounds it)
 */
public record ListRooms(String filter, String after, Integer limit) implements ClientMessage {
    public static final String TYPE = "rooms";

    @Override
    public String type() {
        return TYPE;
    }
}
