package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;

/**
 * The registry of rooms as a store keeps it: each room's name, topic, owner, settings and when it was made. Rooms are
 * named as people write them and compared by their key. Thread-safe.
 */
public interface RoomStore extends AutoCloseable {
    /**
     * A room as stored.
     *
     * @param topic    the topic, or {@code null} for none
     * @param ownerKey the owner's account key, or {@code null} for rooms the server made (the default room)
     * @param topicOpen whether every member may set the topic, not only the owner and operators
     * @param inviteOnly whether only those invited may join
     */
    record Saved(String name, String topic, String ownerKey, long created, boolean topicOpen, boolean inviteOnly) {
    }

    /** Every room, in the order they were made. */
    List<Saved> all() throws SQLException;

    /** Records a room unless one of that name exists; returns whether it was new. */
    boolean create(String name, String ownerKey, long now) throws SQLException;

    /** Records a room's topic, {@code null} for none. */
    void setTopic(String name, String topic) throws SQLException;

    /** Records whether every member may set the room's topic. */
    void setTopicOpen(String name, boolean open) throws SQLException;

    /** Records whether only those invited may join the room. */
    void setInviteOnly(String name, boolean inviteOnly) throws SQLException;

    /** Forgets a room. */
    void delete(String name) throws SQLException;

    /** Records who owns the room now. */
    void setOwner(String name, String ownerKey) throws SQLException;

    @Override
    void close() throws SQLException;
}
