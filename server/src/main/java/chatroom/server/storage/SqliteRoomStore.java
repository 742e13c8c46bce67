package chatroom.server.storage;

import chatroom.api.rules.RoomNames;
import chatroom.server.StorageException;
import chatroom.server.store.RoomStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** The registry of rooms in SQLite ({@link RoomStore}): a row per room. Thread-safe. */
public final class SqliteRoomStore implements RoomStore {
    private final Connection connection;
    private final ReentrantLock writes;

    public SqliteRoomStore(Database database) {
        try {
            writes = database.writes();
            connection = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open the rooms in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    /** Every room, in the order they were made. */
    public synchronized List<Saved> all() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, topic, owner_key, created, topic_open, invite_only FROM rooms"
                        + " ORDER BY created, name_key");
             ResultSet rows = query.executeQuery()) {
            List<Saved> rooms = new ArrayList<>();
            while (rows.next()) {
                rooms.add(new Saved(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                        rows.getInt(5) != 0, rows.getInt(6) != 0));
            }
            return rooms;
        }
    }

    /** Records a room unless one of that name exists; returns whether it was new. */
    public boolean create(String name, String ownerKey, long now) throws SQLException {
        writes.lock();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO rooms (name_key, name, topic, owner_key, created) VALUES (?, ?, NULL, ?, ?)")) {
            insert.setString(1, RoomNames.key(name));
            insert.setString(2, name);
            insert.setString(3, ownerKey);
            insert.setLong(4, now);
            return insert.executeUpdate() == 1;
        } finally {
            writes.unlock();
        }
    }

    /** Records a room's topic, {@code null} for none. */
    public void setTopic(String name, String topic) throws SQLException {
        update("UPDATE rooms SET topic = ? WHERE name_key = ?", topic, name);
    }

    /** Records whether every member may set the room's topic. */
    public void setTopicOpen(String name, boolean open) throws SQLException {
        update("UPDATE rooms SET topic_open = ? WHERE name_key = ?", open ? 1 : 0, name);
    }

    /** Records whether only those invited may join the room. */
    public void setInviteOnly(String name, boolean inviteOnly) throws SQLException {
        update("UPDATE rooms SET invite_only = ? WHERE name_key = ?", inviteOnly ? 1 : 0, name);
    }

    /** Forgets a room. */
    public void delete(String name) throws SQLException {
        execute("DELETE FROM rooms WHERE name_key = ?", RoomNames.key(name));
    }

    /** Records who owns the room now. */
    public void setOwner(String name, String ownerKey) throws SQLException {
        update("UPDATE rooms SET owner_key = ? WHERE name_key = ?", ownerKey, name);
    }

    private void update(String sql, Object value, String name) throws SQLException {
        execute(sql, value, RoomNames.key(name));
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        writes.lock();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
