package chatroom.server.store;

import chatroom.server.StorageException;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteStoreProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
        return providerFor(settings).orElseThrow(() -> new StorageException(noProviderFor(settings)))
                .open(settings);
    }

    /** Whether a data folder holds a server's SQLite store (made by a server or {@code chat users}). */
    public static boolean dataFolderHasStore(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(Database.FILE_NAME));
    }

    /** The first provider on the module path that accepts the settings, if any does. */
    public static Optional<StoreProvider> providerFor(StoreSettings settings) {
        return providers().stream().filter(provider -> provider.accepts(settings)).findFirst();
    }

    /** What to tell the operator when no provider accepts the settings: what was asked, what exists, what to do. */
    public static String noProviderFor(StoreSettings settings) {
        return "No store here opens " + settings.databaseShown() + ": the stores found are "
                + String.join(", ", providers().stream().map(StoreProvider::name).toList())
                + ". Is the store's jar in the module folder?";
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
        // By name, whatever order the module path gives: providers take disjoint settings, so order is for people.
        found.sort(Comparator.comparing(StoreProvider::name));
        return found;
    }
}
