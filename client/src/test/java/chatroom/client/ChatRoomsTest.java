package chatroom.client;

import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The model of a session with rooms (protocol 2): a conversation per room, each with its own replay and paging. */
class ChatRoomsTest {
    private static final long T = 1_767_261_600_000L;

    private final ChatService service = mock(ChatService.class, "service");
    private final List<ChatEvent> events = new ArrayList<>();
    /** Work the model asked to run later, and the clock it reads. */
    private final List<Runnable> due = new ArrayList<>();
    private long nanos = 5_000_000_000L;
    private final Chat chat = new Chat(service, Runnable::run, events::add, (delay, task) -> due.add(task),
            () -> nanos);

    @BeforeEach
    void theServiceHasRooms() {
        when(service.hasRooms()).thenReturn(true);
    }

    private static ChatMessage said(String room, long id, String from, String text, boolean history) {
        return new ChatMessage(id, T, from, text, history, null, room);
    }

    private List<ChatEvent> take() {
        List<ChatEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private void logIn() {
        chat.loggedIn(new LoggedIn("alice", 3, "token", List.of(new RoomInfo("#lobby", null, 5, 3, true),
                new RoomInfo("#ops", "Deploys", 2, 1, true))));
        chat.onMessage(new HistoryEnd(0, false, "#lobby"));
        chat.onMessage(new HistoryEnd(0, false, "#ops"));
        events.clear();
    }

    @Test
    void theLoginListsTheRoomsAndEachReplayLandsInItsOwn() {
        chat.loggedIn(new LoggedIn("alice", 3, "token", List.of(new RoomInfo("#lobby", null, 5, 3, true),
                new RoomInfo("#ops", "Deploys", 2, 1, true))));
        chat.onMessage(said("#ops", 4, "bob", "deployed", true));
        chat.onMessage(said("#lobby", 9, "carol", "hi all", true));
        chat.onMessage(new HistoryEnd(1, false, "#lobby"));
        chat.onMessage(new HistoryEnd(1, true, "#ops"));

        Conversation lobby = chat.roomNamed("#LOBBY").orElseThrow();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        assertEquals(lobby, chat.room(), "the default room is the room");
        assertEquals(List.of(lobby, ops), chat.rooms());
        assertEquals("Deploys", ops.topic());
        assertEquals(List.of(new ChatEvent.LoggedIn("alice", 3),
                new ChatEvent.HistoryLoaded(lobby, List.of(new Entry.Message(9, T, "carol", "hi all", false, true)),
                        false, false),
                new ChatEvent.HistoryLoaded(ops, List.of(new Entry.Message(4, T, "bob", "deployed", false, true)),
                        false, true)), take());
        verify(service, never()).who();
    }

    @Test
    void messagesGoToTheirRoomAndCountAsUnreadThere() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();

        chat.onMessage(said("#ops", 5, "bob", "ship it", false));

        assertEquals(1, ops.unread());
        assertEquals(0, chat.room().unread());
        assertEquals(List.of(5L), ops.entries().stream().map(Entry::id).toList());
        assertEquals(Optional.empty(), chat.send(ops, "on my way"));
        verify(service).sayIn("#ops", "on my way");
        chat.loadOlder(ops, 20);
        verify(service).historyOf("#ops", 5, 20);
    }

    @Test
    void joiningOpensTheRoomAndLeavingClosesIt() {
        logIn();

        assertEquals(Optional.empty(), chat.join("#Design"));
        verify(service).join("#Design");
        chat.onMessage(new RoomInfo("#Design", null, 1, 1, true));
        chat.onMessage(new HistoryEnd(0, false, "#Design"));
        chat.onMessage(new Joined(T, "alice", 1, null, "#Design"));
        Conversation design = chat.roomNamed("#design").orElseThrow();
        assertEquals(List.of(new ChatEvent.ConversationOpened(design),
                new ChatEvent.HistoryLoaded(design, List.of(), false, false),
                new ChatEvent.MemberJoined(design, "alice", false, T, 1, true)), take());

        chat.part(design, "bye");
        verify(service).part("#Design", "bye");
        chat.onMessage(new Left(T, "alice", 0, "left: bye", "#Design"));
        assertEquals(new ChatEvent.RoomClosed(design), take().getLast());
        assertEquals(Optional.empty(), chat.roomNamed("#design"));
        assertEquals(Optional.of("A room name is '#' and then 1 to 63 letters, digits, '_', '-' and '.', such as"
                + " #lobby."), chat.join("design"));
    }

    @Test
    void aFileForARoomIsShownInThatRoomAndOneWhoseRoomIsNotNamedInTheDefaultRoom() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        FileTransfer toOps = new FileTransfer("in-1", false, "plan.pdf", 10, "bob", true, 0, 0,
                FileTransfer.State.RUNNING, null, null, "#ops");
        FileTransfer unnamed = new FileTransfer("in-2", false, "cat.jpg", 10, "bob", true, 0, 0,
                FileTransfer.State.RUNNING, null, null);

        chat.onTransfer(toOps);
        chat.onTransfer(unnamed);

        assertEquals(List.of(new ChatEvent.Transfer(ops, toOps), new ChatEvent.Transfer(chat.room(), unnamed)),
                take());
        assertEquals("#lobby", chat.room().name());
    }

    @Test
    void privateConversationsKeepIdsSayWhatWaitedAndPageTheirHistory() {
        logIn();
        chat.onMessage(new PrivateMessage(T, "alice", "bob", "are you there?", null, 7L, null, null, true));
        chat.onMessage(new PrivateMessage(T, "carol", "alice", "while you were out", null, 3L, true, null, null));
        chat.onMessage(new PrivateMessage(T, "carol", "alice", "while you were out", null, 3L, true, null, null));
        Conversation bob = chat.privateWith("bob").orElseThrow();
        Conversation carol = chat.privateWith("carol").orElseThrow();

        assertEquals(List.of(new Entry.Private(7, T, "alice", "bob", "are you there?", true, false, false, true)),
                bob.entries(), "the user's own message, waiting for bob");
        assertEquals(List.of(new Entry.Private(3, T, "carol", "alice", "while you were out", false, false, true,
                false)), carol.entries(), "delivered once, marked as arrived while away");
        events.clear();
        chat.loadOlder(carol, 20);
        verify(service).privateHistory("carol", 3, 20);
        chat.onMessage(new PrivateMessage(T, "alice", "carol", "one", null, 1L, null, true, null));
        chat.onMessage(new PrivateMessage(T, "carol", "alice", "two", null, 2L, null, true, null));
        chat.onMessage(new HistoryEnd(2, false, null, "carol"));

        List<Entry> page = List.of(new Entry.Private(1, T, "alice", "carol", "one", true, true, false, false),
                new Entry.Private(2, T, "carol", "alice", "two", false, true, false, false));
        assertEquals(List.of(new ChatEvent.HistoryLoaded(carol, page, true, false)), take());
        assertEquals(List.of(1L, 2L, 3L), carol.entries().stream().map(Entry::id).toList());
        assertFalse(carol.hasOlder());
    }

    @Test
    void afterAReconnectEachPrivateConversationAddsWhatWasMissedOnce() {
        logIn();
        chat.onMessage(new PrivateMessage(T, "bob", "alice", "one", null, 1L, null, null, null));
        chat.onMessage(new PrivateMessage(T, "alice", "bob", "two", null, 2L, null, null, null));
        Conversation bob = chat.privateWith("bob").orElseThrow();
        chat.onReconnecting("lost", 1);
        chat.onReconnected();
        verify(service).privateHistory("bob", 0, Chat.PRIVATE_CATCH_UP);
        events.clear();

        // One that waited comes with the resume login, before the page: it must not hide the one before it.
        chat.onMessage(new PrivateMessage(T, "bob", "alice", "m5", null, 5L, true, null, null));
        events.clear();
        for (long id = 1; id <= 5; id++) {
            chat.onMessage(new PrivateMessage(T, "bob", "alice", "m" + id, null, id, null, true, null));
        }
        chat.onMessage(new HistoryEnd(5, false, null, "bob"));

        Entry three = new Entry.Private(3, T, "bob", "alice", "m3", false, false, false, false);
        Entry four = new Entry.Private(4, T, "bob", "alice", "m4", false, false, false, false);
        assertEquals(List.of(new ChatEvent.Added(bob, three), new ChatEvent.UnreadChanged(bob),
                new ChatEvent.Added(bob, four), new ChatEvent.UnreadChanged(bob),
                new ChatEvent.CaughtUp(bob, 2, false)), take());
        assertEquals(List.of(1L, 2L, 5L, 3L, 4L), bob.entries().stream().map(Entry::id).toList(), "each once");
    }

    @Test
    void theServersUnreadCountsComeWithTheLoginAndReadingReportsTheMarkerOncePerSecondAtMost() {
        chat.loggedIn(new LoggedIn("alice", 3, "token", List.of(new RoomInfo("#lobby", null, 5, 3, true),
                new RoomInfo("#ops", null, 2, 1, true, null, 4L))));
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        assertEquals(4, ops.unread(), "read elsewhere up to all but four");
        assertTrue(events.contains(new ChatEvent.UnreadChanged(ops)));
        chat.onMessage(said("#ops", 7, "bob", "seven", true));
        chat.onMessage(new HistoryEnd(1, false, "#ops"));
        chat.onMessage(new HistoryEnd(0, false, "#lobby"));

        chat.read(ops);
        chat.onMessage(said("#ops", 8, "bob", "eight", false));
        chat.read(ops);

        verify(service).markRead("#ops", null, 7);
        verify(service, never()).markRead("#ops", null, 8);
        assertEquals(0, ops.unread());
        assertEquals(1, due.size(), "what was read within the second is reported after it");
        nanos += Chat.READ_REPORT_INTERVAL_NANOS;
        due.removeFirst().run();
        verify(service).markRead("#ops", null, 8);
        chat.read(chat.room());
        verify(service, never()).markRead(eq("#lobby"), any(), anyLong());
        chat.onMessage(said("#lobby", 12, "alice", "my own words", false));
        verify(service).markRead("#lobby", null, 12);
    }

    @Test
    void whatAnotherDeviceReadSetsTheCountAndIsNotReportedAgain() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        for (long id = 1; id <= 3; id++) {
            chat.onMessage(said("#ops", id, "bob", "m" + id, false));
        }
        assertEquals(3, ops.unread());
        events.clear();

        chat.onMessage(new ReadMoved("#ops", null, 3, 0));
        chat.onMessage(new ReadMoved("#nowhere", null, 3, 0));

        assertEquals(0, ops.unread());
        assertEquals(List.of(new ChatEvent.UnreadChanged(ops)), take());
        chat.read(ops);
        verify(service, never()).markRead(eq("#ops"), any(), anyLong());
        chat.onMessage(new ReadMoved("#ops", null, 3, 0));
        assertEquals(List.of(), take(), "no change, no event");
        chat.onMessage(said("#ops", 4, "bob", "m4", false));
        chat.onMessage(new ReadMoved("#ops", null, 2, 2));
        assertEquals(1, ops.unread(), "an older marker, told late, changes nothing");
    }

    @Test
    void theLoginAsksForTheConversationsAndOpensPrivateOnesWithSomethingUnread() {
        logIn();
        verify(service).listConversations(null, Chat.PRIVATE_UNREAD_PAGE);

        chat.onMessage(new ConversationList(List.of(new ConversationList.Entry(null, "bob", 9, 4, 2L),
                new ConversationList.Entry(null, "carol", 8, 3, 0L), new ConversationList.Entry(null, "dave", 7, 1,
                null), new ConversationList.Entry("#ops", null, 6, 5, 1L)), false));

        Conversation bob = chat.privateWith("bob").orElseThrow();
        assertEquals(2, bob.unread());
        assertEquals(List.of(new ChatEvent.ConversationOpened(bob), new ChatEvent.UnreadChanged(bob)), take());
        assertEquals(Optional.empty(), chat.privateWith("carol"), "nothing unread: not opened");
        assertEquals(Optional.empty(), chat.privateWith("dave"), "no marker: not counted");
    }

    @Test
    void presenceTopicMembersAndTheRoomListAreTold() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();

        chat.onMessage(new Presence("#ops", T, "bob", Presence.ONLINE, null, 2));
        chat.onMessage(new TopicChanged("#ops", T, "alice", "Deploys only"));
        chat.who(ops);
        chat.onMessage(new Members(List.of(new Member("alice", T, null, true), new Member("bob", T, null, true),
                new Member("carol", T, null, false)), "#ops"));
        chat.onMessage(new RoomList(List.of(new RoomInfo("#ops", "Deploys only", 3, 2, true)), false));

        assertEquals(List.of(new ChatEvent.PresenceChanged(ops, "bob", true, null, T, 2),
                new ChatEvent.TopicChanged(ops, "alice", "Deploys only", T),
                new ChatEvent.MembersListed(ops, true),
                new ChatEvent.RoomsListed(List.of(new RoomSummary("#ops", "Deploys only", 3, 2)), false)), take());
        verify(service).whoIn("#ops");
        assertEquals(List.of("alice", "bob"), ops.members(), "who is in the room and online");
        assertEquals(List.of("carol"), ops.offlineMembers());
        assertEquals("Deploys only", ops.topic());

        chat.onMessage(new Presence("#ops", T, "bob", Presence.OFFLINE, "logged out", 1));
        chat.onMessage(new Presence("#ops", T, "carol", Presence.ONLINE, null, 2));
        assertEquals(List.of("alice", "carol"), ops.members());
        assertEquals(List.of("bob"), ops.offlineMembers(), "bob went offline and is still a member");
        chat.onMessage(new Left(T, "bob", 2, "left", "#ops"));
        assertEquals(List.of(), ops.offlineMembers(), "bob left the room");
    }

    @Test
    void afterAReconnectEachRoomCatchesUpOnItsOwn() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        chat.onReconnected();
        chat.onMessage(said("#ops", 6, "bob", "missed", true));
        chat.onMessage(new HistoryEnd(1, false, "#ops"));
        chat.onMessage(new HistoryEnd(0, false, "#lobby"));

        assertEquals(List.of(new ChatEvent.Reconnected(),
                new ChatEvent.Added(ops, new Entry.Message(6, T, "bob", "missed", false, true)),
                new ChatEvent.CaughtUp(ops, 1, false), new ChatEvent.CaughtUp(chat.room(), 0, false)), take());
        assertTrue(chat.hasRooms());
    }

    @Test
    void rolesAndTheTopicLockAreKeptPerRoomAndToldAsTheyChange() {
        logIn();
        Conversation ops = chat.roomNamed("#ops").orElseThrow();
        assertTrue(ops.topicLocked(), "locked by default");

        chat.onMessage(new Members(List.of(new Member("alice", T, null, true, "owner"),
                new Member("bob", T, null, true, "member")), "#ops"));
        chat.onMessage(new RoleChanged("#ops", T, "bob", "operator", "alice"));
        chat.onMessage(new SettingsChanged("#ops", T, "bob", false));

        assertEquals("owner", ops.roleOf("alice"));
        assertEquals("operator", ops.roleOf("bob"));
        assertEquals("member", ops.roleOf("carol"), "no role known: a member");
        assertFalse(ops.topicLocked());
        assertEquals(List.of(new ChatEvent.MembersListed(ops, false),
                new ChatEvent.RoleChanged(ops, "bob", "operator", "alice", T, false),
                new ChatEvent.TopicLockChanged(ops, "bob", false, T)), take());

        assertEquals(Optional.empty(), chat.setRole(ops, "carol", "operator"));
        assertEquals(Optional.empty(), chat.lockTopic(ops, true));
        verify(service).setRole("#ops", "carol", "operator");
        verify(service).lockTopic("#ops", true);

        chat.onMessage(new BanChanged("#ops", T, "carol", "alice", true));
        chat.onMessage(new BanList("#ops", List.of("carol"), false));
        assertEquals(List.of(new ChatEvent.BanChanged(ops, "carol", "alice", true, T, false),
                new ChatEvent.BansListed(ops, List.of("carol"), false)), take());
        assertEquals(Optional.empty(), chat.kick(ops, "dave", "spam"));
        assertEquals(Optional.empty(), chat.ban(ops, "dave", true));
        assertEquals(Optional.empty(), chat.listBans(ops));
        verify(service).kick("#ops", "dave", "spam");
        verify(service).ban("#ops", "dave", true);
        verify(service).listBans("#ops");

        chat.onMessage(new SettingsChanged("#ops", T, "alice", false, true));
        chat.onMessage(new Invited("#ops", T, "dave", "alice", T + 1));
        chat.onMessage(new Invited("#design", T, "alice", "erin", T + 1));
        assertTrue(ops.inviteOnly());
        assertEquals(List.of(new ChatEvent.InviteOnlyChanged(ops, "alice", true, T),
                new ChatEvent.Invited("#ops", "dave", "alice", T + 1, false),
                new ChatEvent.Invited("#design", "alice", "erin", T + 1, true)), take(),
                "only what changed is told; an invite to a room the user is not in opens no conversation");
        assertEquals(Optional.empty(), chat.invite(ops, "dave"));
        assertEquals(Optional.empty(), chat.setInviteOnly(ops, false));
        verify(service).invite("#ops", "dave");
        verify(service).setInviteOnly("#ops", false);

        assertEquals(Optional.empty(), chat.banFromServer("erin", true));
        verify(service).banFromServer("erin", true);
        chat.onMessage(new ServerBanChanged(T, "erin", true));
        assertEquals(List.of(new ChatEvent.ServerBanChanged("erin", true, T)), take());
        assertEquals(Optional.empty(), chat.deleteRoom(ops));
        verify(service).deleteRoom("#ops", "#ops");
        chat.onMessage(new RoomDeleted("#ops", T, "alice"));
        assertEquals(List.of(new ChatEvent.RoomDeleted(ops, "alice", T), new ChatEvent.RoomClosed(ops)), take());
        assertEquals(Optional.empty(), chat.roomNamed("#ops"));
    }
}
