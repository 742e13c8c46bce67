package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Everything a store holds, as rows of a few kinds, for copying one store into another ({@code chat migrate}): read
 * in a stable order, written in batches. Every kind the server stores has a row here, so that a copy misses
 * nothing; a later feature that stores something new adds its kind.
 */
public interface StoreRows {
    /** An account: its name's key and name, its password hash, and whether it was put in the default room. */
    record AccountRow(String nameKey, String name, String passwordHash, long created, boolean welcomed) {
    }

    /** A room and its settings. */
    record RoomRow(String nameKey, String name, String topic, String ownerKey, long created, boolean topicOpen,
                   boolean inviteOnly) {
    }

    /** An account in a room. */
    record MembershipRow(String roomKey, String accountKey, long joined, boolean operator) {
    }

    /** An account banned from a room, by whom and since when. */
    record RoomBanRow(String roomKey, String accountKey, String byKey, long since) {
    }

    /** An invite to a room, by whom, until when. */
    record InviteRow(String roomKey, String accountKey, String byKey, long expires) {
    }

    /** An account banned from the whole server. */
    record ServerBanRow(String accountKey, long since) {
    }

    /** A resume token's hash, whose it is and until when it works. */
    record TokenRow(String tokenHash, String accountKey, String account, boolean guest, long expires) {
    }

    /** How far an account has read a conversation (a room's key, or a private conversation's). */
    record ReadMarkerRow(String accountKey, String conversation, long readUpTo) {
    }

    /** The kinds, in the order a copy writes them (history, the largest, last). */
    List<Class<? extends Record>> KINDS = List.of(AccountRow.class, RoomRow.class, MembershipRow.class,
            RoomBanRow.class, InviteRow.class, ServerBanRow.class, TokenRow.class, ReadMarkerRow.class,
            PrivateRow.class, HistoryRow.class);

    /** Receives the rows of one kind, a batch at a time. */
    @FunctionalInterface
    interface Batches<R> {
        void accept(List<R> batch) throws SQLException;
    }

    /** How many rows of this kind the store holds. */
    long count(Class<? extends Record> kind) throws SQLException;

    /** Every row of a kind, in a stable order (history in the order it was written), in batches of at most this. */
    <R extends Record> void read(Class<R> kind, int batchSize, Batches<R> batches) throws SQLException;

    /** A transaction that writes rows: all of them land, at {@link #commit}, or none. */
    interface Writer extends AutoCloseable {
        /** Adds rows of a kind. */
        <R extends Record> void write(Class<R> kind, List<R> rows) throws SQLException;

        /** Deletes every row of every kind. */
        void deleteAll() throws SQLException;

        void commit() throws SQLException;

        /** Ends the transaction, rolling back what was not committed. */
        @Override
        void close() throws SQLException;
    }

    /** Starts a transaction that writes rows. */
    Writer writer() throws SQLException;
}
