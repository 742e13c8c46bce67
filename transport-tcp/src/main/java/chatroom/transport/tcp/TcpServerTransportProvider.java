package chatroom.transport.tcp;

import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.ServerTransportProvider;

/** The server side of the TCP transport. */
public final class TcpServerTransportProvider implements ServerTransportProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public TcpServerTransportProvider() {
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "Newline-delimited JSON over TCP";
    }

    @Override
    public ServerTransport create(ListenOptions options) {
        return new TcpServerTransport(options);
    }
}
