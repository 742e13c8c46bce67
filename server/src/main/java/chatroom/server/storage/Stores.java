package chatroom.server.storage;

import chatroom.server.StorageException;
import chatroom.server.store.Store;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.StoreSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the provider that opens the store the settings name. */
public final class Stores {
    private Stores() {
    }

    /**
     * Opens the store: the first provider on the module path that accepts the settings (SQLite's, the server's own,
     * takes the data folder when no database is named).
     *
     * @throws StorageException when no provider takes them (a URL whose store's jar is missing, say) or the store
     *                          cannot be opened
     */
    public static Store open(StoreSettings settings) {
        for (StoreProvider provider : providers()) {
            if (provider.accepts(settings)) {
                return provider.open(settings);
            }
        }
        throw new StorageException("No store here opens " + settings.databaseShown() + ": the stores found are "
                + String.join(", ", providers().stream().map(StoreProvider::name).toList())
                + ". Is the store's jar in the module folder?");
    }

    /**
     * The providers on the module path, SQLite's among them however the server was started (on the class path, as some
     * tools run it, no module declares what it provides).
     */
    public static List<StoreProvider> providers() {
        List<StoreProvider> found = new ArrayList<>();
        ServiceLoader.load(StoreProvider.class).forEach(found::add);
        if (found.stream().noneMatch(provider -> provider instanceof SqliteStoreProvider)) {
            found.add(new SqliteStoreProvider());
        }
        return found;
    }
}
