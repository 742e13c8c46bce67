package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.ServerBanStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The accounts banned from the whole server in SQLite ({@link ServerBanStore}): a row per account. */
public final class SqliteServerBans implements ServerBanStore {
    private final Database database;
    private final Connection connection;

    public SqliteServerBans(Database database) {
        this.database = database;
        try {
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
        if (banned) {
            database.update(connection, "INSERT OR REPLACE INTO server_bans (account_key, since) VALUES (?, ?)",
                    accountKey, now);
        } else {
            database.update(connection, "DELETE FROM server_bans WHERE account_key = ?", accountKey);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
