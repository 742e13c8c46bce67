package chatroom.server.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a part of a store that runs the same statements on SQLite and PostgreSQL reaches its database: each store
 * says how its connections are had, to read and to write in a transaction.
 */
public interface JdbcAccess {
    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs reads on a connection. */
    <T> T read(Work<T> work) throws SQLException;

    /** Runs writes in one transaction: committed when it returns, rolled back when it throws. */
    <T> T write(Work<T> work) throws SQLException;

    /** A statement with its parameters set in order; closed again if one cannot be set. */
    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
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

    /** Runs one statement on a connection already had; how many rows it changed. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Lets go of what it holds (its own connections; a pool stays the store's). */
    default void close() throws SQLException {
    }
}
