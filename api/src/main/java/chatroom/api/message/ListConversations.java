package chatroom.api.message;

/**
 * Asks for the user's conversations (protocol 2): the rooms it is in and its private conversations, newest first,
 * answered by a {@link ConversationList}. A page holds those whose last message is older than {@code before}
 * (milliseconds since the epoch; the newest when absent), at most {@code limit}.
 */
public record ListConversations(Long before, Integer limit) implements ClientMessage {
    public static final String TYPE = "conversations";

    @Override
    public String type() {
        return TYPE;
    }
}
