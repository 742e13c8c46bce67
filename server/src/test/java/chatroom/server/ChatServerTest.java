package chatroom.server;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Who;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.ServerStatus;
import chatroom.server.accounts.Accounts;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteMembershipStore;
import chatroom.server.storage.SqliteRoomStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.RoomStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as a whole: durable history across restarts, history pages, and the operator's controls. */
class ChatServerTest extends ServerTestBase {
    private static final long T0 = MutableClock.START.toEpochMilli();

    private TestServer restart(ServerConfig config) {
        server.close();
        return start(config);
    }

    /** Says each text and waits until it came back, so it is in the history. */
    private static void say(TestClient client, String... texts) {
        for (String text : texts) {
            client.send(new Say(text));
        }
        String last = texts[texts.length - 1];
        client.await(ChatMessage.class, m -> m.text().equals(last));
    }

    /** Asks for a history page and returns the entries, then the end marker. */
    private static List<ServerMessage> page(TestClient client, Long before, Integer limit) {
        client.send(new HistoryRequest(before, limit));
        List<ServerMessage> page = new ArrayList<>();
        while (true) {
            ServerMessage message = client.next();
            page.add(message);
            if (message instanceof HistoryEnd) {
                return page;
            }
        }
    }

    private static ChatMessage old(long id, String from, String text) {
        return new ChatMessage(id, T0, from, text, true);
    }

    @Test
    void historySurvivesARestart() {
        ServerConfig config = TestServer.config(dir);
        TestClient alice = start(config).enter("alice");
        say(alice, "before the restart");
        server.control().announce("Back in five minutes.");
        alice.await(Announcement.class);

        restart(config);
        TestClient bob = server.connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 1), TestClient.withoutToken(bob.next()));
        assertEquals(old(1, "alice", "before the restart"), bob.next());
        assertEquals(new Announcement(2, T0, "Back in five minutes.", true), bob.next());
        assertEquals(new HistoryEnd(2, false), bob.next());
        bob.send(new Say("after the restart"));
        assertEquals(new ChatMessage(3, T0, "bob", "after the restart", false), bob.await(ChatMessage.class));
    }

    @Test
    void theDefaultRoomIsMadeOnTheFirstStartAndKeptWithTheHistoryAfterARestart() throws Exception {
        ServerConfig config = TestServer.config(dir).toBuilder().defaultRoom("#Hall").build();
        TestClient alice = start(config).enter("alice");
        say(alice, "in the hall");

        restart(config);

        try (RoomStore rooms = new SqliteRoomStore(Database.open(dir))) {
            assertEquals(List.of("#Hall"), rooms.all().stream().map(RoomStore.Saved::name).toList());
        }
        TestClient bob = server.connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));
        bob.await(LoggedIn.class);
        assertEquals(old(1, "alice", "in the hall"), bob.next());
    }

    @Test
    void aDataFolderOfTheSingleRoomServerIsUpgradedAndItsHistoryIsTheDefaultRooms() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        try (java.sql.Connection old = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve(Database.FILE_NAME)); java.sql.Statement sql = old.createStatement()) {
            // The tables and rows exactly as the single-room server (schema without a number) wrote them.
            sql.execute("CREATE TABLE accounts (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT"
                    + " NOT NULL, created INTEGER NOT NULL)");
            sql.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL,"
                    + " sender TEXT, body TEXT NOT NULL, sender_account TEXT, cid TEXT)");
            sql.execute("CREATE TABLE resume_tokens (token_hash TEXT PRIMARY KEY, account_key TEXT NOT NULL,"
                    + " account TEXT NOT NULL, guest INTEGER NOT NULL, expires INTEGER NOT NULL)");
            sql.execute("INSERT INTO accounts VALUES ('alice', 'Alice', 'not a real hash', " + T0 + ")");
            sql.execute("INSERT INTO history VALUES (41, " + T0 + ", 'message', 'alice', 'before rooms', 'alice',"
                    + " 'c41')");
            sql.execute("INSERT INTO history VALUES (42, " + T0 + ", 'announcement', NULL, 'maintenance', NULL,"
                    + " NULL)");
        }

        TestClient bob = start(TestServer.config(dir)).connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 1), TestClient.withoutToken(bob.next()));
        assertEquals(old(41, "alice", "before rooms"), bob.next());
        assertEquals(new Announcement(42, T0, "maintenance", true), bob.next());
        assertEquals(new HistoryEnd(2, false), bob.next());
        bob.send(new Say("the first in rooms"));
        assertEquals(new ChatMessage(43, T0, "bob", "the first in rooms", false),
                bob.await(ChatMessage.class, m -> !m.history()));
        assertTrue(server.log().contains("the default room #lobby took in the 2 entries of the single room's history"),
                server.log());
        assertTrue(server.log().contains("1 accounts joined the default room #lobby"), server.log());
        try (MembershipStore memberships = new SqliteMembershipStore(Database.open(dir))) {
            assertEquals(List.of("alice", "bob"), memberships.all().stream()
                    .filter(m -> m.roomKey().equals("#lobby")).map(MembershipStore.Membership::accountKey).toList(),
                    "the accounts from before rooms, and the one registered since");
        }
    }

    @Test
    void accountsSurviveARestart() {
        ServerConfig config = TestServer.config(dir);
        start(config).enter("alice").logout();

        restart(config);
        TestClient again = server.connect();
        again.hello();
        again.send(new Login("alice", "not the password"));

        assertEquals("wrong_password", again.await(ErrorReply.class).code());
        assertEquals("alice", again.login("alice", TestServer.password("alice")).name());
    }

    @Test
    void historyPagesGoBackwardsOldestFirst() {
        TestClient alice = start(TestServer.config(dir)).enter("alice");
        say(alice, "m1", "m2", "m3", "m4", "m5");

        assertEquals(List.of(old(4, "alice", "m4"), old(5, "alice", "m5"), new HistoryEnd(2, true)),
                page(alice, null, 2));
        assertEquals(List.of(old(2, "alice", "m2"), old(3, "alice", "m3"), new HistoryEnd(2, true)),
                page(alice, 4L, 2));
        assertEquals(List.of(old(1, "alice", "m1"), new HistoryEnd(1, false)), page(alice, 2L, 2));
        assertEquals(List.of(new HistoryEnd(0, false)), page(alice, 1L, 10));
    }

    @Test
    void withNoReplayOnLoginMoreStillSaysWhetherOlderEntriesExist() {
        TestClient alice = start(TestServer.config(dir).withHistoryOnJoin(0)).enter("alice");
        say(alice, "m1", "m2");
        TestClient bob = server.connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 2), TestClient.withoutToken(bob.next()));
        assertEquals(new HistoryEnd(0, true), bob.next());
        bob.await(Joined.class);
        assertEquals(List.of(old(1, "alice", "m1"), old(2, "alice", "m2"), new HistoryEnd(2, false)),
                page(bob, null, 10));
    }

    @Test
    void withNoReplayOnLoginAndNoHistoryThereIsNothingMore() {
        start(TestServer.config(dir).withHistoryOnJoin(0));
        TestClient bob = server.connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 1), TestClient.withoutToken(bob.next()));
        assertEquals(new HistoryEnd(0, false), bob.next());
    }

    @Test
    void aHistoryPageIsBoundedByTheServer() {
        ServerConfig config = TestServer.config(dir).toBuilder().historyPageMax(3).build();
        TestClient alice = start(config).enter("alice");
        say(alice, "m1", "m2", "m3", "m4", "m5");

        assertEquals(List.of(old(3, "alice", "m3"), old(4, "alice", "m4"), old(5, "alice", "m5"),
                new HistoryEnd(3, true)), page(alice, null, 100));
        assertEquals(List.of(old(3, "alice", "m3"), old(4, "alice", "m4"), old(5, "alice", "m5"),
                new HistoryEnd(3, true)), page(alice, null, null));
        assertEquals(List.of(old(5, "alice", "m5"), new HistoryEnd(1, true)), page(alice, 0L, -4));
    }

    @Test
    void withoutDurableHistoryNothingSurvivesARestart() {
        ServerConfig config = TestServer.config(dir).withDurableHistory(false);
        TestClient alice = start(config).enter("alice");
        say(alice, "soon forgotten");
        TestClient bob = server.connect();
        bob.hello();
        bob.send(new Login("bob", "builder"));
        assertEquals(new LoggedIn("bob", 2), TestClient.withoutToken(bob.next()));
        assertEquals(old(1, "alice", "soon forgotten"), bob.next());
        assertEquals(new HistoryEnd(1, false), bob.next());

        restart(config);
        TestClient carol = server.connect();
        carol.hello();
        carol.send(new Login("carol", "singer"));

        assertEquals(new LoggedIn("carol", 1), TestClient.withoutToken(carol.next()));
        assertEquals(new HistoryEnd(0, false), carol.next());
    }

    @Test
    void statusCountsConnectionsPeopleAndMessages() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        server.enter("bob");
        server.connect().hello();
        say(alice, "one", "two");
        server.control().announce("three");
        alice.await(Announcement.class);
        server.clock().advance(Duration.ofHours(25).plusMinutes(2).plusSeconds(3));

        ServerStatus status = server.control().status();

        assertEquals(new ServerStatus(3, 2, 1, 3, Duration.ofHours(25).plusMinutes(2).plusSeconds(3),
                List.of(StubTransport.ADDRESS)), status);
    }

    @Test
    void aClosedConnectionNoLongerCounts() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        server.enter("bob").logout();

        alice.await(Left.class);

        assertEquals(1, server.control().status().connections());
        assertEquals(1, server.control().status().online());
    }

    @Test
    void onlineShowsAddressesAndAccounts() {
        start(TestServer.config(dir));
        TestClient bob = server.enter("bob");
        server.clock().advance(Duration.ofSeconds(30));
        server.enter("alice");
        bob.send(new Nick("Builder"));
        bob.await(Renamed.class);

        assertEquals(List.of(
                new OnlineUser("alice", "alice", "127.0.0.1:50002", MutableClock.START.plusSeconds(30)),
                new OnlineUser("Builder", "bob", "127.0.0.1:50001", MutableClock.START)), server.control().online());
    }

    @Test
    void kickTellsTheTargetAndTheRoom() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        assertTrue(server.control().kick("BOB", "spamming links"));

        assertEquals(new Bye(Bye.KICKED, "You were kicked by the operator: spamming links"), bob.await(Bye.class));
        bob.awaitClosed();
        assertEquals(new Left(T0, "bob", 1, "kicked: spamming links"), alice.await(Left.class));
        alice.send(new Who());
        assertEquals(1, alice.await(Members.class).users().size());
        assertTrue(server.log().contains(server.logLine("kick bob at 127.0.0.1:50002: spamming links")),
                server.log());
    }

    @Test
    void kickWithoutAReason() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        bob.send(new Nick("robert"));
        alice.await(Renamed.class);

        assertTrue(server.control().kick("robert", " "));

        assertEquals(new Bye(Bye.KICKED, "You were kicked by the operator"), bob.await(Bye.class));
        assertEquals(new Left(T0, "robert", 1, "kicked"), alice.await(Left.class));
    }

    @Test
    void kickingSomeoneOfflineDoesNothing() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");

        assertFalse(server.control().kick("nobody", "whatever"));

        assertFalse(alice.receivedUntilNow().stream().anyMatch(Left.class::isInstance));
    }

    @Test
    void anAnnouncementReachesEveryoneAndStaysInTheHistory() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        server.control().announce("Maintenance at noon.\u001b[5m");

        Announcement live = new Announcement(1, T0, "Maintenance at noon. [5m", false);
        assertEquals(live, alice.await(Announcement.class));
        assertEquals(live, bob.await(Announcement.class));
        TestClient carol = server.connect();
        carol.hello();
        carol.send(new Login("carol", "singer"));
        assertEquals(new LoggedIn("carol", 3), TestClient.withoutToken(carol.next()));
        assertEquals(live.asHistory(), carol.next());
        assertEquals(new HistoryEnd(1, false), carol.next());
        assertTrue(server.log().contains(server.logLine("announcement: Maintenance at noon. [5m")), server.log());
    }

    @Test
    void shutdownSaysGoodbyeToEveryoneAndStops() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        TestClient stranger = server.connect();
        stranger.hello();

        server.control().shutdown();

        Bye bye = new Bye(Bye.SHUTDOWN, "The server is shutting down.");
        assertEquals(bye, alice.await(Bye.class));
        assertEquals(bye, bob.await(Bye.class));
        assertTimeoutPreemptively(TestClient.TIMEOUT, () -> server.control().awaitStopped());
        alice.awaitClosed();
        bob.awaitClosed();
        stranger.awaitClosed();
        assertTrue(server.transport().isClosed());
        assertTrue(server.log().contains(server.logLine("server stopped")), server.log());
    }

    @Test
    void closeIsIdempotentAndReleasesTheDatabase() throws Exception {
        start(TestServer.config(dir));
        say(server.enter("alice"), "kept");

        server.close();
        server.close();

        try (Accounts accounts = Accounts.open(dir)) {
            assertEquals(List.of("alice"), accounts.list());
        }
        assertTrue(Files.exists(dir.resolve(Database.FILE_NAME)));
    }

    @Test
    void aLogSubscriberGetsEachLineUntilItUnsubscribes() throws Exception {
        start(TestServer.config(dir));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        AutoCloseable subscription = server.control().subscribeLog(lines::add);

        server.enter("alice");
        subscription.close();
        server.enter("bob");

        assertEquals(List.of(server.logLine("connect 127.0.0.1:50001"),
                server.logLine("new account alice from 127.0.0.1:50001"),
                server.logLine("login alice from 127.0.0.1:50001 (1 online)")), List.copyOf(lines));
        assertTrue(server.log().contains(server.logLine("login bob from 127.0.0.1:50002 (2 online)")),
                server.log());
    }
}
