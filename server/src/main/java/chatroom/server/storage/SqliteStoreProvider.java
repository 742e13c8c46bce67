package chatroom.server.storage;

import chatroom.server.store.Store;
import chatroom.server.store.StoreParts;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.jdbc.JdbcPrivates;
import chatroom.server.store.jdbc.JdbcReadMarkers;
import chatroom.server.store.jdbc.JdbcRows;

/** The default store: one SQLite file in the server's data folder, migrated in place at start. */
public final class SqliteStoreProvider implements StoreProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public SqliteStoreProvider() {
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String description() {
        return "SQLite, in the data folder (" + Database.FILE_NAME + ")";
    }

    /** The data folder, when no other database is named. */
    @Override
    public boolean accepts(StoreSettings settings) {
        return settings.database() == null;
    }

    @Override
    public Store open(StoreSettings settings) {
        Database database = Database.open(settings.dataDir(), settings.fsync());
        // Each part on a connection of its own, so that history pages are read while the journal writes.
        return new StoreParts(database.file().toString(), new SqliteAccountStore(database),
                new SqliteRoomStore(database), new SqliteMembershipStore(database), new SqliteServerBans(database),
                new History(database), new SqliteTokenStore(database),
                new JdbcPrivates(new SqliteAccess(database)), new JdbcReadMarkers(new SqliteAccess(database)),
                new JdbcRows(database::connect, JdbcRows.standardTables("", "id")), null);
    }
}
