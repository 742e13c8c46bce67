package chatroom.store.testing;

import chatroom.server.store.Store;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.StoreSettings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** SQLite, the server's own store, held to the store contract in a data folder per check. */
class SqliteStoreContractTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> storeContract() {
        return StoreContract.checks().stream().map(check -> DynamicTest.dynamicTest(check.name(),
                () -> check.runOn(new DataFolder(dir.resolve(check.name())))));
    }

    /** The store in one data folder, found as the server finds it. */
    private record DataFolder(Path dir) implements StoreContract.Stores {
        @Override
        public Store openEmpty() {
            return reopen();
        }

        @Override
        public Store reopen() {
            StoreProvider sqlite = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                    .filter(provider -> provider.name().equals("sqlite")).findFirst().orElseThrow();
            return sqlite.open(StoreSettings.dataFolder(dir, false));
        }
    }
}
