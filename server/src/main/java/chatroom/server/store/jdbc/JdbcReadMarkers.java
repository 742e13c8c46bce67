package chatroom.server.store.jdbc;

import chatroom.server.store.ReadMarkerStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ReadMarkerStore} in the table {@code read_markers}, which both stores keep alike; the upsert that only moves
 * a marker forward runs unchanged on SQLite and PostgreSQL.
 */
public final class JdbcReadMarkers implements ReadMarkerStore {
    private final JdbcAccess access;

    public JdbcReadMarkers(JdbcAccess access) {
        this.access = access;
    }

    @Override
    public boolean mark(String accountKey, String conversation, long readUpTo) throws SQLException {
        return access.write(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO read_markers (account_key,"
                    + " conversation, read_up_to) VALUES (?, ?, ?) ON CONFLICT (account_key, conversation)"
                    + " DO UPDATE SET read_up_to = excluded.read_up_to"
                    + " WHERE read_markers.read_up_to < excluded.read_up_to")) {
                upsert.setString(1, accountKey);
                upsert.setString(2, conversation);
                upsert.setLong(3, readUpTo);
                return upsert.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, Long> markers(String accountKey) throws SQLException {
        return access.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT conversation, read_up_to"
                    + " FROM read_markers WHERE account_key = ?")) {
                query.setString(1, accountKey);
                Map<String, Long> markers = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        markers.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return markers;
            }
        });
    }

    @Override
    public void forgetConversation(String conversation) throws SQLException {
        delete("DELETE FROM read_markers WHERE conversation = ?", conversation);
    }

    @Override
    public void forgetAccount(String accountKey) throws SQLException {
        delete("DELETE FROM read_markers WHERE account_key = ?", accountKey);
    }

    private void delete(String sql, String key) throws SQLException {
        access.write(connection -> JdbcAccess.update(connection, sql, key));
    }

    @Override
    public void close() throws SQLException {
        access.close();
    }
}
