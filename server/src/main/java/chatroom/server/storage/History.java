package chatroom.server.storage;

import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.StorageException;
import chatroom.server.store.HistoryRow;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.jdbc.JdbcRows;

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
    private final Connection writer;
    private final ReentrantLock writes;
    private final Connection reader;
    private final PreparedStatement insert;

    public History(Database database) {
        try {
            writes = database.writes();
            writer = database.connect();
            writer.setAutoCommit(false);
            insert = writer.prepareStatement("INSERT OR IGNORE INTO history (room_key, room_id, ts, kind, sender,"
                    + " body, sender_account, cid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
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
                HistoryRow row = HistoryRow.of(entry);
                Object[] values = row.values();
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            insert.clearBatch();
            JdbcRows.rollback(writer, e);
            throw e;
        } finally {
            writes.unlock();
        }
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
                    entries.add(new HistoryRow(null, rows.getLong(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), null, null).entry(room));
                }
            }
            Collections.reverse(entries);
            return entries;
        }
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
