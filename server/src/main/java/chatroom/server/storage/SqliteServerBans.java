package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.ServerBanStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** The accounts banned from the whole server in SQLite ({@link ServerBanStore}): a row per account. */
public final class SqliteServerBans implements ServerBanStore {
    private final Connection connection;
    private final ReentrantLock writes;

    public SqliteServerBans(Database database) {
        try {
            writes = database.writes();
            connection = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open the server bans in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    /** Every banned account's key. */
    public synchronized Set<String> all() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT account_key FROM server_bans");
             ResultSet rows = query.executeQuery()) {
            Set<String> keys = new HashSet<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }

    /** Bans an account, or lifts its ban. */
    public synchronized void ban(String accountKey, boolean banned, long now) throws SQLException {
        writes.lock();
        try (PreparedStatement statement = connection.prepareStatement(banned
                ? "INSERT OR REPLACE INTO server_bans (account_key, since) VALUES (?, ?)"
                : "DELETE FROM server_bans WHERE account_key = ?")) {
            statement.setString(1, accountKey);
            if (banned) {
                statement.setLong(2, now);
            }
            statement.executeUpdate();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
