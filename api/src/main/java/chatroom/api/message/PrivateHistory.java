package chatroom.api.message;

/**
 * Asks for the history of the user's private conversation with someone (protocol 2): up to {@code limit} messages
 * with ids below {@code before} (the newest when absent), answered by {@link PrivateMessage}s marked as history and
 * a {@link HistoryEnd} naming {@code with}. Only the user's own conversations can be read: the other side is all
 * a request names.
 *
 * @param with the other person: the display name of someone online, else an account name
 */
public record PrivateHistory(String with, Long before, Integer limit) implements ClientMessage {
    public static final String TYPE = "private_history";

    public PrivateHistory {
        Fields.required(with, "with");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
