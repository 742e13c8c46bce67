package chatroom.server.store;

import java.nio.file.Path;

/**
 * Where and how the server keeps its data, as the operator gave it.
 *
 * @param dataDir  the server's data folder (SQLite keeps its database file there)
 * @param database a database URL ({@code jdbc:...}) that names another store, or {@code null} for the data folder
 * @param password the database's password, or {@code null} when the URL needs none (or carries it)
 * @param fsync    whether every commit waits for the disk, so that it survives a power failure and not only a crash
 * @param init     whether a database's schema may be created or migrated now; without it a store that is not at the
 *                 schema this code writes refuses to open (SQLite's file in the data folder migrates itself anyway)
 */
public record StoreSettings(Path dataDir, String database, String password, boolean fsync, boolean init) {
    /** The data folder's store, as a single server keeps it by default. */
    public static StoreSettings dataFolder(Path dataDir, boolean fsync) {
        return new StoreSettings(dataDir, null, null, fsync, false);
    }

    /**
     * The database URL as it may be shown to people: a password in it ({@code password=} or {@code //user:password@})
     * is replaced by {@code ***}.
     */
    public String databaseShown() {
        return database == null ? null : database.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }

    /** Never shows the password, in a log line or a failed assertion. */
    @Override
    public String toString() {
        return "StoreSettings[dataDir=" + dataDir + ", database=" + databaseShown() + ", password="
                + (password == null ? "none" : "given") + ", fsync=" + fsync + ", init=" + init + "]";
    }
}
