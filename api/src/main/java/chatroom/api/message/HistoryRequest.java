package chatroom.api.message;

/**
 * Asks for older room history: up to {@code limit} entries with ids below {@code before} (the newest when absent),
 * answered by history-marked entries and a {@link HistoryEnd}.
 */
public record HistoryRequest(Long before, Integer limit, String room) implements ClientMessage {
    public static final String TYPE = "history";

    public HistoryRequest(Long before, Integer limit) {
        this(before, limit, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
