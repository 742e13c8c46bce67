package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.AccountStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The accounts in SQLite ({@link AccountStore}): a row per account. Thread-safe. */
public final class SqliteAccountStore implements AccountStore {
    private final Database database;
    private final Connection connection;

    public SqliteAccountStore(Database database) {
        this.database = database;
        try {
            this.connection = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open " + database.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Account> find(String nameKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, password_hash FROM accounts WHERE name_key = ?")) {
            query.setString(1, nameKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Account(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    @Override
    public synchronized boolean create(String name, String nameKey, String passwordHash, long created)
            throws SQLException {
        return database.update(connection,
                "INSERT OR IGNORE INTO accounts (name_key, name, password_hash, created) VALUES (?, ?, ?, ?)",
                nameKey, name, passwordHash, created) > 0;
    }

    @Override
    public synchronized boolean delete(String nameKey) throws SQLException {
        return database.update(connection, "DELETE FROM accounts WHERE name_key = ?", nameKey) > 0;
    }

    @Override
    public synchronized boolean setPasswordHash(String nameKey, String passwordHash) throws SQLException {
        return database.update(connection, "UPDATE accounts SET password_hash = ? WHERE name_key = ?", passwordHash,
                nameKey) > 0;
    }

    @Override
    public synchronized List<String> names() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM accounts ORDER BY name_key");
             ResultSet rows = query.executeQuery()) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
