package chatroom.api.spi;

/**
 * An operator console for a running server, such as {@code stdin} or {@code swing}, picked with
 * {@code chat server --console}.
 */
public interface ServerConsoleProvider extends NamedProvider {
    /**
     * Runs the console until the server stops. Called on the main thread after the server started.
     *
     * @param context the server to control and the process's standard streams
     */
    void run(ServerConsoleContext context);
}
