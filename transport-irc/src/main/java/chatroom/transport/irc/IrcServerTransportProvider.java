package chatroom.transport.irc;

import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.ServerTransportProvider;

import java.util.Optional;

/** The server side of IRC: a listener beside the main one, turned on by {@code chat server --irc-port}. */
public final class IrcServerTransportProvider implements ServerTransportProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public IrcServerTransportProvider() {
    }

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public String description() {
        return "IRC for irssi, WeeChat and other IRC clients, in the same rooms (needs the tcp transport)";
    }

    @Override
    public Optional<ListenerOption> listenerOption() {
        return Optional.of(new ListenerOption("--irc-port", "PORT", "Also speak IRC on this port (6667 is usual;"
                + " 6697 with --tls): IRC clients log in with the same accounts and join the same rooms."));
    }

    @Override
    public ServerTransport create(ListenOptions options) {
        return new IrcServerTransport(options);
    }
}
