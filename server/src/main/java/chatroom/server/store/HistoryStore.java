package chatroom.server.store;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;

import java.sql.SQLException;
import java.util.List;

/**
 * The rooms' history as a store keeps it: chat messages, announcements and shared files, each in its room under an id
 * counted in that room. Rooms are named as people write them and compared by their key
 * ({@link chatroom.api.rules.RoomNames#key}). Appends come from one thread at a time, a batch per transaction (group
 * commit); reads may come from any thread. A failure is an {@link SQLException} whatever the store is built on, so
 * that the server treats every store's failures alike.
 *
 * <p>A chat message whose sender gave a client message id reaches {@link #append} with {@link #receiptCid} in its
 * {@code cid}: the store keeps the sender's account and that id (never sending them to anyone), so that after a
 * restart the server still knows which client message ids it has delivered ({@link #receipts}).
 */
public interface HistoryStore extends AutoCloseable {
    /** A chat message that carried a client message id, as {@link #receipts} finds it. */
    record Receipt(String accountKey, String cid, long id, long ts, String from, String roomKey) {
    }

    /** Separates the account key from the client message id in {@link #receiptCid}; never in an account key. */
    char RECEIPT_SEPARATOR = '\0';

    /**
     * What the journal's copy of a chat message carries as its {@code cid}: the sender's account key and client
     * message id. Account keys never contain the separator (names are letters, digits and {@code _-.}).
     */
    static String receiptCid(String accountKey, String cid) {
        return accountKey + RECEIPT_SEPARATOR + cid;
    }

    /** The id of a history entry: a chat message, an announcement or a shared file. */
    static long idOf(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage m -> m.id();
            case Announcement a -> a.id();
            case FileShared f -> f.id();
            default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
        };
    }

    /**
     * Writes the entries (each naming its room) in one transaction; when this returns they survive a crash. An entry
     * whose room already has its id is skipped, so that a batch written again (after a commit whose answer was lost)
     * is kept once. A store that refuses what an entry holds says so with SQL state class 22 or 23; any other failure
     * is taken for one that a retry can get past (the database unreachable, the disk full).
     */
    void append(List<ServerMessage> entries) throws SQLException;

    /**
     * Gives the entries that belong to no room (those a server from before rooms wrote) to this room, the default one;
     * a store that never held such entries has none to give.
     *
     * @return how many it took in
     */
    int adopt(String room) throws SQLException;

    /** Deletes every entry of a room. */
    void deleteRoom(String room) throws SQLException;

    /**
     * The newest chat messages with a client message id, in every room, at most {@code limit}, none older than
     * {@code sinceTs}, oldest first.
     */
    List<Receipt> receipts(long sinceTs, int limit) throws SQLException;

    /** The highest id in a room's history, or 0 for an empty one. */
    long lastId(String room) throws SQLException;

    /** How many entries a room's history holds. */
    long size(String room) throws SQLException;

    /**
     * Up to {@code limit} of a room's entries with ids below {@code beforeId}, oldest first, marked as history and
     * naming the room as given.
     */
    List<ServerMessage> before(String room, long beforeId, int limit) throws SQLException;

    /** Whether a room has an entry older than this id. */
    boolean hasBefore(String room, long id) throws SQLException;

    /**
     * Housekeeping the store wants now and then, without making anyone wait (SQLite copies its write-ahead log into
     * the database file); the server calls it every second.
     */
    void maintain() throws SQLException;

    @Override
    void close() throws SQLException;
}
