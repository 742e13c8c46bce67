package chatroom.server.store;

/**
 * Opens a {@link Store}: the service a store's module provides ({@code provides chatroom.server.store.StoreProvider});
 * the server finds the providers with {@link java.util.ServiceLoader} and opens the first that takes the settings.
 * Each provider owns its SQL and its schema's migrations.
 */
public interface StoreProvider {
    /** A short name, such as {@code sqlite}, for messages and {@code --help}. */
    String name();

    /** One line on what it keeps data in. */
    String description();

    /** Whether this provider opens the store these settings name (a URL scheme it knows, say). */
    boolean accepts(StoreSettings settings);

    /**
     * Opens the store, creating or migrating its schema as the provider does.
     *
     * @throws chatroom.server.StorageException when it cannot, saying why
     */
    Store open(StoreSettings settings);
}
