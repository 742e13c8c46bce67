package chatroom.api.spi;

/**
 * What every provider found through {@link java.util.ServiceLoader} has: a name the user picks it by and a line
 * describing it. Implementations are {@code public final} classes with a public no-argument constructor that does
 * nothing: {@code ServiceLoader} instantiates every provider it finds, chosen or not, so expensive work belongs in
 * the factory methods.
 */
public interface NamedProvider {
    /** The lowercase name users type, such as {@code tcp} or {@code terminal}; unique among providers of a kind. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Whether this provider can run in this process (a window needs a display). Must be cheap.
     */
    default boolean isAvailable() {
        return true;
    }
}
