package chatroom.server.store;

import chatroom.api.message.ServerMessage;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * What a store offers to run several server nodes on one database: the database numbers each room's history, so
 * that every node agrees on ids and order, and tells every node of each commit. The tables stay the source of
 * truth: a notice carries no history, and one lost while the link was down is made good by reading the tables
 * ({@link Listener#missed}). A store for one process (SQLite) offers none.
 */
public interface ClusterLink extends AutoCloseable {
    /**
     * Entries {@code firstId} to {@code lastId} of a room's history, committed by {@code node}: the entries
     * themselves as {@link #committed} reads them when they were small enough to travel with the notice, else empty
     * (then they are read from the tables).
     */
    record Committed(String node, String roomKey, long firstId, long lastId, List<ServerMessage> entries) {
        public Committed {
            entries = List.copyOf(entries);
        }

        public Committed(String node, String roomKey, long firstId, long lastId) {
            this(node, roomKey, firstId, lastId, List.of());
        }
    }

    /** Someone online on a node (from one session there or more), by member key. */
    record Person(String node, String memberKey, String name, boolean guest, long since) {
    }

    /**
     * A change to a room that a node made and stored: {@code made} (words: the owner's key, or none), {@code joined}
     * (the member's key, name, when), {@code left} (the member's key, name, why), {@code topic} (who, the text),
     * {@code settings} (who, topic locked, invite-only), {@code role} (the member's key and name, the role, who,
     * and for a handover the old owner's key and name, else two empty words), or {@code read} (an account's device
     * read further: the account's key, the other person of a private conversation or nothing, the id, the unread
     * count; the room is empty for a private conversation).
     */
    record RoomChange(String node, String kind, String room, List<String> words) {
        public RoomChange {
            words = List.copyOf(words);
        }
    }

    /** What a node is told, on the link's own thread. */
    interface Listener {
        /** Another node committed to a room's history. */
        void committed(Committed committed);

        /**
         * Notices may have been lost (the link was down, or has just started, or the others took this node for
         * dead): whatever is above what the node knows is to be read from the tables, who is online elsewhere
         * asked again ({@link #onlineElsewhere}), and who is online here said again ({@link #onlineHere}).
         */
        void missed();

        /** Another node committed private messages to a conversation ({@code roomKey} is the conversation's key). */
        default void privateCommitted(Committed committed) {
        }

        /** Another node changed a room (and stored the change). */
        default void roomChanged(RoomChange change) {
        }

        /** Someone came online on another node (or, online there already, goes by a new name). */
        default void online(Person person) {
        }

        /** Someone went offline on another node. */
        default void offline(String node, String memberKey, String reason) {
        }

        /** Another node said anew who is online there (its link came back): whoever was before may not be. */
        default void recounted(String node) {
        }

        /**
         * Another node stopped (it said so) or was found dead (it stopped telling the database it lives): whoever
         * was online there is not any more.
         */
        default void nodeGone(String node, String reason) {
        }

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

    /**
     * Writes private messages (their ids ignored) in one transaction, numbering each conversation's after everything
     * any node committed to it, and tells every node once committed. Returns them with their ids, in the order given.
     */
    List<PrivateRow> appendPrivate(List<PrivateRow> rows) throws SQLException;

    /** A conversation's messages from {@code firstId} to {@code lastId}, oldest first. */
    List<PrivateRow> privateRows(String conversation, long firstId, long lastId) throws SQLException;

    /**
     * A room's entries from {@code firstId} to {@code lastId} as committed, oldest first, marked as history; a chat
     * message sent with a client message id carries its receipt as its {@code cid} ({@link HistoryStore#receiptCid}).
     */
    List<ServerMessage> committed(String room, long firstId, long lastId) throws SQLException;

    /** This node changed a room and stored the change: the others are told. */
    void roomChanged(RoomChange change) throws SQLException;

    /** Someone is online on this node now (its first session here), or is renamed; the others are told. */
    void online(Person person) throws SQLException;

    /** Someone is no longer online on this node (its last session here ended); the others are told. */
    void offline(String memberKey, String reason) throws SQLException;

    /** Who is online on this node, all at once (after the link came back): replaces what the database had. */
    void onlineHere(List<Person> people) throws SQLException;

    /** The memberships of these accounts (by key) as the database has them, whichever node made them. */
    List<MembershipStore.Membership> memberships(Collection<String> accountKeys) throws SQLException;

    /** Who is online on the other nodes that live. */
    List<Person> onlineElsewhere() throws SQLException;

    /**
     * Starts telling the listener what other nodes commit and who comes and goes there; {@link Listener#missed}
     * comes first. While it listens the link tells the database that this node lives, every few seconds, and finds
     * the nodes that stopped doing so.
     */
    void listen(Listener listener);

    @Override
    void close();
}
