package chatroom.api.spi;

/**
 * A user interface, such as {@code terminal} or {@code swing}, found with {@link java.util.ServiceLoader} and picked
 * by {@link #name()} with {@code --ui}.
 */
public interface ChatUiProvider extends NamedProvider {
    /**
     * Runs the interface until the user quits or the connection ends. Called on the main thread, which it may block.
     *
     * @return the process exit code: 0 after a normal quit, non-zero when the connection was lost or failed
     */
    int run(ChatUiContext context);
}
