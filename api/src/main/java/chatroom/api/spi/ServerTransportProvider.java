package chatroom.api.spi;

import java.util.Optional;

/**
 * The server side of a transport: accepts connections and hands them to the room. Found with
 * {@link java.util.ServiceLoader}; a cheap factory.
 */
public interface ServerTransportProvider extends NamedProvider {
    /** Creates a transport that will listen as the options say once started. */
    ServerTransport create(ListenOptions options);

    /**
     * A listener of this transport that runs beside the server's main one when its option is given, such as
     * {@code chat server --irc-port 6667}. The option is declared here, so the server's help shows it only when this
     * provider's module is installed; empty when the transport offers none.
     */
    default Optional<ListenerOption> listenerOption() {
        return Optional.empty();
    }

    /**
     * The server option that turns a transport's extra listener on.
     *
     * @param name        the option, such as {@code --irc-port}
     * @param paramLabel  what it takes: a port
     * @param description one line for the server's help
     */
    record ListenerOption(String name, String paramLabel, String description) {
    }
}
