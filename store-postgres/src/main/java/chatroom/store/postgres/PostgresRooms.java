package chatroom.store.postgres;

import chatroom.api.rules.RoomNames;
import chatroom.server.store.RoomStore;

import java.sql.SQLException;
import java.util.List;

/** The registry of rooms in PostgreSQL ({@link RoomStore}): a row per room. */
final class PostgresRooms implements RoomStore {
    private final Jdbc jdbc;

    PostgresRooms(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Saved> all() throws SQLException {
        return jdbc.list("SELECT name, topic, owner_key, created, topic_open, invite_only FROM rooms"
                        + " ORDER BY created, name_key COLLATE \"C\"",
                row -> new Saved(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getBoolean(5), row.getBoolean(6)));
    }

    @Override
    public boolean create(String name, String ownerKey, long now) throws SQLException {
        return jdbc.update("INSERT INTO rooms (name_key, name, owner_key, created) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name_key) DO NOTHING", RoomNames.key(name), name, ownerKey, now) == 1;
    }

    @Override
    public void setTopic(String name, String topic) throws SQLException {
        jdbc.update("UPDATE rooms SET topic = ? WHERE name_key = ?", topic, RoomNames.key(name));
    }

    @Override
    public void setTopicOpen(String name, boolean open) throws SQLException {
        jdbc.update("UPDATE rooms SET topic_open = ? WHERE name_key = ?", open, RoomNames.key(name));
    }

    @Override
    public void setInviteOnly(String name, boolean inviteOnly) throws SQLException {
        jdbc.update("UPDATE rooms SET invite_only = ? WHERE name_key = ?", inviteOnly, RoomNames.key(name));
    }

    @Override
    public void delete(String name) throws SQLException {
        jdbc.update("DELETE FROM rooms WHERE name_key = ?", RoomNames.key(name));
    }

    @Override
    public void setOwner(String name, String ownerKey) throws SQLException {
        jdbc.update("UPDATE rooms SET owner_key = ? WHERE name_key = ?", ownerKey, RoomNames.key(name));
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
