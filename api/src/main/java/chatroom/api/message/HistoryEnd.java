package chatroom.api.message;

/**
 * Closes a run of history entries, after login or after a {@link HistoryRequest}.
 *
 * @param count how many entries the run had
 * @param more  whether older entries exist
 * @param room  the room whose history it was (protocol 2; absent for protocol 1)
 */
public record HistoryEnd(int count, boolean more, String room) implements ServerMessage {
    public static final String TYPE = "history_end";

    public HistoryEnd(int count, boolean more) {
        this(count, more, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
