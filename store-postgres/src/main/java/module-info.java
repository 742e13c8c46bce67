/**
 * The server's store in PostgreSQL: {@code chat server --database jdbc:postgresql://HOST:PORT/DB?user=U}.
 *
 * @provides chatroom.server.store.StoreProvider the {@code postgresql} store
 */
// PostgreSQL's JDBC driver has no module-info: it is the automatic module org.postgresql.jdbc.
@SuppressWarnings("requires-automatic")
module chatroom.store.postgres {
    requires chatroom.server;
    requires com.zaxxer.hikari;
    requires java.logging;
    requires org.postgresql.jdbc;

    provides chatroom.server.store.StoreProvider with chatroom.store.postgres.PostgresStoreProvider;
}
