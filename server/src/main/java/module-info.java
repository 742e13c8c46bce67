/**
 * The chat room itself, independent of any transport: accounts, presence, broadcast, private messages, durable
 * history, moderation and the operator's console.
 *
 * @provides chatroom.api.spi.ServerConsoleProvider the {@code stdin} console
 */
@SuppressWarnings("module") // qualified exports name modules built after this one
module chatroom.server {
    requires transitive chatroom.api;
    // Transitive: the storage SPI reports a store's failures as SQLExceptions (both stores speak JDBC).
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;

    exports chatroom.server;
    // The storage SPI: what a store provider implements, in the chat's terms.
    exports chatroom.server.store;
    // Rows of the store's tables over JDBC, which the PostgreSQL store shares with SQLite's for chat migrate.
    exports chatroom.server.store.jdbc to chatroom.store.postgres;
    // `chat users` manages the accounts of a stopped server; nothing else outside needs them.
    exports chatroom.server.accounts to chatroom.app;

    uses chatroom.server.store.StoreProvider;

    provides chatroom.api.spi.ServerConsoleProvider with chatroom.server.console.StdinConsoleProvider;
    provides chatroom.server.store.StoreProvider with chatroom.server.storage.SqliteStoreProvider;
}
