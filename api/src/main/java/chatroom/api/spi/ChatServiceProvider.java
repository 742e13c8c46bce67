package chatroom.api.spi;

/**
 * A client transport, such as {@code tcp} or {@code udp}: a cheap factory of {@link ChatService}s, found with
 * {@link java.util.ServiceLoader} and picked by {@link #name()} with {@code --transport}.
 */
public interface ChatServiceProvider extends NamedProvider {
    /**
     * Creates an unconnected service; nothing touches the network before {@link ChatService#login}.
     *
     * @throws IllegalArgumentException when the options do not suit this transport; the message says which
     */
    ChatService create(ConnectOptions options, ChatListener listener);

    /**
     * Whether logging in takes a password. Peer transports have no accounts: their UIs ask only for a name and pass
     * an empty password.
     */
    default boolean usesPasswords() {
        return true;
    }
}
