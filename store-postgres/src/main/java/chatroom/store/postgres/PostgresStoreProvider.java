package chatroom.store.postgres;

import chatroom.server.StorageException;
import chatroom.server.store.Store;
import chatroom.server.store.StoreParts;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.jdbc.JdbcPrivates;
import chatroom.server.store.jdbc.JdbcReadMarkers;
import chatroom.server.store.jdbc.JdbcRows;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store in PostgreSQL, for {@code --database jdbc:postgresql://HOST:PORT/DB?user=U}: a pool of connections
 * (HikariCP), which replaces the connections a restarted or unreachable database dropped, so the server carries on
 * by itself once the database is back.
 */
public final class PostgresStoreProvider implements StoreProvider {
    private static final String SCHEME = "jdbc:postgresql:";
    /** Enough for the history's writer, history pages, logins and the room's writes at once. */
    private static final int CONNECTIONS = 8;
    /** How long a statement waits for a connection while the database is away, before it fails. */
    private static final long CONNECTION_WAIT_MILLIS = 3_000;

    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public PostgresStoreProvider() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String description() {
        return "PostgreSQL, at a " + SCHEME + " URL (--database)";
    }

    @Override
    public boolean accepts(StoreSettings settings) {
        return settings.database() != null && settings.database().startsWith(SCHEME);
    }

    /**
     * Connects, then brings the schema to this code's version when {@code --init} allows it, or refuses a database
     * that is not there.
     */
    @Override
    public Store open(StoreSettings settings) {
        String where = settings.databaseShown();
        PoolLog.quieten();
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(settings));
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StorageException("Cannot connect to the database " + where + ": " + cause.getMessage(), e);
        }
        try (Connection connection = pool.getConnection()) {
            Schema.shipped().prepare(connection, settings.init(), where);
        } catch (SQLException e) {
            pool.close();
            throw new StorageException("Cannot prepare the database " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        Jdbc jdbc = new Jdbc(pool);
        return new StoreParts(where, new PostgresAccounts(jdbc), new PostgresRooms(jdbc), new PostgresMemberships(jdbc),
                new PostgresServerBans(jdbc), new PostgresHistory(jdbc), new PostgresTokens(jdbc),
                new JdbcPrivates(jdbc), new JdbcReadMarkers(jdbc),
                new JdbcRows(pool::getConnection, JdbcRows.standardTables("COLLATE \"C\"", "seq")), pool,
                node -> PostgresCluster.open(jdbc, settings.database(), settings.password(), node));
    }

    /** The pool's settings. Package access for tests. */
    static HikariConfig config(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chat-store");
        config.setJdbcUrl(settings.database());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        // Defaults for the driver, which the URL's own parameters override: one round trip per batch of inserts,
        // a bounded wait for a database that does not answer, and the server's name in pg_stat_activity.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("ApplicationName", "chatroom");
        if (!settings.fsync()) {
            // As SQLite's default: a commit survives a crash of the chat server (PostgreSQL has it) without waiting
            // for the database's disk flush, which would bound every message's latency. --fsync leaves PostgreSQL's
            // own setting, normally to wait for the disk.
            config.setConnectionInitSql("SET synchronous_commit TO off");
        }
        return config;
    }

    /** The pool's start and stop notices are noise beside the server's own log; its warnings are not. */
    private static final class PoolLog {
        /** Kept, so that the level holds: java.util.logging keeps only weak references to its loggers. */
        private static final Logger LOG = Logger.getLogger("com.zaxxer.hikari");

        static void quieten() {
            LOG.setLevel(Level.WARNING);
        }
    }
}
