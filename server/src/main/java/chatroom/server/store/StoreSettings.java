package chatroom.server.store;

import java.nio.file.Path;

/**
 * Where and how the server keeps its data, as the operator gave it.
 *
 * @param dataDir  the server's data folder (SQLite keeps its database file there)
 * @param database a database URL ({@code jdbc:...}) that names another store, or {@code null} for the data folder
 * @param fsync    whether every commit waits for the disk, so that it survives a power failure and not only a crash
 */
public record StoreSettings(Path dataDir, String database, boolean fsync) {
    /** The data folder's store, as a single server keeps it by default. */
    public static StoreSettings dataFolder(Path dataDir, boolean fsync) {
        return new StoreSettings(dataDir, null, fsync);
    }
}
