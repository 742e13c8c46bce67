package chatroom.server.store.jdbc;

import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static chatroom.server.store.jdbc.JdbcAccess.prepare;
import static chatroom.server.store.jdbc.JdbcAccess.update;

/**
 * {@link PrivateStore} in the table {@code private_messages}, which both stores keep alike: the statements here run
 * unchanged on SQLite and PostgreSQL ({@code ON CONFLICT … DO NOTHING}, {@code TRUE}); each store says how its
 * connections are had ({@link JdbcAccess}).
 */
public final class JdbcPrivates implements PrivateStore {
    private static final String COLUMNS = "conversation, id, ts, from_key, to_key, from_name, to_name, body, pending";

    private final JdbcAccess access;

    public JdbcPrivates(JdbcAccess access) {
        this.access = access;
    }

    @Override
    public void append(List<PrivateRow> rows) throws SQLException {
        access.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO private_messages (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation, id) DO NOTHING")) {
                for (PrivateRow row : rows) {
                    insert.setString(1, row.conversation());
                    insert.setLong(2, row.id());
                    insert.setLong(3, row.ts());
                    insert.setString(4, row.fromKey());
                    insert.setString(5, row.toKey());
                    insert.setString(6, row.from());
                    insert.setString(7, row.to());
                    insert.setString(8, row.text());
                    insert.setBoolean(9, row.pending());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    @Override
    public List<PrivateRow> pending(String toKey, int limit) throws SQLException {
        return access.read(connection -> rows(connection, "SELECT " + COLUMNS + " FROM private_messages"
                + " WHERE to_key = ? AND pending = TRUE ORDER BY ts, conversation, id LIMIT ?", toKey, limit));
    }

    @Override
    public long pendingCount(String toKey) throws SQLException {
        return access.read(connection -> number(connection, "SELECT COUNT(*) FROM private_messages"
                + " WHERE to_key = ? AND pending = TRUE", toKey));
    }

    @Override
    public void delivered(List<PrivateRow> rows) throws SQLException {
        access.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE private_messages SET pending = FALSE"
                    + " WHERE conversation = ? AND id = ?")) {
                for (PrivateRow row : rows) {
                    update.setString(1, row.conversation());
                    update.setLong(2, row.id());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    @Override
    public long lastId(String conversation) throws SQLException {
        return access.read(connection -> number(connection, "SELECT COALESCE(MAX(id), 0) FROM private_messages"
                + " WHERE conversation = ?", conversation));
    }

    @Override
    public List<PrivateRow> before(String conversation, long beforeId, int limit) throws SQLException {
        List<PrivateRow> newestFirst = access.read(connection -> rows(connection, "SELECT " + COLUMNS
                + " FROM private_messages WHERE conversation = ? AND id < ? AND body <> '' ORDER BY id DESC LIMIT ?",
                conversation, beforeId, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public boolean hasBefore(String conversation, long id) throws SQLException {
        return access.read(connection -> !rows(connection, "SELECT " + COLUMNS + " FROM private_messages"
                + " WHERE conversation = ? AND id < ? AND body <> '' LIMIT 1", conversation, id).isEmpty());
    }

    @Override
    public List<Summary> conversationsOf(String accountKey) throws SQLException {
        // One query for a login's whole list: each conversation's last message, the other side's name and what is
        // unread after the account's marker (the read_markers table of the same database).
        String sql = "SELECT c.conversation, c.last_id, c.last_ts, a.name, r.read_up_to,"
                + " (SELECT COUNT(*) FROM private_messages q WHERE q.conversation = c.conversation AND q.to_key = ?"
                + " AND q.id > r.read_up_to AND q.body <> '')"
                + " FROM (SELECT conversation, MAX(id) AS last_id, MAX(ts) AS last_ts,"
                + " MAX(CASE WHEN from_key = ? THEN to_key ELSE from_key END) AS other_key"
                + " FROM private_messages WHERE from_key = ? OR to_key = ? GROUP BY conversation) c"
                + " LEFT JOIN accounts a ON a.name_key = c.other_key"
                + " LEFT JOIN read_markers r ON r.account_key = ? AND r.conversation = c.conversation";
        return access.read(connection -> {
            try (PreparedStatement query = prepare(connection, sql, accountKey, accountKey, accountKey, accountKey,
                    accountKey); ResultSet rows = query.executeQuery()) {
                List<Summary> summaries = new ArrayList<>();
                while (rows.next()) {
                    String conversation = rows.getString(1);
                    rows.getLong(5);
                    Long unread = rows.wasNull() ? null : rows.getLong(6);
                    summaries.add(new Summary(conversation, otherSide(conversation, accountKey), rows.getString(4),
                            rows.getLong(2), rows.getLong(3), unread));
                }
                return summaries;
            }
        });
    }

    /** The other account of a conversation's key; the account itself for a conversation with oneself. */
    private static String otherSide(String conversation, String accountKey) {
        int separator = conversation.indexOf(SEPARATOR);
        String first = conversation.substring(0, separator);
        return first.equals(accountKey) ? conversation.substring(separator + 1) : first;
    }

    @Override
    public long countAfter(String conversation, String toKey, long id) throws SQLException {
        return access.read(connection -> number(connection, "SELECT COUNT(*) FROM private_messages"
                + " WHERE conversation = ? AND to_key = ? AND id > ? AND body <> ''", conversation, toKey, id));
    }

    /**
     * Deletes the old messages but keeps each conversation's newest one as an empty mark, so that its ids go on
     * counting from there: ids that started again at 1 would be taken by clients for repeats of those they have.
     */
    @Override
    public int expire(long ts) throws SQLException {
        return access.write(connection -> update(connection, "DELETE FROM private_messages WHERE ts < ? AND"
                + " (conversation, id) NOT IN (SELECT conversation, MAX(id) FROM private_messages GROUP BY"
                + " conversation)", ts) + update(connection, "UPDATE private_messages SET body = '',"
                + " pending = FALSE WHERE ts < ? AND body <> ''", ts));
    }

    @Override
    public int deleteAccount(String accountKey) throws SQLException {
        return access.write(connection -> update(connection, "DELETE FROM private_messages"
                + " WHERE from_key = ? OR to_key = ?", accountKey, accountKey));
    }

    @Override
    public void close() throws SQLException {
        access.close();
    }

    private static List<PrivateRow> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            List<PrivateRow> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new PrivateRow(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        rows.getBoolean(9)));
            }
            return found;
        }
    }

    private static long number(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
