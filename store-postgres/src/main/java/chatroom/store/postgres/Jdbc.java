package chatroom.store.postgres;

import chatroom.server.store.jdbc.JdbcAccess;
import chatroom.server.store.jdbc.JdbcRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on connections borrowed from the pool for as long as each takes: a statement alone commits by itself,
 * several in {@link #transaction} commit together. Every part of the store speaks to PostgreSQL through this.
 */
final class Jdbc implements JdbcAccess {
    /** Reads one row into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * How long, after the database was found unreachable, calls fail at once instead of waiting for a connection:
     * the rooms' thread writes memberships and settings itself, and must not stall every room for the pool's wait
     * on each of them during an outage. Shorter than the journal's longest wait between retries, so its retries
     * find out when the database is back.
     */
    static final long FAIL_FAST_NANOS = 1_000_000_000L;

    private final DataSource pool;
    /** Until when ({@link System#nanoTime}) the database is taken for unreachable, if it was lately. */
    private volatile long unreachableUntil;
    private volatile boolean unreachable;

    Jdbc(DataSource pool) {
        this.pool = pool;
    }

    /** Runs one statement; how many rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        return withConnection(connection -> update(connection, sql, parameters));
    }

    /** Runs one statement on a connection already borrowed (in a transaction, say). */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        return JdbcAccess.update(connection, sql, parameters);
    }

    /** Every row the query finds, read by {@code row}. */
    <T> List<T> list(String sql, Row<T> row, Object... parameters) throws SQLException {
        return withConnection(connection -> list(connection, sql, row, parameters));
    }

    static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = JdbcAccess.prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(row.read(rows));
            }
            return values;
        }
    }

    /** The first row the query finds, if any. */
    <T> Optional<T> first(String sql, Row<T> row, Object... parameters) throws SQLException {
        return list(sql, row, parameters).stream().findFirst();
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws. The pool puts the
     * connection back in auto-commit when it is returned.
     */
    <T> T transaction(Work<T> work) throws SQLException {
        return withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                JdbcRows.rollback(connection, e);
                throw e;
            }
        });
    }

    /** Work on one connection outside a transaction: each of its statements commits by itself. */
    <T> T autocommit(Work<T> work) throws SQLException {
        return withConnection(work);
    }

    @Override
    public <T> T read(JdbcAccess.Work<T> work) throws SQLException {
        return withConnection(work::run);
    }

    @Override
    public <T> T write(JdbcAccess.Work<T> work) throws SQLException {
        return transaction(work::run);
    }

    /**
     * Runs the work on a pooled connection, failing at once while the database was lately found unreachable, and
     * noting when it is.
     */
    private <T> T withConnection(Work<T> work) throws SQLException {
        if (unreachable && System.nanoTime() - unreachableUntil < 0) {
            throw new SQLTransientConnectionException("The database is unreachable; retrying in a moment.", "08001");
        }
        try (Connection connection = pool.getConnection()) {
            T result = work.run(connection);
            unreachable = false;
            return result;
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                unreachableUntil = System.nanoTime() + FAIL_FAST_NANOS;
                unreachable = true;
            }
            throw e;
        }
    }

    /** A failure to reach the database (SQL state class 08, or an administrator's shutdown, 57P). */
    static boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
