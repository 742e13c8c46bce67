package chatroom.api.message;

/**
 * Asks for older room history: up to {@code limit} entries with ids below {@code before} (the newest when absent),
 * answered by history-marked entries and a {@link HistoryEnd}.
 */
public record HistoryRequest(Long before, Integer limit) implements ClientMessage {
    public static final String TYPE = "history";

    @Override
    public String type() {
        return TYPE;
    }
}
