package chatroom.api.spi;

/**
 * The server side of a transport: accepts connections and hands them to the room. Found with
 * {@link java.util.ServiceLoader}; a cheap factory.
 */
public interface ServerTransportProvider extends NamedProvider {
    /** Creates a transport that will listen as the options say once started. */
    ServerTransport create(ListenOptions options);
}
