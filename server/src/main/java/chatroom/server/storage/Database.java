package chatroom.server.storage;

import chatroom.server.StorageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file that holds accounts and history. Write-ahead logging lets history pages be read while the journal
 * writes. A committed transaction is in the log file before the commit returns, so it survives a crash or
 * {@code kill -9} of the server; with {@code fsync} each commit also waits for the disk ({@code synchronous=FULL}), so
 * it survives a power failure too, at the price of a disk flush per commit (milliseconds on many disks).
 */
public final class Database {
    public static final String FILE_NAME = "chatroom.db";
    /**
     * The schema this code writes, kept in SQLite's {@code user_version}: 1 is the single room's tables, 2 adds the
     * registry of rooms, 3 gives each history entry its room and an id counted in that room, 4 records who is in which
     * room, 5 adds a room's operators and whether its topic is open to every member, 6 the accounts banned from a
     * room, 7 invite-only rooms and their invites, 8 the accounts banned from the whole server, 9 private
     * conversations with the messages waiting for their recipients, 10 how far each account has read each
     * conversation. Each step runs once,
     * in one transaction with the ones after it, when an older file opens.
     */
    static final int SCHEMA_VERSION = 10;

    private final Path file;
    private final boolean fsync;
    /**
     * Every write in this process takes this lock: SQLite admits one writer at a time, and a writer that finds the
     * file locked backs off by sleeping (up to 100 ms at a go), which a history commit behind an account insert
     * would otherwise pay as latency. Waiting on a Java lock wakes exactly when the other write is done.
     */
    private final ReentrantLock writes = new ReentrantLock();

    private Database(Path file, boolean fsync) {
        this.file = file;
        this.fsync = fsync;
    }

    public static Database open(Path dataDir) {
        return open(dataDir, false);
    }

    public static Database open(Path dataDir, boolean fsync) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Database database = new Database(file, fsync);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            int version = schemaVersion(statement);
            if (version > SCHEMA_VERSION) {
                throw new StorageException("The database " + file + " was written by a newer chatroom (schema "
                        + version + "; this one knows up to " + SCHEMA_VERSION + "). Run the newer version.");
            }
            connection.setAutoCommit(false);
            if (version < 1) {
                createFirstSchema(statement);
            }
            if (version < 2) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS rooms (
                            name_key TEXT PRIMARY KEY,
                            name TEXT NOT NULL,
                            topic TEXT,
                            owner_key TEXT,
                            created INTEGER NOT NULL)""");
            }
            if (version < 3) {
                // Ids count per room from here on; the single room's entries keep theirs, and belong to no room
                // until the server adopts them into its default room at start.
                addColumnIfMissing(statement, "history", "room_key", "TEXT");
                addColumnIfMissing(statement, "history", "room_id", "INTEGER");
                statement.execute("UPDATE history SET room_id = id WHERE room_id IS NULL");
                statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS history_by_room ON history (room_key, room_id)");
            }
            if (version < 4) {
                // Who is in which room, online or not; an account is put in the default room once ("welcomed").
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS memberships (
                            room_key TEXT NOT NULL,
                            account_key TEXT NOT NULL,
                            joined INTEGER NOT NULL,
                            PRIMARY KEY (room_key, account_key))""");
                statement.execute("CREATE INDEX IF NOT EXISTS memberships_by_account ON memberships (account_key)");
                addColumnIfMissing(statement, "accounts", "welcomed", "INTEGER NOT NULL DEFAULT 0");
                statement.execute("CREATE INDEX IF NOT EXISTS accounts_unwelcomed ON accounts (welcomed)"
                        + " WHERE welcomed = 0");
            }
            if (version < 5) {
                addColumnIfMissing(statement, "memberships", "operator", "INTEGER NOT NULL DEFAULT 0");
                addColumnIfMissing(statement, "rooms", "topic_open", "INTEGER NOT NULL DEFAULT 0");
            }
            if (version < 6) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS room_bans (
                            room_key TEXT NOT NULL,
                            account_key TEXT NOT NULL,
                            by_key TEXT,
                            since INTEGER NOT NULL,
                            PRIMARY KEY (room_key, account_key))""");
            }
            if (version < 7) {
                addColumnIfMissing(statement, "rooms", "invite_only", "INTEGER NOT NULL DEFAULT 0");
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS room_invites (
                            room_key TEXT NOT NULL,
                            account_key TEXT NOT NULL,
                            by_key TEXT,
                            expires INTEGER NOT NULL,
                            PRIMARY KEY (room_key, account_key))""");
            }
            if (version < 8) {
                statement.execute("CREATE TABLE IF NOT EXISTS server_bans (account_key TEXT PRIMARY KEY,"
                        + " since INTEGER NOT NULL)");
            }
            if (version < 9) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS private_messages (
                            conversation TEXT NOT NULL,
                            id INTEGER NOT NULL,
                            ts INTEGER NOT NULL,
                            from_key TEXT NOT NULL,
                            to_key TEXT NOT NULL,
                            from_name TEXT NOT NULL,
                            to_name TEXT NOT NULL,
                            body TEXT NOT NULL,
                            pending INTEGER NOT NULL,
                            PRIMARY KEY (conversation, id))""");
                // The same condition as the queries' text, so that SQLite uses this index for them.
                statement.execute("CREATE INDEX IF NOT EXISTS private_pending ON private_messages (to_key, ts)"
                        + " WHERE pending = TRUE");
                statement.execute("CREATE INDEX IF NOT EXISTS private_by_ts ON private_messages (ts)");
                statement.execute("CREATE INDEX IF NOT EXISTS private_from ON private_messages (from_key)");
                statement.execute("CREATE INDEX IF NOT EXISTS private_to ON private_messages (to_key)");
            }
            if (version < 10) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS read_markers (
                            account_key TEXT NOT NULL,
                            conversation TEXT NOT NULL,
                            read_up_to INTEGER NOT NULL,
                            PRIMARY KEY (account_key, conversation))""");
                statement.execute("CREATE INDEX IF NOT EXISTS read_markers_by_conversation ON read_markers"
                        + " (conversation)");
            }
            statement.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            connection.commit();
        } catch (SQLException e) {
            throw new StorageException("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
        return database;
    }

    private static int schemaVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /**
     * The tables of the single-room server, as every version before the schema had a number created them (their
     * later columns included), so that a data folder of any of those versions continues from here.
     */
    private static void createFirstSchema(Statement statement) throws SQLException {
        statement.execute("""
                CREATE TABLE IF NOT EXISTS accounts (
                    name_key TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created INTEGER NOT NULL)""");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS history (
                    id INTEGER PRIMARY KEY,
                    ts INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    sender TEXT,
                    body TEXT NOT NULL)""");
        addColumnIfMissing(statement, "history", "sender_account", "TEXT");
        addColumnIfMissing(statement, "history", "cid", "TEXT");
        statement.execute("""
                CREATE TABLE IF NOT EXISTS resume_tokens (
                    token_hash TEXT PRIMARY KEY,
                    account_key TEXT NOT NULL,
                    account TEXT NOT NULL,
                    guest INTEGER NOT NULL,
                    expires INTEGER NOT NULL)""");
        statement.execute("CREATE INDEX IF NOT EXISTS resume_tokens_expiry ON resume_tokens (expires)");
    }

    /** Databases made before a column existed get it, empty in their old rows. */
    private static void addColumnIfMissing(Statement statement, String table, String column, String type)
            throws SQLException {
        try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (column.equals(columns.getString("name"))) {
                    return;
                }
            }
        }
        statement.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }

    public ReentrantLock writes() {
        return writes;
    }

    /**
     * Runs one statement on the connection, in its own transaction (the connection commits by itself), while holding
     * the process's write lock; returns how many rows it changed.
     */
    int update(Connection connection, String sql, Object... parameters) throws SQLException {
        writes.lock();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } finally {
            writes.unlock();
        }
    }

    public Path file() {
        return file;
    }

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute(fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=10000");
            // A commit that crosses the log's size limit would otherwise copy the log into the database, and flush
            // it, before returning: milliseconds on the delivery path. The server checkpoints on a thread of its own.
            statement.execute("PRAGMA wal_autocheckpoint=0");
        }
        return connection;
    }
}
