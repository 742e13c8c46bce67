package chatroom.server.store;

import java.sql.SQLException;
import java.util.Map;

/**
 * How far each account has read each of its conversations, as a store keeps it: a room by its key (which starts with
 * {@code #}), a private conversation by {@link PrivateStore#conversationKey} (which never does), and the highest id
 * read there. A marker only moves forward. Thread-safe.
 */
public interface ReadMarkerStore extends AutoCloseable {
    /**
     * Moves an account's marker in a conversation forward to {@code readUpTo}; one already there or beyond stays.
     *
     * @return whether it moved
     */
    boolean mark(String accountKey, String conversation, long readUpTo) throws SQLException;

    /** Every marker of an account, by conversation. */
    Map<String, Long> markers(String accountKey) throws SQLException;

    /** Forgets every account's marker in a conversation (a room deleted). */
    void forgetConversation(String conversation) throws SQLException;

    /** Forgets every marker of an account. */
    void forgetAccount(String accountKey) throws SQLException;

    @Override
    void close() throws SQLException;
}
