package chatroom.server.store;

import chatroom.server.StorageException;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteStoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoresTest {
    @TempDir
    Path dir;

    @Test
    void theDataFolderOpensInSqliteWithEveryPartWorking() throws Exception {
        try (Store store = Stores.open(StoreSettings.dataFolder(dir, false))) {
            assertTrue(store.accounts().create("alice", "alice", "hash", 1));
            assertTrue(store.rooms().create("#ops", "alice", 2));
            assertTrue(store.memberships().join("#ops", "alice", 3));
            store.serverBans().ban("bob", true, 4);
            assertEquals(dir.resolve(Database.FILE_NAME).toString(), store.where());
        }
        assertTrue(Files.exists(dir.resolve(Database.FILE_NAME)));
        try (Store again = Stores.open(StoreSettings.dataFolder(dir, false))) {
            assertEquals(List.of("alice"), again.accounts().names());
            assertEquals(List.of("#ops"), again.rooms().all().stream().map(RoomStore.Saved::name).toList());
            assertEquals(Set.of("bob"), again.serverBans().all());
        }
    }

    @Test
    void aDatabaseNoProviderTakesIsRefusedNamingTheStoresFound() {
        StorageException refused = assertThrows(StorageException.class,
                () -> Stores.open(new StoreSettings(dir, "jdbc:postgresql://localhost/chat", null, false, false)));

        assertEquals("No store here opens jdbc:postgresql://localhost/chat: the stores found are sqlite. Is the"
                + " store's jar in the module folder?", refused.getMessage());
    }

    @Test
    void aPasswordInTheDatabaseUrlIsNeverShown() {
        StoreSettings settings = new StoreSettings(dir, "jdbc:postgresql://db/chat?user=chat&password=s3cret&ssl=true",
                "other-secret", false, true);

        assertEquals("jdbc:postgresql://db/chat?user=chat&password=***&ssl=true", settings.databaseShown());
        assertEquals("jdbc:postgresql://chat:***@db:5432/chat", new StoreSettings(dir,
                "jdbc:postgresql://chat:s3cret@db:5432/chat", null, false, false).databaseShown());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertFalse(settings.toString().contains("other-secret"), settings.toString());
        StorageException refused = assertThrows(StorageException.class, () -> Stores.open(settings));
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    @Test
    void sqliteIsAProviderWithANameAndTakesOnlyTheDataFolder() {
        StoreProvider sqlite = new SqliteStoreProvider();

        assertEquals("sqlite", sqlite.name());
        assertTrue(sqlite.accepts(StoreSettings.dataFolder(dir, true)));
        assertFalse(sqlite.accepts(new StoreSettings(dir, "jdbc:postgresql://db/chat", null, false, false)));
        assertEquals(List.of("sqlite"), Stores.providers().stream().map(StoreProvider::name).toList());
    }
}
