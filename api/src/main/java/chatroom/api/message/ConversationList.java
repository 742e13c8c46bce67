package chatroom.api.message;

import java.util.List;

/** A page of the user's conversations, newest first: the answer to {@link ListConversations}. */
public record ConversationList(List<Entry> conversations, boolean more) implements ServerMessage {
    public static final String TYPE = "conversation_list";

    /**
     * One conversation: a room ({@code room}) or the private conversation with someone ({@code with}, the other
     * account's name), its last message's time and id (0 for none), and how many messages the user has not read by
     * its read marker (absent where it never reported one).
     */
    public record Entry(String room, String with, long lastTs, long lastId, Long unread) {
    }

    public ConversationList {
        conversations = Fields.list(conversations, "conversations");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
