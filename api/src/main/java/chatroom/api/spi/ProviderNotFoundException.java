package chatroom.api.spi;

/** A provider was asked for by a name that nothing installed has; the message lists what is installed. */
public final class ProviderNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String message) {
        super(message);
    }
}
