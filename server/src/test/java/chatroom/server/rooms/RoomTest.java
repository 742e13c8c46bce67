package chatroom.server.rooms;

import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Who;
import chatroom.server.MutableClock;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room as its members see it: joining, talking, whispering, renaming, leaving. */
class RoomTest {
    private static final long T0 = MutableClock.START.toEpochMilli();

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config(dir));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<String> names(Members members) {
        return members.users().stream().map(Member::name).toList();
    }

    private static List<ServerMessage> privateMessages(List<ServerMessage> received) {
        return received.stream().filter(PrivateMessage.class::isInstance).toList();
    }

    @Test
    void aNewcomerGetsTheLoginThenTheHistoryThenTheJoinNotice() {
        TestClient alice = server.enter("alice");
        alice.send(new Say("one"));
        alice.send(new Say("two"));
        alice.await(ChatMessage.class, m -> m.text().equals("two"));
        server.clock().advance(Duration.ofSeconds(5));
        TestClient bob = server.connect();
        bob.hello();

        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 2), TestClient.withoutToken(bob.next()));
        assertEquals(new ChatMessage(1, T0, "alice", "one", true), bob.next());
        assertEquals(new ChatMessage(2, T0, "alice", "two", true), bob.next());
        assertEquals(new HistoryEnd(2, false), bob.next());
        Joined joined = new Joined(T0 + 5000, "bob", 2);
        assertEquals(joined, bob.next());
        assertEquals(joined, alice.next());
    }

    @Test
    void theReplayIsLimitedAndSaysThatThereIsMore() {
        server.close();
        server = TestServer.start(TestServer.config(dir).withHistoryOnJoin(2));
        TestClient alice = server.enter("alice");
        for (String text : List.of("one", "two", "three")) {
            alice.send(new Say(text));
        }
        alice.await(ChatMessage.class, m -> m.text().equals("three"));
        TestClient bob = server.connect();
        bob.hello();

        bob.send(new Login("bob", "builder"));

        assertEquals(new LoggedIn("bob", 2), TestClient.withoutToken(bob.next()));
        assertEquals(new ChatMessage(2, T0, "alice", "two", true), bob.next());
        assertEquals(new ChatMessage(3, T0, "alice", "three", true), bob.next());
        assertEquals(new HistoryEnd(2, true), bob.next());
    }

    @Test
    void theServerStampsIdTimeAndSender() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        alice.send(new Say("hello"));
        ChatMessage first = new ChatMessage(1, T0, "alice", "hello", false);
        assertEquals(first, alice.await(ChatMessage.class));
        server.clock().advance(Duration.ofMillis(1500));
        bob.send(new Say("hi alice"));

        ChatMessage second = new ChatMessage(2, T0 + 1500, "bob", "hi alice", false);
        assertEquals(second, alice.await(ChatMessage.class));
        assertEquals(first, bob.await(ChatMessage.class));
        assertEquals(second, bob.await(ChatMessage.class));
    }

    @Test
    void aClientCannotSpeakForSomeoneElse() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        alice.sendRaw("{\"type\":\"say\",\"text\":\"I am bob\",\"from\":\"bob\",\"id\":99,\"history\":true}");

        ChatMessage stamped = new ChatMessage(1, T0, "alice", "I am bob", false);
        assertEquals(stamped, bob.await(ChatMessage.class));
        assertEquals(stamped, alice.await(ChatMessage.class));
    }

    @Test
    void aPrivateMessageReachesOnlyTheTargetAndTheSender() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        TestClient carol = server.enter("carol");

        alice.send(new Tell("BOB", "psst"));

        PrivateMessage whisper = new PrivateMessage(T0, "alice", "bob", "psst");
        assertEquals(whisper, bob.await(PrivateMessage.class));
        assertEquals(whisper, alice.await(PrivateMessage.class));
        assertEquals(List.of(), privateMessages(carol.receivedUntilNow()));
    }

    @Test
    void aPrivateMessageToOneselfArrivesOnce() {
        TestClient alice = server.enter("alice");

        alice.send(new Tell("alice", "note to self"));

        assertEquals(List.of(new PrivateMessage(T0, "alice", "alice", "note to self")),
                privateMessages(alice.receivedUntilNow()));
    }

    @Test
    void aPrivateMessageToSomeoneOfflineIsRefused() {
        TestClient alice = server.enter("alice");
        server.enter("dave").logout();

        alice.send(new Tell("dave", "are you there?"));

        alice.awaitError(ErrorCode.NOT_ONLINE, "'dave' is not online.", "tell");
    }

    @Test
    void aRenameIsAnnouncedAndTheNewNameIsTheAddress() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        alice.send(new Nick("Ally"));

        Renamed renamed = new Renamed(T0, "alice", "Ally", 2);
        assertEquals(renamed, alice.await(Renamed.class));
        assertEquals(renamed, bob.await(Renamed.class));

        bob.send(new Tell("ally", "hi"));
        assertEquals(new PrivateMessage(T0, "bob", "Ally", "hi"), alice.await(PrivateMessage.class));
        bob.send(new Tell("alice", "hi"));
        bob.awaitError(ErrorCode.NOT_ONLINE, "'alice' is not online.", "tell");
        alice.send(new Say("call me Ally"));
        assertEquals("Ally", bob.await(ChatMessage.class).from());
        bob.send(new Who());
        assertEquals(List.of("Ally", "bob"), names(bob.await(Members.class)));
    }

    @Test
    void aNameSomeoneOnlineUsesIsTaken() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        alice.send(new Nick("wonder"));
        bob.await(Renamed.class);

        bob.send(new Nick("WONDER"));

        bob.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'WONDER'.", "nick");
        bob.send(new Who());
        assertEquals(List.of("bob", "wonder"), names(bob.await(Members.class)));
    }

    @Test
    void anotherAccountsNameIsTakenEvenWhileItIsOffline() {
        server.enter("dave").logout();
        TestClient alice = server.enter("alice");

        alice.send(new Nick("Dave"));

        alice.awaitError(ErrorCode.NAME_TAKEN, "The name 'Dave' belongs to another account.", "nick");
    }

    @Test
    void oneMayTakeBackOnesOwnAccountName() {
        TestClient alice = server.enter("alice");
        alice.send(new Nick("ally"));
        alice.await(Renamed.class);

        alice.send(new Nick("Alice"));

        assertEquals(new Renamed(T0, "ally", "Alice", 1), alice.await(Renamed.class));
    }

    @Test
    void renamingToTheCurrentNameIsRefused() {
        TestClient alice = server.enter("alice");
        alice.send(new Nick("Ally"));
        alice.await(Renamed.class);

        alice.send(new Nick("Ally"));

        alice.awaitError(ErrorCode.NAME_TAKEN, "You are called 'Ally' already.", "nick");
    }

    @Test
    void aRenameFollowsTheNamingRules() {
        TestClient alice = server.enter("alice");

        alice.send(new Nick("al ice"));
        alice.awaitError(ErrorCode.INVALID_NAME, "A name may contain only letters, digits, '_', '-' and '.'.",
                "nick");
        alice.send(new Nick("Server"));
        alice.awaitError(ErrorCode.RESERVED_NAME, "The name 'Server' is reserved.", "nick");
        alice.send(new Nick(""));
        alice.awaitError(ErrorCode.INVALID_NAME, "A name has 1 to 32 characters.", "nick");
    }

    @Test
    void whoListsEveryoneSortedByName() {
        TestClient carol = server.enter("carol");
        server.clock().advance(Duration.ofSeconds(1));
        server.enter("Bob");
        server.clock().advance(Duration.ofSeconds(1));
        server.enter("alice");

        carol.send(new Who());

        assertEquals(new Members(List.of(new Member("alice", T0 + 2000), new Member("Bob", T0 + 1000),
                new Member("carol", T0))), carol.await(Members.class));
    }

    @Test
    void inABigRoomOnlyTheNewcomerHearsOfTheirOwnArrival() {
        server.close();
        server = TestServer.start(TestServer.config(dir).toBuilder().presenceLimit(2).build());
        TestClient alice = server.enter("alice");
        server.enter("bob");
        TestClient carol = server.connect();
        carol.hello();

        assertEquals(new LoggedIn("carol", 3), TestClient.withoutToken(carol.login("carol", "singer")));
        carol.logout();

        List<ServerMessage> toAlice = alice.receivedUntilNow();
        assertEquals(List.of(new Joined(T0, "bob", 2), new Left(T0, "carol", 2, "logged out")),
                toAlice.stream().filter(m -> m instanceof Joined || m instanceof Left).toList());
    }

    @Test
    void loggingOutTellsTheOthersAndClosesTheConnection() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        bob.logout();

        assertEquals(new Left(T0, "bob", 1, "logged out"), alice.await(Left.class));
        alice.send(new Who());
        assertEquals(List.of("alice"), names(alice.await(Members.class)));
        assertTrue(server.log().contains(server.logLine("logout bob from 127.0.0.1:50002: logged out (1 online)")),
                server.log());
    }

    @Test
    void aLostConnectionLeavesTheRoom() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");

        bob.drop();

        assertEquals(new Left(T0, "bob", 1, "connection lost"), alice.await(Left.class));
        alice.send(new Who());
        assertEquals(List.of("alice"), names(alice.await(Members.class)));
    }

    @Test
    void aSecondLoginOfAnAccountIsAnotherDeviceOfTheSamePerson() {
        TestClient bob = server.enter("bob");
        TestClient laptop = server.enter("alice");
        bob.await(Joined.class, joined -> joined.name().equals("alice"));
        TestClient phone = server.connect();
        phone.hello();

        assertEquals(new LoggedIn("alice", 2),
                TestClient.withoutToken(phone.login("alice", TestServer.password("alice"))));
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
        bob.send(new Who());
        assertEquals(List.of("alice", "bob"), names(bob.await(Members.class)));
        bob.send(new Say("both of you"));

        assertEquals("both of you", laptop.await(ChatMessage.class, m -> !m.history()).text());
        assertEquals("both of you", phone.await(ChatMessage.class, m -> !m.history()).text());
        assertTrue(laptop.receivedUntilNow().stream().noneMatch(Bye.class::isInstance));
    }

    @Test
    void aClientWhoseQueueOverflowsLeavesAtOnceNotWhenItsConnectionFinallyCloses() {
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        TestClient sloth = server.enter("sloth");
        bob.await(Joined.class, joined -> joined.name().equals("sloth"));

        sloth.stopReading();
        alice.send(new Say("one too many"));

        assertEquals(new Left(T0, "sloth", 2, "too slow: its send queue overflowed"), bob.await(Left.class));
        alice.send(new Say("after"));
        bob.await(ChatMessage.class, m -> m.text().equals("after"));
        assertEquals(List.of(new Left(T0, "sloth", 2, "too slow: its send queue overflowed")),
                alice.receivedUntilNow().stream().filter(Left.class::isInstance).toList());
        sloth.drop();
        bob.send(new Who());
        assertEquals(List.of("alice", "bob"), names(bob.await(Members.class)));
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
    }

    @Test
    void beyondTheLimitTheOldestSessionEndsWhileThePersonStaysOnline() {
        server.close();
        server = TestServer.start(TestServer.config(dir).toBuilder().maxSessions(2).build());
        TestClient bob = server.enter("bob");
        TestClient oldest = server.enter("alice");
        bob.await(Joined.class, joined -> joined.name().equals("alice"));
        TestClient second = server.enter("alice");
        TestClient third = server.enter("alice");

        assertEquals(new Bye(Bye.REPLACED, "Your account is now logged in from more than 2 places at once; this"
                + " session, the oldest, ended."), oldest.await(Bye.class));
        oldest.awaitClosed();
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
        bob.send(new Say("still two"));
        second.await(ChatMessage.class, m -> m.text().equals("still two"));
        third.await(ChatMessage.class, m -> m.text().equals("still two"));
        assertTrue(server.log().contains(server.logLine("replaced alice at 127.0.0.1:50002 by a new login")),
                server.log());
    }

    @Test
    void aResumeReplacesTheSessionThatHeldItsTokenAndNoOther() {
        TestClient bob = server.enter("bob");
        TestClient oldAlice = server.connect();
        oldAlice.hello();
        String token = oldAlice.login("alice", TestServer.password("alice")).resume();
        bob.await(Joined.class, joined -> joined.name().equals("alice"));
        TestClient phone = server.enter("alice");
        TestClient newAlice = server.connect();
        newAlice.hello();

        newAlice.login(Login.resuming("alice", token, 0));

        assertEquals(new Bye(Bye.REPLACED, "You logged in from somewhere else."), oldAlice.await(Bye.class));
        oldAlice.awaitClosed();
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
        bob.send(new Say("who hears this?"));
        newAlice.await(ChatMessage.class, m -> m.text().equals("who hears this?"));
        phone.await(ChatMessage.class, m -> m.text().equals("who hears this?"));
    }

    private static List<ServerMessage> presence(List<ServerMessage> received) {
        return received.stream().filter(m -> m instanceof Joined || m instanceof Left).toList();
    }

    @Test
    void aNewDeviceTakesThePersonsNameAndARenameOnOneRenamesAll() {
        TestClient bob = server.enter("bob");
        TestClient laptop = server.enter("alice");
        laptop.send(new Nick("Ally"));
        bob.await(Renamed.class);
        TestClient phone = server.connect();
        phone.hello();

        assertEquals("Ally", phone.login("alice", TestServer.password("alice")).name());
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
        phone.send(new Nick("Al"));

        assertEquals(new Renamed(T0, "Ally", "Al", 2), bob.await(Renamed.class));
        assertEquals(new Renamed(T0, "Ally", "Al", 2), laptop.await(Renamed.class, r -> r.to().equals("Al")));
        assertEquals(new Renamed(T0, "Ally", "Al", 2), phone.await(Renamed.class));
        bob.send(new Say("hi Al"));
        assertEquals("bob", laptop.await(ChatMessage.class, m -> m.text().equals("hi Al")).from());
        bob.send(new Who());
        assertEquals(List.of("Al", "bob"), names(bob.await(Members.class)));
    }

    @Test
    void thePersonGoesOfflineWithItsLastDeviceOnly() {
        TestClient bob = server.enter("bob");
        TestClient laptop = server.enter("alice");
        TestClient phone = server.enter("alice");
        bob.await(Joined.class, joined -> joined.name().equals("alice"));

        laptop.drop();
        laptop.awaitClosed();
        assertEquals(List.of(), presence(bob.receivedUntilNow()));
        bob.send(new Who());
        assertEquals(List.of("alice", "bob"), names(bob.await(Members.class)));
        phone.drop();

        assertEquals(new Left(T0, "alice", 1, "connection lost"), bob.await(Left.class));
        bob.send(new Who());
        assertEquals(List.of("bob"), names(bob.await(Members.class)));
    }

    @Test
    void aPrivateMessageReachesEveryDeviceOfBothPeople() {
        TestClient bob = server.enter("bob");
        TestClient laptop = server.enter("alice");
        TestClient phone = server.enter("alice");
        TestClient bobsPhone = server.enter("bob");

        laptop.send(new Tell("bob", "psst"));

        assertEquals("psst", bob.await(PrivateMessage.class).text());
        assertEquals("psst", bobsPhone.await(PrivateMessage.class).text());
        PrivateMessage own = phone.await(PrivateMessage.class);
        assertEquals(List.of("alice", "bob", "psst"), List.of(own.from(), own.to(), own.text()));
        assertEquals("psst", laptop.await(PrivateMessage.class).text());
        assertEquals(List.of(), privateMessages(laptop.receivedUntilNow()));
        assertEquals(List.of(), privateMessages(phone.receivedUntilNow()));
    }
}
