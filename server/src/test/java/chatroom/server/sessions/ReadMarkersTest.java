package chatroom.server.sessions;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.ListConversations;
import chatroom.api.message.Joined;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.MarkRead;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.Say;
import chatroom.api.message.Tell;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Read markers (protocol 2): kept per account, only forward, and turned into unread counts at the next login. */
class ReadMarkersTest extends ServerTestBase {

    private static LoggedIn login(TestClient client, String name) {
        client.hello(Protocol.ROOMS_VERSION);
        return client.login2(new Login(name, TestServer.password(name)));
    }

    private static void join(TestClient client, String name, String room) {
        client.send(new JoinRoom(room));
        client.await(Joined.class, joined -> room.equals(joined.room()) && joined.name().equals(name));
    }

    /** Each room of a login with its unread count ("none" where the account reported no marker). */
    private static Map<String, String> unread(LoggedIn in) {
        return in.rooms().stream().collect(Collectors.toMap(RoomInfo::name,
                room -> room.unread() == null ? "none" : Long.toString(room.unread())));
    }

    /** alice and bob in #ops, which alice made, and three messages of bob's there (ids 1 to 3). */
    private List<TestClient> threeMessagesInOps() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(alice, "alice", "#ops");
        join(bob, "bob", "#ops");
        for (int i = 1; i <= 3; i++) {
            bob.send(new Say("m" + i, null, "#ops"));
        }
        alice.await(ChatMessage.class, m -> m.text().equals("m3"));
        return List.of(alice, bob);
    }

    @Test
    void aMarkerMovesOnlyForwardAndGivesTheUnreadCountAtTheNextLogin() {
        TestClient alice = threeMessagesInOps().getFirst();

        alice.send(new MarkRead("#OPS", null, 1));
        alice.send(new MarkRead("#ops", null, 0));
        alice.logout();

        assertEquals(Map.of("#lobby", "none", "#ops", "2"), unread(login(server.connect(), "alice")));
    }

    @Test
    void theConversationListHasEachRoomAndPrivateConversationNewestFirstWithItsUnreadCount() {
        List<TestClient> both = threeMessagesInOps();
        TestClient alice = both.get(0);
        TestClient bob = both.get(1);
        server.clock().advance(java.time.Duration.ofMinutes(1));
        bob.send(new Tell("alice", "psst"));
        alice.await(PrivateMessage.class);
        alice.send(new MarkRead("#ops", null, 2));

        alice.send(new ListConversations(null, null));
        ConversationList list = alice.await(ConversationList.class);

        long now = server.clock().millis();
        long before = now - 60_000;
        assertEquals(new ConversationList(List.of(new ConversationList.Entry(null, "bob", now, 1, null),
                new ConversationList.Entry("#ops", null, before, 3, 1L),
                new ConversationList.Entry("#lobby", null, 0, 0, null)), false), list);
        alice.send(new MarkRead(null, "bob", 1));
        alice.send(new ListConversations(now, 1));
        assertEquals(new ConversationList(List.of(new ConversationList.Entry("#ops", null, before, 3, 1L)), true),
                alice.await(ConversationList.class), "the page after bob's, one long");
        alice.send(new ListConversations(null, 1));
        assertEquals(new ConversationList(List.of(new ConversationList.Entry(null, "bob", now, 1, 0L)), true),
                alice.await(ConversationList.class));
    }

    @Test
    void markersThatCannotBeAreRefusedSayingWhy() {
        TestClient alice = threeMessagesInOps().getFirst();
        TestClient carol = server.enter2("carol");

        alice.send(new MarkRead("#ops", null, 9));
        alice.awaitError(ErrorCode.BAD_MESSAGE, "#ops has no message 9; its newest is 3.", MarkRead.TYPE);
        carol.send(new MarkRead("#ops", null, 1));
        carol.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #ops; join it first.", MarkRead.TYPE);
        carol.send(new MarkRead("#nowhere", null, 1));
        carol.awaitError(ErrorCode.UNKNOWN_ROOM, "There is no room called '#nowhere'.", MarkRead.TYPE);
        carol.send(new MarkRead(null, "bob", 5));
        carol.awaitError(ErrorCode.BAD_MESSAGE, "Your conversation with bob has no message 5; its newest is 0.",
                MarkRead.TYPE);
        carol.send(new MarkRead(null, "nobody", 1));
        carol.awaitError(ErrorCode.NO_SUCH_ACCOUNT, "'nobody' is not online, and no account has that name.",
                MarkRead.TYPE);
        TestClient old = server.enter("olga");
        old.send(new MarkRead("#lobby", null, 0));
        old.awaitError(ErrorCode.UNKNOWN_TYPE, "Read markers need protocol 2.", MarkRead.TYPE);
    }

    @Test
    void aDeletedRoomsMarkersAreForgottenSoANewRoomOfItsNameStartsAfresh() {
        List<TestClient> both = threeMessagesInOps();
        TestClient alice = both.get(0);
        TestClient bob = both.get(1);
        alice.send(new MarkRead("#ops", null, 3));
        alice.send(new DeleteRoom("#ops", "#ops"));
        bob.await(RoomDeleted.class);
        join(bob, "bob", "#ops");
        bob.send(new Say("in the new #ops", null, "#ops"));
        bob.await(ChatMessage.class, m -> m.text().equals("in the new #ops"));
        join(alice, "alice", "#ops");
        alice.logout();

        assertEquals(Map.of("#lobby", "none", "#ops", "none"), unread(login(server.connect(), "alice")),
                "the old marker (3) would hide the new room's message");
    }
}
