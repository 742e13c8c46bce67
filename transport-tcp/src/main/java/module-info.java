/**
 * The TCP transport: newline-delimited JSON over TCP, for the server (listener) and the client (connection).
 *
 * @provides chatroom.api.spi.ServerTransportProvider the {@code tcp} listener
 * @provides chatroom.api.spi.ChatServiceProvider the {@code tcp} client
 */
module chatroom.transport.tcp {
    requires chatroom.api;
    /** TCP keep-alive timing (TCP_KEEPIDLE and friends), so the server notices clients whose network vanished. */
    requires jdk.net;

    provides chatroom.api.spi.ServerTransportProvider with chatroom.transport.tcp.TcpServerTransportProvider;
    provides chatroom.api.spi.ChatServiceProvider with chatroom.transport.tcp.TcpChatServiceProvider;
}
