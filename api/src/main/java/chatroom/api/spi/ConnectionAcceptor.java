package chatroom.api.spi;

/** Where a {@link ServerTransport} hands each new connection. */
@FunctionalInterface
public interface ConnectionAcceptor {
    /**
     * Takes a new connection.
     *
     * @return what receives the connection's input; called on the connection's reader thread, one call at a time
     */
    InboundHandler accept(Connection connection);
}
