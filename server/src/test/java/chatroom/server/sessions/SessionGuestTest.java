package chatroom.server.sessions;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.Who;
import chatroom.server.MutableClock;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guests: a name without an account or password, where the server allows it. */
class SessionGuestTest extends ServerTestBase {
    private static final long T0 = MutableClock.START.toEpochMilli();

    @Test
    void guestsAreRefusedUnlessTheServerAllowsThem() {
        start(TestServer.config(dir));
        TestClient guest = helloed();

        guest.send(Login.asGuest("visitor"));

        guest.awaitError(ErrorCode.GUESTS_NOT_ALLOWED, "This server admits only accounts; log in with a password.",
                "login");
    }

    @Test
    void aGuestJoinsMarkedAsGuestAndWithoutAnAccount() {
        start(TestServer.config(dir).withGuests(true));
        TestClient alice = server.enter("alice");
        TestClient guest = helloed();

        assertEquals(new LoggedIn("visitor", 2), TestClient.withoutToken(guest.login(Login.asGuest("visitor"))));

        Joined joined = alice.await(Joined.class);
        assertEquals(new Joined(T0, "visitor", 2, true), joined);
        assertTrue(joined.isGuest());
        alice.send(new Who());
        assertEquals(new Members(List.of(new Member("alice", T0), new Member("visitor", T0, true))),
                alice.await(Members.class));
        assertEquals(List.of("alice"), accountNames());
        assertTrue(server.log().contains(server.logLine("guest login visitor from 127.0.0.1:50002 (2 online)")),
                server.log());
    }

    @Test
    void anAccountsNameIsNotForGuests() {
        start(TestServer.config(dir).withGuests(true));
        server.enter("alice").logout();
        TestClient guest = helloed();

        guest.send(Login.asGuest("ALICE"));

        guest.awaitError(ErrorCode.NAME_TAKEN,
                "The name 'ALICE' belongs to an account; log in with its password or pick another name.", "login");
    }

    @Test
    void aGuestNameIsFirstComeFirstServed() {
        start(TestServer.config(dir).withGuests(true));
        TestClient first = helloed();
        first.login(Login.asGuest("visitor"));
        TestClient second = helloed();

        second.send(Login.asGuest("Visitor"));

        second.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'Visitor'.", "login");
        first.send(new Who());
        assertEquals(List.of(new Member("visitor", T0, true)), first.await(Members.class).users());
        assertFalse(first.isClosed());
    }

    @Test
    void anOnlineGuestsNameCannotBecomeAnAccount() {
        start(TestServer.config(dir).withGuests(true));
        helloed().login(Login.asGuest("visitor"));
        TestClient other = helloed();

        other.send(new Login("visitor", "a password"));

        other.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'visitor'.", "login");
        assertEquals(List.of(), accountNames());
    }

    @Test
    void aGuestNameIsFreeAgainOnceTheGuestLeaves() {
        start(TestServer.config(dir).withGuests(true));
        TestClient alice = server.enter("alice");
        TestClient first = helloed();
        first.login(Login.asGuest("visitor"));

        first.logout();
        assertEquals(new Left(T0, "visitor", 1, "logged out"), alice.await(Left.class));

        assertEquals("visitor", helloed().login(Login.asGuest("visitor")).name());
    }

    @Test
    void guestNamesFollowTheNamingRules() {
        start(TestServer.config(dir).withGuests(true));
        TestClient guest = helloed();

        guest.send(Login.asGuest("Admin"));
        guest.awaitError(ErrorCode.RESERVED_NAME, "The name 'Admin' is reserved.", "login");
        guest.send(Login.asGuest("a b"));
        guest.awaitError(ErrorCode.INVALID_NAME, "A name may contain only letters, digits, '_', '-' and '.'.",
                "login");
    }

    @Test
    void aGuestCannotRenameToAnAccountsName() {
        start(TestServer.config(dir).withGuests(true));
        server.enter("alice").logout();
        TestClient guest = helloed();
        guest.login(Login.asGuest("visitor"));

        guest.send(new Nick("Alice"));

        guest.awaitError(ErrorCode.NAME_TAKEN, "The name 'Alice' belongs to another account.", "nick");
    }
}
