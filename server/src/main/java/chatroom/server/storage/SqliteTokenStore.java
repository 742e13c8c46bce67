package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.TokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Resume tokens in SQLite ({@link TokenStore}): a row per token hash. Thread-safe. */
public final class SqliteTokenStore implements TokenStore {
    private final Database database;
    private final Connection db;

    public SqliteTokenStore(Database database) {
        this.database = database;
        try {
            db = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open the resume tokens in " + database.file() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized void add(List<NewToken> tokens) throws SQLException {
        ReentrantLock writes = database.writes();
        writes.lock();
        try {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO resume_tokens"
                    + " (token_hash, account_key, account, guest, expires) VALUES (?, ?, ?, ?, ?)")) {
                for (NewToken token : tokens) {
                    insert.setString(1, token.hash());
                    insert.setString(2, token.accountKey());
                    insert.setString(3, token.account());
                    insert.setInt(4, token.guest() ? 1 : 0);
                    insert.setLong(5, Long.MAX_VALUE);
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } finally {
            writes.unlock();
        }
    }

    @Override
    public synchronized Optional<StoredToken> find(String hash) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT account_key, account, guest, expires FROM resume_tokens WHERE token_hash = ?")) {
            query.setString(1, hash);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new StoredToken(row.getString(1), row.getString(2),
                        row.getInt(3) != 0, row.getLong(4))) : Optional.empty();
            }
        }
    }

    @Override
    public synchronized Optional<StoredToken> take(String hash, String accountKey, long now) throws SQLException {
        Optional<StoredToken> found = find(hash);
        if (found.isEmpty() || !found.get().accountKey().equals(accountKey) || found.get().expires() <= now) {
            return Optional.empty();
        }
        delete(hash);
        return found;
    }

    @Override
    public synchronized void delete(String hash) throws SQLException {
        database.update(db, "DELETE FROM resume_tokens WHERE token_hash = ?", hash);
    }

    @Override
    public synchronized void setExpiry(String hash, long expires) throws SQLException {
        database.update(db, "UPDATE resume_tokens SET expires = ? WHERE token_hash = ?", expires, hash);
    }

    @Override
    public synchronized void endSessions(long expires) throws SQLException {
        database.update(db, "UPDATE resume_tokens SET expires = ? WHERE expires > ?", expires, expires);
    }

    @Override
    public synchronized void forget(long now, int keepAtMost) throws SQLException {
        database.update(db, "DELETE FROM resume_tokens WHERE expires <= ?", now);
        database.update(db, "DELETE FROM resume_tokens WHERE token_hash IN (SELECT token_hash FROM resume_tokens"
                + " ORDER BY expires LIMIT MAX(0, (SELECT COUNT(*) FROM resume_tokens) - ?))", keepAtMost);
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
