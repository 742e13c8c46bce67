package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.jdbc.JdbcAccess;
import chatroom.server.store.jdbc.JdbcRows;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A part of the SQLite store on connections of its own: one that writes, under the process's write lock (see
 * {@link Database#writes()}), and one that reads, so that reads go on while a write waits for the lock.
 */
final class SqliteAccess implements JdbcAccess {
    private final Database database;
    private final Connection writer;
    private final Connection reader;

    SqliteAccess(Database database) {
        this.database = database;
        try {
            writer = database.connect();
            writer.setAutoCommit(false);
            reader = database.connect();
        } catch (SQLException e) {
            throw new StorageException("Cannot open " + database.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(JdbcAccess.Work<T> work) throws SQLException {
        synchronized (reader) {
            return work.run(reader);
        }
    }

    @Override
    public <T> T write(JdbcAccess.Work<T> work) throws SQLException {
        database.writes().lock();
        try {
            T result = work.run(writer);
            writer.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            JdbcRows.rollback(writer, e);
            throw e;
        } finally {
            database.writes().unlock();
        }
    }

    @Override
    public void close() throws SQLException {
        try (reader; writer) {
            // Both closed, the reader's failure first.
        }
    }
}
