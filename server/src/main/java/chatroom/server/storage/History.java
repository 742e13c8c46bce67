package chatroom.server.storage;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.StorageException;
import chatroom.server.store.HistoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rooms' history in SQLite ({@link HistoryStore}): one table, each entry under its room's key and its id in that
 * room; a chat message's receipt (the sender's account and client message id) in columns of its own.
 */
public final class History implements HistoryStore {
    private static final String MESSAGE = "message";
    private static final String ANNOUNCEMENT = "announcement";
    /** A shared file: the body is its size, a space, and its name. */
    private static final String FILE = "file";

    private final Connection writer;
    private final ReentrantLock writes;
    private final Connection reader;
    private final PreparedStatement insert;

    public History(Database database) {
        try {
            writes = database.writes();
            writer = database.connect();
            writer.setAutoCommit(false);
            insert = writer.prepareStatement("INSERT INTO history (room_key, room_id, ts, kind, sender, body,"
                    + " sender_account, cid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            reader = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open the history in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(List<ServerMessage> entries) throws SQLException {
        writes.lock();
        try {
            for (ServerMessage entry : entries) {
                switch (entry) {
                    case ChatMessage m -> bind(m.room(), m.id(), m.ts(), MESSAGE, m.from(), m.text(), m.cid());
                    case Announcement a -> bind(a.room(), a.id(), a.ts(), ANNOUNCEMENT, null, a.text(), null);
                    case FileShared f -> bind(f.room(), f.id(), f.ts(), FILE, f.from(), f.size() + " " + f.name(),
                            null);
                    default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
                }
                insert.addBatch();
            }
            insert.executeBatch();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writes.unlock();
        }
    }

    private void bind(String room, long id, long ts, String kind, String sender, String body, String receipt)
            throws SQLException {
        if (room == null) {
            throw new IllegalArgumentException("A history entry names its room: " + kind + " " + id);
        }
        insert.setString(1, RoomNames.key(room));
        insert.setLong(2, id);
        insert.setLong(3, ts);
        insert.setString(4, kind);
        insert.setString(5, sender);
        insert.setString(6, body);
        int split = receipt == null ? -1 : receipt.indexOf(RECEIPT_SEPARATOR);
        insert.setString(7, split < 0 ? null : receipt.substring(0, split));
        insert.setString(8, split < 0 ? null : receipt.substring(split + 1));
    }

    @Override
    public int adopt(String room) throws SQLException {
        return updateRoom("UPDATE history SET room_key = ? WHERE room_key IS NULL", room);
    }

    @Override
    public void deleteRoom(String room) throws SQLException {
        updateRoom("DELETE FROM history WHERE room_key = ?", room);
    }

    /** One statement about a room's entries, by its key, in its own transaction; how many rows it changed. */
    private int updateRoom(String sql, String room) throws SQLException {
        writes.lock();
        try (PreparedStatement update = writer.prepareStatement(sql)) {
            update.setString(1, RoomNames.key(room));
            int changed = update.executeUpdate();
            writer.commit();
            return changed;
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writes.unlock();
        }
    }

    @Override
    public synchronized List<Receipt> receipts(long sinceTs, int limit) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement("SELECT room_id, ts, sender, sender_account, cid,"
                + " room_key FROM history WHERE cid IS NOT NULL AND ts >= ? ORDER BY id DESC LIMIT ?")) {
            query.setLong(1, sinceTs);
            query.setInt(2, limit);
            List<Receipt> receipts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    receipts.add(new Receipt(rows.getString(4), rows.getString(5), rows.getLong(1),
                            rows.getLong(2), rows.getString(3), rows.getString(6)));
                }
            }
            Collections.reverse(receipts);
            return receipts;
        }
    }

    @Override
    public synchronized long lastId(String room) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement(
                "SELECT COALESCE(MAX(room_id), 0) FROM history WHERE room_key = ?")) {
            query.setString(1, RoomNames.key(room));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Copies what the write-ahead log holds into the database file, without waiting for anyone and without making
     * anyone wait (SQLite's passive checkpoint), so that the log does not grow without end.
     */
    @Override
    public synchronized void maintain() throws SQLException {
        try (Statement statement = reader.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    @Override
    public synchronized long size(String room) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement("SELECT COUNT(*) FROM history WHERE room_key = ?")) {
            query.setString(1, RoomNames.key(room));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public synchronized List<ServerMessage> before(String room, long beforeId, int limit) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement("SELECT room_id, ts, kind, sender, body FROM history"
                + " WHERE room_key = ? AND room_id < ? ORDER BY room_id DESC LIMIT ?")) {
            query.setString(1, RoomNames.key(room));
            query.setLong(2, beforeId);
            query.setInt(3, limit);
            List<ServerMessage> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(room, rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
            Collections.reverse(entries);
            return entries;
        }
    }

    private static ServerMessage entry(String room, long id, long ts, String kind, String sender, String body) {
        if (ANNOUNCEMENT.equals(kind)) {
            return new Announcement(id, ts, body, true, room);
        }
        if (FILE.equals(kind)) {
            int space = body.indexOf(' ');
            return new FileShared(id, ts, sender, body.substring(space + 1), Long.parseLong(body.substring(0, space)),
                    true, room);
        }
        return new ChatMessage(id, ts, sender, body, true, null, room);
    }

    @Override
    public synchronized boolean hasBefore(String room, long id) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement(
                "SELECT 1 FROM history WHERE room_key = ? AND room_id < ? LIMIT 1")) {
            query.setString(1, RoomNames.key(room));
            query.setLong(2, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        insert.close();
        writer.close();
        reader.close();
    }
}
