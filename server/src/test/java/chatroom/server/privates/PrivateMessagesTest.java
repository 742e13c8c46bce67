package chatroom.server.privates;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Login;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.server.MutableClock;
import chatroom.server.ServerConfig;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Private conversations kept by the server (protocol 2): offline delivery, their history, the bound, retention. */
class PrivateMessagesTest extends ServerTestBase {
    private static final long T0 = MutableClock.START.toEpochMilli();


    /** Makes the account by logging in once, and leaves. */
    private void register(String name) {
        server.enter2(name).logout();
    }

    private static PrivateMessage live(long id, String from, String to, String text) {
        return new PrivateMessage(T0, from, to, text, null, id, null, null, null);
    }

    @Test
    void aMessageToAnOfflineAccountWaitsForItsNextLoginAndArrivesOnce() {
        start(TestServer.config(dir));
        register("bob");
        TestClient alice = server.enter2("alice");

        alice.send(new Tell("bob", "are you there?"));
        alice.send(new Tell("BOB", "call me"));

        assertEquals(new PrivateMessage(T0, "alice", "bob", "are you there?", null, 1L, null, null, true),
                alice.await(PrivateMessage.class));
        assertEquals(2L, alice.await(PrivateMessage.class).id());
        TestClient bob = server.enter2("bob");
        assertEquals(List.of(new PrivateMessage(T0, "alice", "bob", "are you there?", null, 1L, true, null, null),
                new PrivateMessage(T0, "alice", "bob", "call me", null, 2L, true, null, null)),
                List.of(bob.await(PrivateMessage.class), bob.await(PrivateMessage.class)));
        bob.logout();
        TestClient again = server.enter2("bob");
        again.send(new PrivateHistory("alice", null, null));
        assertEquals(List.of(new PrivateMessage(T0, "alice", "bob", "are you there?", null, 1L, null, true, null),
                new PrivateMessage(T0, "alice", "bob", "call me", null, 2L, null, true, null),
                new HistoryEnd(2, false, null, "alice")), pageOf(again), "delivered once, kept in the history");
    }

    @Test
    void aBacklogLargerThanAConnectionMayHoldComesOverSeveralLoginsNoneLost() {
        start(TestServer.config(dir).toBuilder().outboxBytes(8192).build());
        register("bob");
        TestClient alice = server.enter2("alice");
        String padding = "x".repeat(200);
        for (int i = 1; i <= 30; i++) {
            alice.send(new Tell("bob", i + " " + padding));
        }
        alice.await(PrivateMessage.class, m -> m.id() != null && m.id() == 30);

        List<Long> first = waitedAtLogin();
        assertTrue(first.size() < 30 && !first.isEmpty(), "a quarter of 8 KiB holds fewer than 30: " + first);
        List<Long> all = new ArrayList<>(first);
        for (int login = 0; login < 30 && all.size() < 30; login++) {
            all.addAll(waitedAtLogin());
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList(), all, "each once, in order");
        assertEquals(List.of(), waitedAtLogin(), "none left");
    }

    /** The ids of the messages that waited, as bob's next login gets them: everything it reads, nothing skipped. */
    private List<Long> waitedAtLogin() {
        TestClient bob = server.connect();
        bob.hello(Protocol.ROOMS_VERSION);
        bob.send(new Login("bob", TestServer.password("bob")));
        List<Long> ids = new ArrayList<>();
        // The rooms' thread answers who after what the login sent: everything that waited is in before it.
        for (ServerMessage message : bob.receivedUntilNow("#lobby")) {
            if (message instanceof PrivateMessage waited && waited.isAway()) {
                ids.add(waited.id());
            }
        }
        bob.logout();
        return ids;
    }

    @Test
    void aTellSentAgainWithItsClientIdGetsTheSameCopyWithItsIdAndIsKeptOnce() {
        start(TestServer.config(dir));
        register("bob");
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("bob", "only once", "c-1"));
        PrivateMessage first = alice.await(PrivateMessage.class);
        alice.send(new Tell("bob", "only once", "c-1"));
        PrivateMessage again = alice.await(PrivateMessage.class);

        assertEquals(List.of(1L, "c-1"), List.of(first.id(), first.cid()));
        assertEquals(List.of(1L, "c-1"), List.of(again.id(), again.cid()));
        TestClient bob = server.enter2("bob");
        assertEquals("only once", bob.await(PrivateMessage.class).text());
        bob.send(new PrivateHistory("alice", null, null));
        List<ServerMessage> page = pageOf(bob);
        assertEquals(2, page.size(), "one message and the page's end: " + page);
    }

    @Test
    void waitingMessagesOutliveARestart() {
        start(TestServer.config(dir));
        register("bob");
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("bob", "before the restart"));
        alice.await(PrivateMessage.class);
        server.close();

        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        PrivateMessage waited = bob.await(PrivateMessage.class);
        assertEquals("before the restart", waited.text());
        assertTrue(waited.isAway());
    }

    @Test
    void betweenPeopleOnlineMessagesCarryIdsAndTheirHistoryIsPagedForTheTwoOnly() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        TestClient carol = server.enter2("carol");
        alice.send(new Tell("bob", "one"));
        bob.await(PrivateMessage.class);
        bob.send(new Tell("alice", "two"));
        alice.await(PrivateMessage.class, m -> m.text().equals("two"));
        alice.send(new Tell("bob", "three"));
        assertEquals(live(3, "alice", "bob", "three"), bob.await(PrivateMessage.class, m -> m.text().equals("three")));
        alice.await(PrivateMessage.class, m -> m.text().equals("three"));

        alice.send(new PrivateHistory("bob", null, 2));
        assertEquals(List.of(new PrivateMessage(T0, "bob", "alice", "two", null, 2L, null, true, null),
                new PrivateMessage(T0, "alice", "bob", "three", null, 3L, null, true, null),
                new HistoryEnd(2, true, null, "bob")), pageOf(alice));
        alice.send(new PrivateHistory("bob", 2L, 10));
        assertEquals(List.of(new PrivateMessage(T0, "alice", "bob", "one", null, 1L, null, true, null),
                new HistoryEnd(1, false, null, "bob")), pageOf(alice));
        // carol can only name the other side of her own conversations: with bob she has none.
        carol.send(new PrivateHistory("bob", null, null));
        assertEquals(List.of(new HistoryEnd(0, false, null, "bob")), pageOf(carol));
        carol.send(new PrivateHistory("nobody", null, null));
        carol.awaitError(ErrorCode.NO_SUCH_ACCOUNT, "'nobody' is not online, and no account has that name.",
                PrivateHistory.TYPE);
    }

    /** What came in answer to a private history request: its messages and its end (and every private message). */
    private static List<ServerMessage> pageOf(TestClient client) {
        List<ServerMessage> page = new ArrayList<>();
        while (true) {
            ServerMessage next = client.next();
            if (next instanceof PrivateMessage || next instanceof HistoryEnd end && end.with() != null) {
                page.add(next);
            }
            if (next instanceof HistoryEnd end && end.with() != null) {
                return page;
            }
        }
    }

    @Test
    void theQueueOfAnOfflineAccountIsBoundedAndTheSenderIsTold() {
        start(TestServer.config(dir).toBuilder().privates(new ServerConfig.Privates(2, Duration.ofDays(30)))
                .build());
        register("bob");
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("bob", "1"));
        alice.send(new Tell("bob", "2"));
        alice.send(new Tell("bob", "3"));

        alice.awaitError(ErrorCode.QUEUE_FULL, "bob has 2 messages waiting already; write again once they have read"
                + " them.", "tell");
        TestClient bob = server.enter2("bob");
        assertEquals("1", bob.await(PrivateMessage.class).text());
        assertEquals("2", bob.await(PrivateMessage.class).text());
        alice.send(new Tell("bob", "4 is live"));
        assertEquals("4 is live", bob.await(PrivateMessage.class).text());
    }

    @Test
    void messagesPastTheRetentionAreDeletedDeliveredOrNot() {
        start(TestServer.config(dir).toBuilder().privates(new ServerConfig.Privates(100, Duration.ofDays(1)))
                .build());
        register("bob");
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("bob", "old news"));
        alice.await(PrivateMessage.class);

        server.clock().advance(Duration.ofDays(2));
        server.expirePrivateMessages();

        TestClient bob = server.enter2("bob");
        bob.send(new PrivateHistory("alice", null, null));
        assertEquals(List.of(new HistoryEnd(0, false, null, "alice")), pageOf(bob), "nothing waited, nothing kept");
        assertTrue(server.log().contains("private messages older than 1 days: 1 deleted"), server.log());
    }

    @Test
    void theOperatorDeletesAnAccountsPrivateMessages() {
        start(TestServer.config(dir));
        register("bob");
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("bob", "waiting"));
        alice.await(PrivateMessage.class);

        assertEquals(Optional.of("nobody has no account here."),
                server.control().deletePrivateMessages("nobody"));
        assertEquals(Optional.empty(), server.control().deletePrivateMessages("BOB"));

        alice.send(new PrivateHistory("bob", null, null));
        assertEquals(List.of(new HistoryEnd(0, false, null, "bob")), pageOf(alice));
        TestClient bob = server.enter2("bob");
        bob.send(new PrivateHistory("alice", null, null));
        assertEquals(List.of(new HistoryEnd(0, false, null, "alice")), pageOf(bob), "nothing waited for bob");
        assertTrue(server.log().contains("private messages of bob deleted by the operator: 1"), server.log());
    }

    @Test
    void protocolOneKeepsItsRefusalAndGetsStoredMessagesPlain() {
        start(TestServer.config(dir));
        register("bob");
        TestClient old = server.enter("olga");
        old.send(new Tell("bob", "are you there?"));
        old.awaitError(ErrorCode.NOT_ONLINE, "'bob' is not online.", "tell");

        TestClient alice = server.enter2("alice");
        alice.send(new Tell("olga", "hello olga"));
        assertEquals(new PrivateMessage(T0, "alice", "olga", "hello olga"), old.await(PrivateMessage.class));
        assertEquals(live(1, "alice", "olga", "hello olga"), alice.await(PrivateMessage.class));
    }

    @Test
    void guestsKeepNoConversations() {
        start(TestServer.config(dir).toBuilder().allowGuests(true).build());
        register("bob");
        TestClient guest = server.connect();
        guest.hello(Protocol.ROOMS_VERSION);
        guest.login2(Login.asGuest("visitor"));

        guest.send(new Tell("bob", "hi"));
        guest.awaitError(ErrorCode.NOT_ONLINE, "'bob' is not online.", "tell");
        guest.send(new PrivateHistory("bob", null, null));
        guest.awaitError(ErrorCode.NOT_ALLOWED, "Guests have no stored conversations.", PrivateHistory.TYPE);
        TestClient alice = server.enter2("alice");
        alice.send(new Tell("visitor", "welcome"));
        assertEquals(new PrivateMessage(T0, "alice", "visitor", "welcome"), guest.await(PrivateMessage.class));
    }
}
