package chatroom.store.postgres;

import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.store.HistoryRow;
import chatroom.server.store.HistoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The rooms' history in PostgreSQL ({@link HistoryStore}): the same columns as SQLite's ({@link HistoryRow}), and
 * {@code seq} for the order of writing. A batch is one transaction and one round trip (the driver rewrites a batch
 * of inserts into one multi-row insert).
 */
final class PostgresHistory implements HistoryStore {
    private final Jdbc jdbc;

    PostgresHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement whatever the batch's size: each column as an array, unnested into rows. The text is always the
     * same, so PostgreSQL plans it once per connection, where a multi-row insert differs with each batch's size.
     */
    @Override
    public void append(List<ServerMessage> entries) throws SQLException {
        List<HistoryRow> rows = entries.stream().map(HistoryRow::of).toList();
        jdbc.transaction(connection -> insert(connection, rows));
    }

    /**
     * Inserts the rows in the connection's transaction; a row whose room has its id already is skipped, so that a
     * batch written again (after a commit whose answer was lost) is kept once.
     */
    static int insert(Connection connection, List<HistoryRow> rows) throws SQLException {
        return insert(connection, rows, null, List.of());
    }

    /** As {@link #insert(Connection, List)}, and in the same statement a notice on {@code channel} per payload. */
    static int insert(Connection connection, List<HistoryRow> rows, String channel, List<String> payloads)
            throws SQLException {
        int count = rows.size();
        String[] roomKeys = new String[count];
        Long[] ids = new Long[count];
        Long[] times = new Long[count];
        String[] kinds = new String[count];
        String[] senders = new String[count];
        String[] bodies = new String[count];
        String[] accounts = new String[count];
        String[] cids = new String[count];
        for (int i = 0; i < count; i++) {
            HistoryRow row = rows.get(i);
            roomKeys[i] = row.roomKey();
            ids[i] = row.id();
            times[i] = row.ts();
            kinds[i] = row.kind();
            senders[i] = row.sender();
            bodies[i] = row.body();
            accounts[i] = row.senderAccount();
            cids[i] = row.cid();
        }
        String insertSql = "INSERT INTO history (room_key, room_id, ts, kind, sender, body, sender_account, cid)"
                + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) ON CONFLICT (room_key, room_id) DO NOTHING";
        // The notices in the same statement: one round trip, and a data-modifying WITH runs exactly once.
        String sql = channel == null ? insertSql : "WITH inserted AS (" + insertSql + " RETURNING 1) SELECT"
                + " (SELECT count(*) FROM inserted), pg_notify(?, payload) FROM unnest(?::text[]) AS payload";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            Object[][] columns = {roomKeys, ids, times, kinds, senders, bodies, accounts, cids};
            for (int i = 0; i < columns.length; i++) {
                insert.setArray(i + 1, connection.createArrayOf(columns[i] instanceof Long[] ? "bigint" : "text",
                        columns[i]));
            }
            if (channel == null) {
                return insert.executeUpdate();
            }
            insert.setString(columns.length + 1, channel);
            insert.setArray(columns.length + 2, connection.createArrayOf("text", payloads.toArray()));
            try (var result = insert.executeQuery()) {
                return result.next() ? result.getInt(1) : 0;
            }
        }
    }

    @Override
    public int adopt(String room) throws SQLException {
        return jdbc.update("UPDATE history SET room_key = ? WHERE room_key IS NULL", RoomNames.key(room));
    }

    @Override
    public void deleteRoom(String room) throws SQLException {
        jdbc.update("DELETE FROM history WHERE room_key = ?", RoomNames.key(room));
    }

    @Override
    public List<Receipt> receipts(long sinceTs, int limit) throws SQLException {
        List<Receipt> newestFirst = jdbc.list("SELECT sender_account, cid, room_id, ts, sender, room_key FROM history"
                        + " WHERE cid IS NOT NULL AND ts >= ? ORDER BY seq DESC LIMIT ?",
                row -> new Receipt(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                        row.getString(5), row.getString(6)), sinceTs, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public long lastId(String room) throws SQLException {
        return jdbc.first("SELECT COALESCE(MAX(room_id), 0) FROM history WHERE room_key = ?",
                row -> row.getLong(1), RoomNames.key(room)).orElse(0L);
    }

    @Override
    public long size(String room) throws SQLException {
        return jdbc.first("SELECT COUNT(*) FROM history WHERE room_key = ?", row -> row.getLong(1),
                RoomNames.key(room)).orElse(0L);
    }

    @Override
    public List<ServerMessage> before(String room, long beforeId, int limit) throws SQLException {
        List<ServerMessage> newestFirst = jdbc.list("SELECT room_id, ts, kind, sender, body FROM history"
                        + " WHERE room_key = ? AND room_id < ? ORDER BY room_id DESC LIMIT ?",
                row -> new HistoryRow(null, row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), null, null).entry(room), RoomNames.key(room), beforeId, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public boolean hasBefore(String room, long id) throws SQLException {
        return jdbc.first("SELECT 1 FROM history WHERE room_key = ? AND room_id < ? LIMIT 1", row -> true,
                RoomNames.key(room), id).isPresent();
    }

    /** Nothing: PostgreSQL's autovacuum does a store's housekeeping by itself. */
    @Override
    public void maintain() {
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
