package chatroom.server.sessions;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.Joined;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Nick;
import chatroom.api.message.Renamed;
import chatroom.api.rules.Names;
import chatroom.server.MutableClock;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import chatroom.server.accounts.Accounts;
import chatroom.server.accounts.LoginThrottle;
import chatroom.server.accounts.PasswordHasher;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteAccountStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in: accounts, passwords, the naming rules and the brake on guessing. */
class SessionLoginTest extends ServerTestBase {
    /** Accounts as the server's operator would add them, with the tests' fast hashing. */
    private void addAccount(String name, String password) {
        try (Accounts accounts = new Accounts(new SqliteAccountStore(Database.open(dir)),
                new PasswordHasher(TestServer.FAST_HASHING), new Names(32))) {
            accounts.add(name, password.toCharArray());
        }
    }

    @Test
    void aNewNameCreatesAnAccountWhenRegistrationIsOpen() {
        start(TestServer.config(dir));
        TestClient alice = helloed();

        assertEquals(new LoggedIn("alice", 1), TestClient.withoutToken(alice.login("alice", "wonderland")));

        assertEquals(List.of("alice"), accountNames());
        assertTrue(server.log().contains(server.logLine("new account alice from 127.0.0.1:50001")), server.log());
        assertTrue(server.log().contains(server.logLine("login alice from 127.0.0.1:50001 (1 online)")),
                server.log());
    }

    @Test
    void theAccountThenWantsItsPasswordAndTheSameConnectionMayRetry() {
        start(TestServer.config(dir));
        server.enter("alice").logout();
        TestClient again = helloed();

        again.send(new Login("alice", "guess"));
        again.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'alice'.", "login");
        assertEquals(new LoggedIn("alice", 1),
                TestClient.withoutToken(again.login("alice", TestServer.password("alice"))));

        assertTrue(server.log().contains(server.logLine("failed login for alice from 127.0.0.1:50002: wrong password")),
                server.log());
    }

    @Test
    void closedRegistrationAdmitsOnlyExistingAccounts() {
        addAccount("alice", "wonderland");
        start(TestServer.config(dir).withOpenRegistration(false));
        TestClient client = helloed();

        client.send(new Login("bob", "builder"));
        client.awaitError(ErrorCode.NO_SUCH_ACCOUNT,
                "There is no account named 'bob', and this server does not register new ones.", "login");
        assertEquals(new LoggedIn("alice", 1), TestClient.withoutToken(client.login("alice", "wonderland")));

        assertEquals(List.of("alice"), accountNames());
        assertTrue(server.log().contains(server.logLine("failed login for bob from 127.0.0.1:50001: no such account")),
                server.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnopqrstuvwxyz0123456"})
    void aNameHasOneToThirtyTwoCharacters(String name) {
        start(TestServer.config(dir));
        TestClient client = helloed();

        client.send(new Login(name, "pw"));

        client.awaitError(ErrorCode.INVALID_NAME, "A name has 1 to 32 characters.", "login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice smith", "<script>", "a/b", "bob!", "tab\tname", "😀"})
    void aNameHasOnlyLettersDigitsAndAFewMarks(String name) {
        start(TestServer.config(dir));
        TestClient client = helloed();

        client.send(new Login(name, "pw"));

        client.awaitError(ErrorCode.INVALID_NAME, "A name may contain only letters, digits, '_', '-' and '.'.",
                "login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "Admin", "ROOT", "公告", "管理员", "ａｄｍｉｎ"})
    void reservedNamesAreRefused(String name) {
        start(TestServer.config(dir));
        TestClient client = helloed();

        client.send(new Login(name, "pw"));

        client.awaitError(ErrorCode.RESERVED_NAME, "The name '" + name + "' is reserved.", "login");
        assertEquals(List.of(), accountNames());
    }

    @Test
    void namesInAnyScriptAreWelcome() {
        start(TestServer.config(dir));
        TestClient zhang = helloed();
        TestClient jose = helloed();

        assertEquals(new LoggedIn("张伟", 1), TestClient.withoutToken(zhang.login("张伟", "密码")));
        // Typed decomposed, stored composed.
        assertEquals(new LoggedIn("José", 2), TestClient.withoutToken(jose.login("Jose\u0301", "contraseña")));

        assertEquals(List.of("José", "张伟"), accountNames());
    }

    @Test
    void thirtyTwoCharactersAreCountedAsPeopleSeeThem() {
        start(TestServer.config(dir));
        String name = "张".repeat(16) + "𠀀".repeat(16); // 32 characters, 48 UTF-16 units

        assertEquals(name, helloed().login(name, "pw").name());
    }

    @Test
    void namesAreUniqueIgnoringCaseAndWidth() {
        start(TestServer.config(dir));
        server.enter("alice").logout();
        TestClient other = helloed();

        other.send(new Login("ALICE", "another password"));
        other.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'ALICE'.", "login");
        other.send(new Login("ａｌｉｃｅ", "another password"));
        other.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'ａｌｉｃｅ'.", "login");

        assertEquals(new LoggedIn("alice", 1),
                TestClient.withoutToken(other.login("Alice", TestServer.password("alice"))));
        assertEquals(List.of("alice"), accountNames());
    }

    @Test
    void aLoginCannotCreateAnAccountUnderANameSomeoneOnlineUses() {
        start(TestServer.config(dir));
        TestClient bob = server.enter("bob");
        bob.send(new Nick("carol"));
        bob.await(Renamed.class);
        TestClient carol = helloed();

        carol.send(new Login("Carol", "singer"));

        carol.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'Carol'.", "login");
        assertEquals(List.of("bob"), accountNames());
    }

    @Test
    void passwordsAreOneTo1024Characters() {
        start(TestServer.config(dir));
        TestClient client = helloed();

        client.send(new Login("alice", ""));
        client.awaitError(ErrorCode.INVALID_PASSWORD, "The password is empty.", "login");
        client.send(new Login("alice", "p".repeat(1025)));
        client.awaitError(ErrorCode.INVALID_PASSWORD, "A password has at most 1024 characters.", "login");

        assertEquals("alice", client.login("alice", "p".repeat(1024)).name());
    }

    @Test
    void aSecondLoginOnTheSameConnectionIsRefused() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");

        alice.send(new Login("bob", "builder"));

        alice.awaitError(ErrorCode.ALREADY_LOGGED_IN, "You are logged in already.", "login");
        assertEquals(List.of("alice"), accountNames());
    }

    @Test
    void afterFiveFailuresTheNextAttemptMustWait() {
        start(TestServer.config(dir));
        server.enter("alice").logout();
        TestClient guesser = helloed();

        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            guesser.send(new Login("alice", "guess " + i));
            guesser.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'alice'.", "login");
        }
        guesser.send(new Login("alice", TestServer.password("alice")));
        guesser.awaitError(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed logins; try again in 1 s.", "login");
        server.clock().advance(Duration.ofSeconds(1));

        assertEquals("alice", guesser.login("alice", TestServer.password("alice")).name());
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        start(TestServer.config(dir));
        server.enter("alice").logout();
        TestClient forgetful = helloed();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            forgetful.send(new Login("alice", "guess " + i));
            forgetful.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'alice'.", "login");
        }
        forgetful.login("alice", TestServer.password("alice"));
        forgetful.logout();
        TestClient again = helloed();

        again.send(new Login("alice", "one more guess"));
        again.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for 'alice'.", "login");

        assertEquals("alice", again.login("alice", TestServer.password("alice")).name());
    }

    @Test
    void failuresFromOneHostCountAcrossNames() {
        start(TestServer.config(dir));
        for (String name : List.of("ann", "ben", "cy", "dee", "eve", "fay")) {
            server.enter(name).logout();
        }
        TestClient guesser = helloed();

        for (String name : List.of("ann", "ben", "cy", "dee", "eve")) {
            guesser.send(new Login(name, "guess"));
            guesser.awaitError(ErrorCode.WRONG_PASSWORD, "Wrong password for '" + name + "'.", "login");
        }
        guesser.send(new Login("fay", "guess"));
        guesser.awaitError(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed logins; try again in 1 s.", "login");

        TestClient elsewhere = server.connect("198.51.100.7:40000");
        elsewhere.hello();
        assertEquals("fay", elsewhere.login("fay", TestServer.password("fay")).name());
    }

    @Test
    void aLoginIsAnnouncedToEveryoneOnline() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");

        server.enter("bob");

        assertEquals(new Joined(MutableClock.START.toEpochMilli(), "bob", 2), alice.await(Joined.class));
    }
}
