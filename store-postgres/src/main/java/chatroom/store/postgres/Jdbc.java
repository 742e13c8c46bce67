package chatroom.store.postgres;

import chatroom.server.store.jdbc.JdbcRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on connections borrowed from the pool for as long as each takes: a statement alone commits by itself,
 * several in {@link #transaction} commit together. Every part of the store speaks to PostgreSQL through this.
 */
final class Jdbc {
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

    private final DataSource pool;

    Jdbc(DataSource pool) {
        this.pool = pool;
    }

    /** Runs one statement; how many rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return update(connection, sql, parameters);
        }
    }

    /** Runs one statement on a connection already borrowed (in a transaction, say). */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Every row the query finds, read by {@code row}. */
    <T> List<T> list(String sql, Row<T> row, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return list(connection, sql, row, parameters);
        }
    }

    static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
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
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                JdbcRows.rollback(connection, e);
                throw e;
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }
}
