package chatroom.store.postgres;

import chatroom.server.store.TokenStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Resume tokens in PostgreSQL ({@link TokenStore}): a row per token hash. */
final class PostgresTokens implements TokenStore {
    private static final String COLUMNS = "account_key, account, guest, expires";

    private final Jdbc jdbc;

    PostgresTokens(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(List<NewToken> tokens) throws SQLException {
        jdbc.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO resume_tokens"
                    + " (token_hash, account_key, account, guest, expires) VALUES (?, ?, ?, ?, ?)")) {
                for (NewToken token : tokens) {
                    insert.setString(1, token.hash());
                    insert.setString(2, token.accountKey());
                    insert.setString(3, token.account());
                    insert.setBoolean(4, token.guest());
                    insert.setLong(5, Long.MAX_VALUE);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    @Override
    public Optional<StoredToken> find(String hash) throws SQLException {
        return jdbc.first("SELECT " + COLUMNS + " FROM resume_tokens WHERE token_hash = ?", PostgresTokens::token,
                hash);
    }

    /** One statement, so that two servers (or two threads) taking the same token at once find it once. */
    @Override
    public Optional<StoredToken> take(String hash, String accountKey, long now) throws SQLException {
        return jdbc.first("DELETE FROM resume_tokens WHERE token_hash = ? AND account_key = ? AND expires > ?"
                + " RETURNING " + COLUMNS, PostgresTokens::token, hash, accountKey, now);
    }

    private static StoredToken token(ResultSet row) throws SQLException {
        return new StoredToken(row.getString(1), row.getString(2), row.getBoolean(3), row.getLong(4));
    }

    @Override
    public void delete(String hash) throws SQLException {
        jdbc.update("DELETE FROM resume_tokens WHERE token_hash = ?", hash);
    }

    @Override
    public void setExpiry(String hash, long expires) throws SQLException {
        jdbc.update("UPDATE resume_tokens SET expires = ? WHERE token_hash = ?", expires, hash);
    }

    @Override
    public void endSessions(long expires) throws SQLException {
        jdbc.update("UPDATE resume_tokens SET expires = ? WHERE expires > ?", expires, expires);
    }

    @Override
    public void forget(long now, int keepAtMost) throws SQLException {
        jdbc.transaction(connection -> {
            Jdbc.update(connection, "DELETE FROM resume_tokens WHERE expires <= ?", now);
            return Jdbc.update(connection, "DELETE FROM resume_tokens WHERE token_hash IN (SELECT token_hash"
                    + " FROM resume_tokens ORDER BY expires LIMIT GREATEST(0, (SELECT COUNT(*) FROM resume_tokens)"
                    + " - ?))", keepAtMost);
        });
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
