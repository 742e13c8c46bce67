package chatroom.store.postgres;

import chatroom.server.StorageException;
import chatroom.server.store.jdbc.JdbcRows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema's versions: {@code schema/N.sql} beside this class takes a database from version N-1 to N, and the
 * table {@code chat_schema} holds the version a database is at. Only with {@code --init} are missing versions
 * applied, all in one transaction under an advisory lock, so that two servers started with {@code --init} at once
 * migrate once; without it, a database that is not at this code's version is refused, saying what to do.
 */
final class Schema {
    /** Serialises migrations across servers: an arbitrary number, the same in every chatroom. */
    private static final long MIGRATION_LOCK = 0x636861745f736368L;

    private final List<String> migrations;

    private Schema(List<String> migrations) {
        this.migrations = migrations;
    }

    /** The migrations shipped in this module, in order. */
    static Schema shipped() {
        List<String> migrations = new ArrayList<>();
        while (true) {
            String name = "schema/" + (migrations.size() + 1) + ".sql";
            try (InputStream sql = Schema.class.getResourceAsStream(name)) {
                if (sql == null) {
                    return new Schema(List.copyOf(migrations));
                }
                migrations.add(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StorageException("Cannot read the migration " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The version this code reads and writes. */
    int version() {
        return migrations.size();
    }

    /**
     * Brings the database to this code's version when {@code init} allows it, else checks that it is there.
     *
     * @return the version the database was at (0 for none)
     * @throws StorageException when the database is not at this version and may not be migrated, saying what to do
     *     (the connection is left in a transaction: the pool puts it back in auto-commit when it is returned)
     */
    int prepare(Connection connection, boolean init, String where) throws SQLException {
        int found = versionOf(connection);
        if (found > version()) {
            throw new StorageException("The database " + where + " was written by a newer chatroom (schema " + found
                    + "; this one knows up to " + version() + "). Run the newer version.");
        }
        if (found == version()) {
            return found;
        }
        if (!init) {
            throw new StorageException(found == 0
                    ? "The database " + where + " holds no chatroom data yet. Start the server once with --init"
                            + " to create its tables."
                    : "The database " + where + " is at schema " + found + "; this chatroom needs " + version()
                            + ". Back it up, then start the server once with --init to migrate it.");
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            // Whatever the store's connections do for messages, the schema waits for the disk.
            statement.execute("SET LOCAL synchronous_commit TO on");
            statement.execute("CREATE TABLE IF NOT EXISTS chat_schema (version INTEGER NOT NULL)");
            // Another server may have migrated while this one waited for the lock.
            int now = versionOf(connection);
            for (int next = now + 1; next <= version(); next++) {
                statement.execute(migrations.get(next - 1));
            }
            statement.execute("DELETE FROM chat_schema");
            statement.execute("INSERT INTO chat_schema (version) VALUES (" + version() + ")");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            JdbcRows.rollback(connection, e);
            throw e;
        }
        return found;
    }

    private static int versionOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Looked up as an unqualified name is, through the search path: the schema the tables go to.
            try (ResultSet table = statement.executeQuery("SELECT to_regclass('chat_schema') IS NOT NULL")) {
                if (!table.next() || !table.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM chat_schema")) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }
}
