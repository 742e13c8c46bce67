package chatroom.store.postgres;

import chatroom.server.store.ServerBanStore;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The accounts banned from the whole server in PostgreSQL ({@link ServerBanStore}): a row per account. */
final class PostgresServerBans implements ServerBanStore {
    private final Jdbc jdbc;

    PostgresServerBans(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> all() throws SQLException {
        return new HashSet<>(jdbc.list("SELECT account_key FROM server_bans", row -> row.getString(1)));
    }

    @Override
    public void ban(String accountKey, boolean banned, long now) throws SQLException {
        if (banned) {
            jdbc.update("INSERT INTO server_bans (account_key, since) VALUES (?, ?)"
                    + " ON CONFLICT (account_key) DO UPDATE SET since = EXCLUDED.since", accountKey, now);
        } else {
            jdbc.update("DELETE FROM server_bans WHERE account_key = ?", accountKey);
        }
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
