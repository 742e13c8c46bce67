package chatroom.transport.tcp;

import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ConnectOptions;

/** The client side of the TCP transport: a connection to a chat server. */
public final class TcpChatServiceProvider implements ChatServiceProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public TcpChatServiceProvider() {
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String description() {
        return "Connect to a chat server over TCP or TLS (chat server)";
    }

    @Override
    public ChatService create(ConnectOptions options, ChatListener listener) {
        if (options.host() == null || options.host().isBlank()) {
            throw new IllegalArgumentException("The tcp transport needs a host to connect to (--host).");
        }
        if (options.port() < 1 || options.port() > 65535) {
            throw new IllegalArgumentException("Port " + options.port() + " is not between 1 and 65535 (--port).");
        }
        Servers.parse(options.host(), options.port()); // says what is wrong with a list of servers, before anything
        boolean reconnect = options.setting(TcpChatService.RECONNECT)
                .map(value -> !value.equals("off") && !value.equals("false")).orElse(true);
        return new TcpChatService(options, listener, ClientTls.from(options), reconnect ? Backoff.DEFAULT : null);
    }
}
