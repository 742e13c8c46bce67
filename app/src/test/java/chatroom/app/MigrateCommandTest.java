package chatroom.app;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.server.accounts.Accounts;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.Store;
import chatroom.server.store.StoreRows;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.Stores;
import chatroom.server.store.TokenStore;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code chat migrate} from a data folder into a real PostgreSQL. */
class MigrateCommandTest {
    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ChatCommand.execute(new Io(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                args);
    }

    /** A data folder with some of everything, as a server and chat users leave it. */
    private void fillDataFolder() throws Exception {
        try (Accounts accounts = Accounts.open(data)) {
            accounts.add("alice", "alice-secret".toCharArray());
            accounts.add("Zoë", "zoë-secret".toCharArray());
        }
        try (Store store = Stores.open(StoreSettings.dataFolder(data, false))) {
            store.rooms().create("#lobby", null, 1);
            store.rooms().create("#ops", "alice", 2);
            store.rooms().setTopic("#ops", "Deploys");
            store.memberships().welcome("#lobby", 3);
            store.memberships().join("#ops", "alice", 4);
            store.memberships().setOperator("#ops", "alice", true);
            store.memberships().ban("#ops", "zoë", "alice", 5);
            store.memberships().invite("#ops", "bob", "alice", 6);
            store.serverBans().ban("erin", true, 7);
            store.tokens().add(List.of(new TokenStore.NewToken("hash-1", "alice", "alice", false)));
            List<chatroom.api.message.ServerMessage> history = new ArrayList<>();
            for (int id = 1; id <= 2_500; id++) {
                history.add(new ChatMessage(id, 100 + id, "alice", "message " + id, false,
                        HistoryStore.receiptCid("alice", "c-" + id), "#ops"));
            }
            history.add(new Announcement(1, 9_000, "welcome", false, "#lobby"));
            history.add(new FileShared(2, 9_001, "Zoë", "plan 你好.pdf", 2048, false, "#lobby"));
            store.history().append(history);
            store.readMarkers().mark("alice", "#ops", 2_000);
            store.readMarkers().mark("zoë", "alice/zoë", 1);
            store.privates().append(List.of(new PrivateRow("alice/zoë", 1, 9_002, "alice", "zoë", "alice", "Zoë",
                    "psst", false), new PrivateRow("alice/zoë", 2, 9_003, "zoë", "alice", "Zoë", "alice",
                    "while you were away", true)));
        }
    }

    private static <R extends Record> List<R> rows(Store store, Class<R> kind) throws Exception {
        List<R> all = new ArrayList<>();
        store.rows().read(kind, 1_000, all::addAll);
        return all;
    }

    @Test
    void everythingIsCopiedRowForRowAndEveryoneLogsInWithTheirOldPassword() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        String url = postgres.createDatabase();
        fillDataFolder();

        assertEquals(0, run("migrate", "--from", data.toString(), "--to", url), err.toString());
        String shown = new StoreSettings(null, url, null, false, false).databaseShown();
        assertTrue(out.toString().endsWith("Copied 2 accounts, 2 rooms, 3 memberships, 1 room ban, 1 invite, 1 server"
                + " ban, 1 resume token, 2 read markers, 2 private messages, 2,502 history entries from "
                + data.resolve("chatroom.db") + " to " + shown + ".\nStart the server with --database '" + shown
                + "' (and its password as before).\n"),
                out.toString());

        try (Store source = Stores.open(StoreSettings.dataFolder(data, false));
             Store copy = Stores.open(new StoreSettings(null, url, null, false, false))) {
            for (Class<? extends Record> kind : StoreRows.KINDS) {
                assertEquals(rows(source, kind), rows(copy, kind), kind.getSimpleName());
            }
            assertEquals(2500, copy.history().lastId("#ops"));
        }
        try (Accounts accounts = Accounts.open(new StoreSettings(null, url, null, false, false))) {
            assertEquals(Accounts.Outcome.ACCEPTED,
                    accounts.authenticate("zoë", "zoë-secret".toCharArray(), false).outcome());
        }
    }

    @Test
    void aDatabaseThatHoldsDataIsRefusedUnlessReplaced() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        String url = postgres.createDatabase();
        fillDataFolder();
        assertEquals(0, run("migrate", "--from", data.toString(), "--to", url));

        assertEquals(1, run("migrate", "--from", data.toString(), "--to", url));
        assertTrue(err.toString().contains(" holds data already (2 accounts, 2 rooms, 3 memberships, 1 room ban,"
                + " 1 invite, 1 server ban, 1 resume token, 2 read markers, 2 private messages, 2,502 history"
                + " entries). Give --replace to empty it first, or another database.\n"), err.toString());

        assertEquals(0, run("migrate", "--from", data.toString(), "--to", url, "--replace"), err.toString());
        assertTrue(out.toString().startsWith("Replacing what "), out.toString());
        try (Store copy = Stores.open(new StoreSettings(null, url, null, false, false))) {
            assertEquals(2502, copy.rows().count(chatroom.server.store.HistoryRow.class), "copied once");
        }
    }

    @Test
    void aFolderWithoutServerDataIsAUsageError() {
        assertEquals(2, run("migrate", "--from", data.resolve("nothing").toString(), "--to", "jdbc:postgresql://x/y"));
        assertEquals("chat: No server data in " + data.resolve("nothing") + ": give the folder a server ran with"
                + " (--data).\n", err.toString());
    }
}
