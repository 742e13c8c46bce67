package chatroom.server.store.jdbc;

import java.sql.Connection;
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

    /** Lets go of what it holds (its own connections; a pool stays the store's). */
    default void close() throws SQLException {
    }
}
