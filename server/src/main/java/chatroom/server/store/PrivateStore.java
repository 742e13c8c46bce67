package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Private conversations as a store keeps them: every message between two accounts, under an id counted in their
 * conversation ({@link PrivateRow}), and which of them their recipients have yet to get (the offline queue).
 * Appends come from one thread at a time, a batch per transaction (group commit); reads may come from any thread.
 * A failure is an {@link SQLException}, as for {@link HistoryStore}.
 */
public interface PrivateStore extends AutoCloseable {
    /** Separates the two account keys of a conversation's key; never in an account key. */
    char SEPARATOR = '/';

    /** The key of the conversation between two accounts, the same whichever of them asks. */
    static String conversationKey(String accountKey, String otherKey) {
        return accountKey.compareTo(otherKey) <= 0 ? accountKey + SEPARATOR + otherKey
                : otherKey + SEPARATOR + accountKey;
    }

    /**
     * Writes the messages in one transaction; when this returns they survive a crash. A message whose conversation
     * has its id already is skipped, so that a batch written again is kept once.
     */
    void append(List<PrivateRow> rows) throws SQLException;

    /** The messages an account has yet to get, oldest first, at most {@code limit}. */
    List<PrivateRow> pending(String toKey, int limit) throws SQLException;

    /** How many messages an account has yet to get. */
    long pendingCount(String toKey) throws SQLException;

    /** Notes that the recipients of these messages got them. */
    void delivered(List<PrivateRow> rows) throws SQLException;

    /** The highest id in a conversation, or 0 for none. */
    long lastId(String conversation) throws SQLException;

    /** Up to {@code limit} of a conversation's messages with ids below {@code beforeId}, oldest first. */
    List<PrivateRow> before(String conversation, long beforeId, int limit) throws SQLException;

    /** Whether a conversation has a message older than this id. */
    boolean hasBefore(String conversation, long id) throws SQLException;

    /**
     * One of an account's private conversations: the other account's key and registered name ({@code null} when it
     * has no account any more), its last message's id and time, and how many messages to the account are above the
     * account's read marker there ({@code null} where it has none).
     */
    record Summary(String conversation, String otherKey, String otherName, long lastId, long lastTs, Long unread) {
    }

    /** Every private conversation an account has, in no particular order, read at once. */
    List<Summary> conversationsOf(String accountKey) throws SQLException;

    /** How many messages to an account in a conversation have ids above {@code id}: what it has not read. */
    long countAfter(String conversation, String toKey, long id) throws SQLException;

    /**
     * Deletes the messages sent before {@code ts}, delivered or not; how many it deleted. A conversation's newest
     * message is emptied rather than deleted: its id stays, so that the conversation's ids go on from it. Emptied
     * messages are in no page, queue or count.
     */
    int expire(long ts) throws SQLException;

    /** Deletes every message to or from an account; how many it deleted. */
    int deleteAccount(String accountKey) throws SQLException;

    @Override
    void close() throws SQLException;
}
