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

/** The registry of rooms in SQLite ({@link RoomStore}): a row per room. Thread-safe. */
public final class SqliteRoomStore implements RoomStore {
    private final Database database;
    private final Connection connection;

    public SqliteRoomStore(Database database) {
        this.database = database;
        try {
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
        return database.update(connection,
                "INSERT OR IGNORE INTO rooms (name_key, name, topic, owner_key, created) VALUES (?, ?, NULL, ?, ?)",
                RoomNames.key(name), name, ownerKey, now) == 1;
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
        database.update(connection, "DELETE FROM rooms WHERE name_key = ?", RoomNames.key(name));
    }

    /** Records who owns the room now. */
    public void setOwner(String name, String ownerKey) throws SQLException {
        update("UPDATE rooms SET owner_key = ? WHERE name_key = ?", ownerKey, name);
    }

    private void update(String sql, Object value, String name) throws SQLException {
        database.update(connection, sql, value, RoomNames.key(name));
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
