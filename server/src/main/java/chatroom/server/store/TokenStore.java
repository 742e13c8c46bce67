package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Resume tokens as a store keeps them: only their SHA-256 hashes (a copy of the store logs no one in), whose account
 * each is, and until when it works. A token whose session is connected works until {@link Long#MAX_VALUE}.
 * Thread-safe.
 */
public interface TokenStore extends AutoCloseable {
    /** A new token: its hash and whose it is. */
    record NewToken(String hash, String accountKey, String account, boolean guest) {
    }

    /** A stored token: whose it is and until when it works (epoch milliseconds). */
    record StoredToken(String accountKey, String account, boolean guest, long expires) {
    }

    /** Stores new tokens, valid while their sessions are connected, in one transaction: returns once committed. */
    void add(List<NewToken> tokens) throws SQLException;

    /** The token with this hash, if it is stored. */
    Optional<StoredToken> find(String hash) throws SQLException;

    /**
     * Uses up a token, atomically: when the token with this hash is the account's and works at {@code now}, forgets it
     * and returns it; else changes nothing. Two uses of one token at once find it once.
     */
    Optional<StoredToken> take(String hash, String accountKey, long now) throws SQLException;

    /** Forgets a token. */
    void delete(String hash) throws SQLException;

    /** Sets until when a token works. */
    void setExpiry(String hash, long expires) throws SQLException;

    /**
     * At start: every token that works beyond {@code expires} (its session was connected when the server stopped)
     * works until then.
     */
    void endSessions(long expires) throws SQLException;

    /** Forgets the tokens expired by {@code now}, then the ones closest to expiring beyond {@code keepAtMost}. */
    void forget(long now, int keepAtMost) throws SQLException;

    @Override
    void close() throws SQLException;
}
