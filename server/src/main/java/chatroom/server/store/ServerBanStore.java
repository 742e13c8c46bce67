package chatroom.server.store;

import java.sql.SQLException;
import java.util.Set;

/**
 * The accounts banned from the whole server, by key, as a store keeps them: their sessions end and their logins are
 * refused. Thread-safe.
 */
public interface ServerBanStore extends AutoCloseable {
    /** Every banned account's key. */
    Set<String> all() throws SQLException;

    /** Bans an account, or lifts its ban. */
    void ban(String accountKey, boolean banned, long now) throws SQLException;

    @Override
    void close() throws SQLException;
}
