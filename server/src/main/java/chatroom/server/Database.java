package chatroom.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite file that holds accounts and history. Write-ahead logging lets history pages be read while the journal
 * writes; {@code synchronous=FULL} makes a committed transaction survive a crash of the process or the machine.
 */
final class Database {
    static final String FILE_NAME = "chatroom.db";

    private final Path file;

    private Database(Path file) {
        this.file = file;
    }

    static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Database database = new Database(file);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
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
        } catch (SQLException e) {
            throw new StorageException("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
        return database;
    }

    Path file() {
        return file;
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }
}
