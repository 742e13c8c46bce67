package chatroom.api.message;

/**
 * Closes a run of history entries, after login or after a {@link HistoryRequest} or a {@link PrivateHistory}.
 *
 * @param count how many entries the run had
 * @param more  whether older entries exist
 * @param room  the room whose history it was (protocol 2; absent for protocol 1 and for a private conversation)
 * @param with  the other person of the private conversation whose history it was, as the request named them
 */
public record HistoryEnd(int count, boolean more, String room, String with) implements ServerMessage {
    public static final String TYPE = "history_end";

    public HistoryEnd(int count, boolean more, String room) {
        this(count, more, room, null);
    }

    public HistoryEnd(int count, boolean more) {
        this(count, more, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
