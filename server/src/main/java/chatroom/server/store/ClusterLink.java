package chatroom.server.store;

import chatroom.api.message.ServerMessage;

import java.sql.SQLException;
import java.util.List;

/**
 * What a store offers to run several server nodes on one database: the database numbers each room's history, so
 * that every node agrees on ids and order, and tells every node of each commit. The tables stay the source of
 * truth: a notice carries no history, and one lost while the link was down is made good by reading the tables
 * ({@link Listener#missed}). A store for one process (SQLite) offers none.
 */
public interface ClusterLink extends AutoCloseable {
    /** Entries {@code firstId} to {@code lastId} of a room's history, committed by {@code node}. */
    record Committed(String node, String roomKey, long firstId, long lastId) {
    }

    /** What a node is told, on the link's own thread. */
    interface Listener {
        /** Another node committed to a room's history. */
        void committed(Committed committed);

        /**
         * Notices may have been lost (the link was down, or has just started): whatever is above what the node
         * knows is to be read from the tables.
         */
        void missed();

        /** The link to the database is lost; it connects again by itself (and then {@link #missed} comes). */
        default void down(SQLException cause) {
        }
    }

    /** Opens a store's link for one node. */
    @FunctionalInterface
    interface Opener {
        ClusterLink open(String node) throws SQLException;
    }

    /** This node's name, as the others are told it. */
    String node();

    /**
     * Writes entries (each naming its room; their ids are ignored) in one transaction, numbering each room's after
     * everything any node committed to it before, and tells every node once they are committed. Returns the entries
     * with their ids, in the order given. Failures as {@link HistoryStore#append}.
     */
    List<ServerMessage> append(List<ServerMessage> entries) throws SQLException;

    /** A room's entries from {@code firstId} to {@code lastId} as committed, oldest first, marked as history. */
    List<ServerMessage> committed(String room, long firstId, long lastId) throws SQLException;

    /** Starts telling the listener what other nodes commit; {@link Listener#missed} comes first. */
    void listen(Listener listener);

    @Override
    void close();
}
