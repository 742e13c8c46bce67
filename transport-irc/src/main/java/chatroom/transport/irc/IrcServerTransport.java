package chatroom.transport.irc;

import chatroom.api.spi.ConnectionAcceptor;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ProviderNotFoundException;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerTransport;

import java.io.IOException;
import java.util.List;

/**
 * IRC on a port of its own: the {@code tcp} transport's listener reads and writes the lines (TLS, keep-alive and the
 * slow-reader cut included), and each connection is an {@link IrcClient} that the server sees as a protocol-2 client.
 */
final class IrcServerTransport implements ServerTransport {
    private final ServerTransport lines;

    /** @throws IllegalStateException when the {@code tcp} transport's module is not installed */
    IrcServerTransport(ListenOptions options) {
        try {
            // A line is at most 512 bytes plus 8,191 bytes of tags; longer ones are refused as IRC servers do.
            lines = Providers.serverTransports().require("tcp").create(new ListenOptions(options.bind(),
                    options.port(), IrcLine.MAX_TAGS_BYTES + IrcLine.MAX_BYTES, options.outboxBytes(),
                    options.tls()));
        } catch (ProviderNotFoundException e) {
            throw new IllegalStateException("IRC travels over the tcp transport, which is not installed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void start(ConnectionAcceptor acceptor) throws IOException {
        lines.start(connection -> new IrcClient(connection, acceptor).inbound());
    }

    @Override
    public int port() {
        return lines.port();
    }

    @Override
    public List<String> addresses() {
        return lines.addresses();
    }

    @Override
    public void close() {
        lines.close();
    }
}
