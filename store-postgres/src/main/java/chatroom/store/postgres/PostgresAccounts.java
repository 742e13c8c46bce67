package chatroom.store.postgres;

import chatroom.server.store.AccountStore;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The accounts in PostgreSQL ({@link AccountStore}): a row per account. */
final class PostgresAccounts implements AccountStore {
    private final Jdbc jdbc;

    PostgresAccounts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Account> find(String nameKey) throws SQLException {
        return jdbc.first("SELECT name, password_hash FROM accounts WHERE name_key = ?",
                row -> new Account(row.getString(1), row.getString(2)), nameKey);
    }

    @Override
    public boolean create(String name, String nameKey, String passwordHash, long created) throws SQLException {
        return jdbc.update("INSERT INTO accounts (name_key, name, password_hash, created) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name_key) DO NOTHING", nameKey, name, passwordHash, created) == 1;
    }

    @Override
    public boolean delete(String nameKey) throws SQLException {
        return jdbc.update("DELETE FROM accounts WHERE name_key = ?", nameKey) == 1;
    }

    @Override
    public boolean setPasswordHash(String nameKey, String passwordHash) throws SQLException {
        return jdbc.update("UPDATE accounts SET password_hash = ? WHERE name_key = ?", passwordHash, nameKey) == 1;
    }

    @Override
    public List<String> names() throws SQLException {
        return jdbc.list("SELECT name FROM accounts ORDER BY name_key COLLATE \"C\"", row -> row.getString(1));
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
