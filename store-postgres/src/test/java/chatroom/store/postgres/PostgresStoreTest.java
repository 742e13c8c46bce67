package chatroom.store.postgres;

import chatroom.api.message.ChatMessage;
import chatroom.server.StorageException;
import chatroom.server.store.Store;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.StoreSettings;
import chatroom.store.testing.LocalPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the PostgreSQL store does beyond the contract: its schema's versions, and a database that goes away. */
class PostgresStoreTest {
    private final PostgresStoreProvider provider = new PostgresStoreProvider();

    private static StoreSettings settings(String url, boolean init) {
        return new StoreSettings(null, url, null, false, init);
    }

    @Test
    void itIsDeclaredAsAStoreProviderAndTakesOnlyPostgresqlUrls() throws Exception {
        ModuleDescriptor module = PostgresStoreProvider.class.getModule().getDescriptor();
        assertTrue(module.provides().stream().anyMatch(provides ->
                provides.service().equals(StoreProvider.class.getName())
                        && provides.providers().equals(List.of(PostgresStoreProvider.class.getName()))),
                "the server's ServiceLoader finds it: " + module.provides());
        try (var services = PostgresStoreProvider.class.getClassLoader()
                .getResourceAsStream("META-INF/services/" + StoreProvider.class.getName())) {
            assertEquals(PostgresStoreProvider.class.getName(), new String(services.readAllBytes()).strip(),
                    "the jar works on a class path too");
        }
        assertEquals("postgresql", provider.name());
        assertTrue(provider.accepts(settings("jdbc:postgresql://db:5432/chat?user=chat", false)));
        assertFalse(provider.accepts(settings("jdbc:mysql://db/chat", false)));
        assertFalse(provider.accepts(StoreSettings.dataFolder(null, false)));
    }

    @Test
    void anEmptyDatabaseIsRefusedWithoutInitAndMadeWithIt() throws Exception {
        String url = LocalPostgres.get(Assumptions::abort).createDatabase();

        String shown = settings(url, false).databaseShown();
        StorageException refused = assertThrows(StorageException.class, () -> provider.open(settings(url, false)));
        assertEquals("The database " + shown + " holds no chatroom data yet. Start the server once with --init to"
                + " create its tables.", refused.getMessage());
        try (Store store = provider.open(settings(url, true))) {
            assertTrue(store.accounts().create("alice", "alice", "hash", 1));
            assertEquals(shown, store.where());
            assertFalse(shown.contains(LocalPostgres.get(Assumptions::abort).password()), shown);
        }
        try (Store again = provider.open(settings(url, false))) {
            assertEquals(List.of("alice"), again.accounts().names());
        }
    }

    @Test
    void aDatabaseWrittenByANewerChatroomIsRefusedEvenWithInit() throws Exception {
        String url = LocalPostgres.get(Assumptions::abort).createDatabase();
        provider.open(settings(url, true)).close();
        execute(url, "UPDATE chat_schema SET version = 99");

        for (boolean init : new boolean[] {false, true}) {
            StorageException refused = assertThrows(StorageException.class, () -> provider.open(settings(url, init)));
            assertEquals("The database " + settings(url, init).databaseShown() + " was written by a newer chatroom"
                    + " (schema 99; this one knows up to " + Schema.shipped().version() + "). Run the newer version.",
                    refused.getMessage());
        }
    }

    @Test
    void thePasswordMayComeApartFromTheUrl() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        String url = postgres.urlWithoutPassword(LocalPostgres.databaseName(postgres.createDatabase()));

        StorageException refused = assertThrows(StorageException.class, () -> provider.open(settings(url, true)));
        assertTrue(refused.getMessage().startsWith("Cannot connect to the database " + url + ": "),
                refused.getMessage());
        try (Store store = provider.open(new StoreSettings(null, url, postgres.password(), false, true))) {
            assertEquals(List.of(), store.accounts().names());
        }
    }

    @Test
    void withoutFsyncACommitDoesNotWaitForTheDatabasesDiskAndWithItPostgresqlDecides() throws Exception {
        String url = LocalPostgres.get(Assumptions::abort).createDatabase();
        for (boolean fsync : new boolean[] {false, true}) {
            try (HikariDataSource pool = new HikariDataSource(
                    PostgresStoreProvider.config(new StoreSettings(null, url, null, fsync, false)));
                 Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("SHOW synchronous_commit")) {
                setting.next();
                assertEquals(fsync ? "on" : "off", setting.getString(1), fsync ? "the cluster's own" : "as SQLite's");
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsRefusedSayingWhere() {
        StorageException refused = assertThrows(StorageException.class,
                () -> provider.open(settings("jdbc:postgresql://127.0.0.1:1/chat?user=chat&password=s3cret", true)));

        assertTrue(refused.getMessage().startsWith("Cannot connect to the database"
                + " jdbc:postgresql://127.0.0.1:1/chat?user=chat&password=***: "), refused.getMessage());
    }

    @Test
    void writesFailWhileTheDatabaseIsDownAndWorkAgainWhenItIsBack() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        String url = postgres.createDatabase();
        // With --fsync: what was committed survives even the database's crash (stopServer is one).
        try (Store store = provider.open(new StoreSettings(null, url, null, true, true))) {
            store.history().append(List.of(new ChatMessage(1, 10, "alice", "before", false, null, "#ops")));

            postgres.stopServer();
            try {
                assertThrows(SQLException.class, () -> store.history().append(
                        List.of(new ChatMessage(2, 20, "alice", "during", false, null, "#ops"))));
                // Found unreachable: the next call fails at once rather than wait for the pool again.
                SQLException fast = assertThrows(SQLException.class, () -> store.memberships().join("#ops", "bob", 1));
                assertEquals("The database is unreachable; retrying in a moment.", fast.getMessage());
            } finally {
                postgres.startServer();
            }

            Thread.sleep(Jdbc.FAIL_FAST_NANOS / 1_000_000);
            store.history().append(List.of(new ChatMessage(2, 30, "alice", "after", false, null, "#ops")));
            assertEquals(List.of(new ChatMessage(1, 10, "alice", "before", true, null, "#ops"),
                    new ChatMessage(2, 30, "alice", "after", true, null, "#ops")),
                    store.history().before("#ops", Long.MAX_VALUE, 10));
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
