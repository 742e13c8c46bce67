package chatroom.server.rooms;

import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Joined;
import chatroom.api.message.KickMember;
import chatroom.api.message.Left;
import chatroom.api.message.Login;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Who;
import chatroom.server.MutableClock;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One account on several devices (protocol 2): the memberships are the account's, every device hears the account's
 * rooms and private conversations, the others see the person once, and what one device reads the others are told.
 */
class DevicesTest extends ServerTestBase {
    private static final long T0 = MutableClock.START.toEpochMilli();

    private static List<ServerMessage> only(List<ServerMessage> messages, Class<?> type) {
        return messages.stream().filter(type::isInstance).toList();
    }

    private static void join(TestClient client, String name, String room) {
        client.send(new JoinRoom(room));
        client.await(Joined.class, joined -> room.equals(joined.room()) && joined.name().equals(name));
    }

    @Test
    void othersSeeThePersonOnceInPresenceCountsAndWho() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient laptop = server.enter2("alice");
        TestClient phone = server.enter2("alice");

        List<ServerMessage> seen = bob.receivedUntilNow("#lobby");
        assertEquals(List.of(new Presence("#lobby", T0, "alice", Presence.ONLINE, null, 2)),
                only(seen, Presence.class));
        bob.send(new Who("#lobby"));
        assertEquals(List.of("alice", "bob"), bob.await(Members.class).users().stream().map(Member::name).toList());
        phone.send(new JoinRoom("#lobby"));
        assertEquals(2, phone.await(RoomInfo.class).online());
        assertTrue(only(laptop.receivedUntilNow("#lobby"), Bye.class).isEmpty());
    }

    @Test
    void joiningOnOneDevicePutsEveryDeviceInTheRoomAndPartingTakesThemAllOut() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient laptop = server.enter2("alice");
        TestClient phone = server.enter2("alice");
        join(bob, "bob", "#ops");

        join(laptop, "alice", "#ops");
        assertEquals("#ops", phone.await(RoomInfo.class).name());
        assertEquals("#ops", phone.await(HistoryEnd.class).room());
        assertEquals(new Joined(T0, "alice", 2, false, "#ops"), phone.await(Joined.class));
        bob.send(new Say("to both", null, "#ops"));
        assertEquals("#ops", laptop.await(ChatMessage.class, m -> m.text().equals("to both")).room());
        assertEquals("#ops", phone.await(ChatMessage.class, m -> m.text().equals("to both")).room());

        phone.send(new PartRoom("#ops", null));
        assertEquals(new Left(T0, "alice", 1, "left", "#ops"), laptop.await(Left.class));
        assertEquals(new Left(T0, "alice", 1, "left", "#ops"), bob.await(Left.class));
        bob.send(new Say("only me now", null, "#ops"));
        laptop.send(new Say("back?", null, "#ops"));
        laptop.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #ops; join it first.", "say");
        assertTrue(only(laptop.receivedUntilNow("#lobby"), ChatMessage.class).isEmpty());
    }

    @Test
    void aPrivateMessageReachesEveryDeviceOfBothWithOneIdAndNoOtherDeviceGetsTheSendersClientId() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient laptop = server.enter2("alice");
        TestClient phone = server.enter2("alice");

        laptop.send(new Tell("bob", "sent from the laptop", "c-1"));

        PrivateMessage toBob = bob.await(PrivateMessage.class);
        PrivateMessage onPhone = phone.await(PrivateMessage.class);
        PrivateMessage echo = laptop.await(PrivateMessage.class);
        assertEquals(List.of("alice", "bob", "sent from the laptop"), List.of(onPhone.from(), onPhone.to(),
                onPhone.text()));
        assertEquals(toBob.id(), onPhone.id());
        assertEquals(toBob.id(), echo.id());
        assertNull(onPhone.cid());
        assertEquals("c-1", echo.cid());
        bob.send(new Tell("alice", "answer"));
        assertEquals("answer", laptop.await(PrivateMessage.class).text());
        assertEquals("answer", phone.await(PrivateMessage.class).text());
    }

    @Test
    void whatOneDeviceReadsTheOtherDevicesAreToldWithWhatIsLeftUnread() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient laptop = server.enter2("alice");
        TestClient phone = server.enter2("alice");
        for (int i = 1; i <= 3; i++) {
            bob.send(new Say("m" + i, null, "#lobby"));
        }
        bob.send(new Tell("alice", "psst"));
        phone.await(PrivateMessage.class);

        laptop.send(new MarkRead("#lobby", null, 2));
        assertEquals(new ReadMoved("#lobby", null, 2, 1), phone.await(ReadMoved.class));
        laptop.send(new MarkRead(null, "bob", 1));
        assertEquals(new ReadMoved(null, "bob", 1, 0), phone.await(ReadMoved.class));
        laptop.send(new MarkRead("#lobby", null, 1));

        assertEquals(List.of(), only(phone.receivedUntilNow("#lobby"), ReadMoved.class), "a marker going back");
        assertEquals(List.of(), only(laptop.receivedUntilNow("#lobby"), ReadMoved.class), "not the reader itself");
        assertEquals(List.of(), only(bob.receivedUntilNow("#lobby"), ReadMoved.class), "not another account");
    }

    @Test
    void aKickTakesEveryDeviceOutOfTheRoom() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient laptop = server.enter2("bob");
        TestClient phone = server.enter2("bob");
        join(alice, "alice", "#ops");
        join(laptop, "bob", "#ops");

        alice.send(new KickMember("#ops", "bob", "enough"));

        Left kicked = new Left(T0, "bob", 1, "kicked by alice: enough", "#ops");
        assertEquals(kicked, laptop.await(Left.class));
        assertEquals(kicked, phone.await(Left.class));
        assertEquals(kicked, alice.await(Left.class));
        phone.send(new Say("still here?", null, "#ops"));
        phone.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #ops; join it first.", "say");
    }

    @Test
    void aProtocolOneDeviceStaysInTheDefaultRoomBesideTheAccountsOtherRooms() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient old = server.enter("alice");
        TestClient phone = server.enter2("alice");
        join(phone, "alice", "#ops");
        join(bob, "bob", "#ops");

        bob.send(new Say("in the lobby", null, "#lobby"));
        bob.send(new Say("in ops", null, "#ops"));
        bob.send(new Tell("alice", "to every device"));

        assertEquals("in the lobby", old.await(ChatMessage.class).text());
        assertEquals("to every device", old.await(PrivateMessage.class).text());
        assertEquals(List.of(), only(old.receivedUntilNow(), ChatMessage.class));
        assertEquals("in ops", phone.await(ChatMessage.class, m -> "#ops".equals(m.room())).text());
    }

    @Test
    void aGuestNameIsStillOnePlaceOnly() {
        start(TestServer.config(dir).toBuilder().allowGuests(true).build());
        TestClient first = server.connect();
        first.hello(2);
        first.login2(Login.asGuest("visitor"));
        TestClient second = server.connect();
        second.hello(2);

        second.send(Login.asGuest("visitor"));
        second.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'visitor'.", Login.TYPE);
    }

    @Test
    void leavingTheDefaultRoomOnOneDeviceEndsTheProtocolOneDeviceAsReplacedAndTheRoomHearsItOnce() {
        start(TestServer.config(dir));
        TestClient bob = server.enter("bob");
        TestClient old = server.enter("alice");
        TestClient phone = server.enter2("alice");

        phone.send(new PartRoom("#lobby", null));

        assertEquals(new Bye(Bye.REPLACED, "You left #lobby on another device."), old.await(Bye.class));
        old.awaitClosed();
        assertEquals(List.of(new Left(T0, "alice", 1, "left")), only(bob.receivedUntilNow(), Left.class));
    }

    @Test
    void aJoinWhereAProtocolOneDeviceIsPresentAlreadyIsNotAnnouncedTwice() {
        start(TestServer.config(dir));
        TestClient bob = server.enter2("bob");
        TestClient phone = server.enter2("alice");
        phone.send(new PartRoom("#lobby", null));
        bob.await(Left.class);
        TestClient old = server.enter("alice");
        bob.await(Presence.class, p -> p.isOnline() && p.name().equals("alice"));

        join(phone, "alice", "#lobby");

        List<ServerMessage> seen = bob.receivedUntilNow("#lobby");
        assertEquals(List.of(), only(seen, Joined.class), "alice was here already, on her old client");
        assertEquals(List.of(), only(seen, Presence.class));
        assertEquals(List.of(), only(old.receivedUntilNow(), Joined.class));
    }

    @Test
    void inALargeRoomOnlyTheDevicesThereHearOfTheirOwnJoin() {
        start(TestServer.config(dir).toBuilder().presenceLimit(1).build());
        TestClient old = server.enter("alice");
        TestClient phone = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(bob, "bob", "#ops");

        join(phone, "alice", "#ops");

        assertEquals(List.of(), only(old.receivedUntilNow(), Joined.class), "the old client is not in #ops");
    }

    @Test
    void aGuestsRoomsEndWithItEvenWhenItsLastSessionWasAnotherProtocol() {
        start(TestServer.config(dir).toBuilder().allowGuests(true).build());
        TestClient alice = server.enter2("alice");
        join(alice, "alice", "#ops");
        TestClient guest = server.connect();
        guest.hello(2);
        String token = guest.login2(Login.asGuest("visitor")).resume();
        join(guest, "visitor", "#ops");
        TestClient back = server.connect();
        back.hello();

        back.login(Login.resuming("visitor", token, 0));
        guest.awaitClosed();
        back.logout();

        alice.send(new Who("#ops"));
        assertEquals(List.of("alice"), alice.await(Members.class).users().stream().map(Member::name).toList());
    }

    @Test
    void anOldGuestTokenDoesNotTakeItsNameFromTheGuestWhoHasItNow() {
        start(TestServer.config(dir).toBuilder().allowGuests(true).build());
        TestClient first = server.connect();
        first.hello(2);
        String token = first.login2(Login.asGuest("visitor")).resume();
        first.drop();
        first.awaitClosed();
        TestClient now = server.connect();
        now.hello(2);
        now.login2(Login.asGuest("visitor"));

        TestClient late = server.connect();
        late.hello(2);
        late.send(Login.resuming("visitor", token, 0));

        late.awaitError(ErrorCode.NAME_TAKEN, "Someone online is using the name 'visitor'.", Login.TYPE);
        assertTrue(only(now.receivedUntilNow("#lobby"), Bye.class).isEmpty());
    }
}
