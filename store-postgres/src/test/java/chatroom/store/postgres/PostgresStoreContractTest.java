package chatroom.store.postgres;

import chatroom.server.store.Store;
import chatroom.server.store.StoreSettings;
import chatroom.store.testing.LocalPostgres;
import chatroom.store.testing.StoreContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** PostgreSQL held to the store contract: a new database of a real PostgreSQL per check. */
class PostgresStoreContractTest {
    @TestFactory
    Stream<DynamicTest> storeContract() {
        return StoreContract.checks().stream().map(check -> DynamicTest.dynamicTest(check.name(),
                () -> check.runOn(new Database(LocalPostgres.get(Assumptions::abort).createDatabase()))));
    }

    /** One database, made by the first open ({@code --init}) and found by the next. */
    private record Database(String url) implements StoreContract.Stores {
        @Override
        public Store openEmpty() {
            return new PostgresStoreProvider().open(new StoreSettings(null, url, null, false, true));
        }

        @Override
        public Store reopen() {
            return new PostgresStoreProvider().open(new StoreSettings(null, url, null, false, false));
        }
    }
}
