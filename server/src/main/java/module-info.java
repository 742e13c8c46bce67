/**
 * The chat room itself, independent of any transport: accounts, presence, broadcast, private messages, durable
 * history, moderation and the operator's console.
 *
 * @provides chatroom.api.spi.ServerConsoleProvider the {@code stdin} console
 */
module chatroom.server {
    requires transitive chatroom.api;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports chatroom.server;

    provides chatroom.api.spi.ServerConsoleProvider with chatroom.server.StdinConsoleProvider;
}
