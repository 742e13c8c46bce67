package chatroom.server.storage;

import chatroom.server.store.Store;
import chatroom.server.store.StoreSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SQLite held to the store contract, in a data folder of its own. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store openEmpty() {
        return new SqliteStoreProvider().open(StoreSettings.dataFolder(dir, false));
    }

    @Override
    protected Store reopen() {
        return openEmpty();
    }
}
