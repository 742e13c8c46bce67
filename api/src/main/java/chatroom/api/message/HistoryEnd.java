package chatroom.api.message;

/**
 * Closes a run of history entries, after login or after a {@link HistoryRequest}.
 *
 * @param count how many entries the run had
 * @param more  whether older entries exist
 */
public record HistoryEnd(int count, boolean more) implements ServerMessage {
    public static final String TYPE = "history_end";

    @Override
    public String type() {
        return TYPE;
    }
}
