package chatroom.api.spi;

import java.io.IOException;
import java.util.List;

/**
 * A listening endpoint of the server. {@link #start} binds and returns; connections are then accepted on the
 * transport's own threads and each is offered to the {@link ConnectionAcceptor}.
 */
public interface ServerTransport extends AutoCloseable {
    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the address cannot be bound (port in use, say)
     */
    void start(ConnectionAcceptor acceptor) throws IOException;

    /** The port actually bound, once started. */
    int port();

    /** Addresses clients can use, such as {@code 192.168.1.20:9000}, once started. */
    List<String> addresses();

    /** Stops accepting and closes every connection. Idempotent. */
    @Override
    void close();
}
