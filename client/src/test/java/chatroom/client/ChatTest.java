package chatroom.client;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.Limits;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class ChatTest {
    private static final long T = 1_767_261_600_000L;

    private final ChatService service = mock(ChatService.class, "service");
    private final List<ChatEvent> events = new ArrayList<>();
    private final Chat chat = new Chat(service, Runnable::run, events::add, (delay, task) -> {
    });

    private static ChatMessage live(long id, String from, String text) {
        return new ChatMessage(id, T, from, text, false);
    }

    private static ChatMessage old(long id, String from, String text) {
        return new ChatMessage(id, T, from, text, true);
    }

    private static Entry.Message message(long id, String from, String text, boolean own, boolean history) {
        return new Entry.Message(id, T, from, text, own, history);
    }

    private List<ChatEvent> take() {
        List<ChatEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private void logIn() {
        chat.loggedIn(new LoggedIn("alice", 2));
        chat.onMessage(new HistoryEnd(0, false));
        chat.onMessage(new Members(List.of(new Member("alice", T, null), new Member("bob", T, null))));
        events.clear();
    }

    @Test
    void whatArrivesBeforeTheLoginWaitsForItThenTheReplayIsLoadedAsHistory() {
        chat.onMessage(old(1, "bob", "first"));
        chat.onMessage(new ErrorReply(ErrorCode.WRONG_PASSWORD, "Wrong password for 'alice'.", "login"));
        chat.onMessage(old(2, "alice", "second"));
        assertEquals(List.of(), take());

        chat.loggedIn(new LoggedIn("alice", 2));
        chat.onMessage(new HistoryEnd(2, true));

        assertEquals(List.of(new ChatEvent.LoggedIn("alice", 2), new ChatEvent.HistoryLoaded(chat.room(),
                List.of(message(1, "bob", "first", false, true), message(2, "alice", "second", true, true)), false,
                true)), take());
        assertEquals(ConnectionState.ONLINE, chat.connection());
        assertEquals(1, chat.room().oldestId());
        assertTrue(chat.room().hasOlder());
        verify(service).who();
    }

    @Test
    void aGoodbyeBeforeTheLoginIsToldAtOnce() {
        chat.onMessage(new Bye(Bye.OVERLOADED, "The server is full."));

        assertEquals(List.of(new ChatEvent.Goodbye(Bye.OVERLOADED, "The server is full.", false)), take());
    }

    @Test
    void aLoginReportedTwiceCountsOnce() {
        chat.onMessage(new LoggedIn("alice", 1));
        chat.loggedIn(new LoggedIn("alice", 1));

        assertEquals(List.of(new ChatEvent.LoggedIn("alice", 1)), take());
        verify(service).who();
    }

    @Test
    void theMemberListTheModelAskedForIsNotAnAnswerToTheUser() {
        chat.loggedIn(new LoggedIn("alice", 2));
        chat.who();
        chat.onMessage(new Members(List.of(new Member("bob", T, null), new Member("alice", T, null))));
        chat.onMessage(new Members(List.of(new Member("bob", T, null), new Member("alice", T, null))));

        assertEquals(List.of(new ChatEvent.LoggedIn("alice", 2), new ChatEvent.MembersListed(chat.room(), false),
                new ChatEvent.MembersListed(chat.room(), true)), take());
        assertEquals(List.of("alice", "bob"), chat.room().members());
    }

    @Test
    void liveMessagesAreAddedAndOnlyOthersCountAsUnread() {
        logIn();
        chat.onMessage(live(3, "alice", "mine"));
        chat.onMessage(live(4, "bob", "theirs"));
        chat.onMessage(new Announcement(5, T, "maintenance at noon", false));
        chat.onMessage(new FileShared(6, T, "bob", "a.pdf", 10, false));

        assertEquals(List.of(new ChatEvent.Added(chat.room(), message(3, "alice", "mine", true, false)),
                new ChatEvent.Added(chat.room(), message(4, "bob", "theirs", false, false)),
                new ChatEvent.UnreadChanged(chat.room()),
                new ChatEvent.Added(chat.room(), new Entry.Announcement(5, T, "maintenance at noon", false)),
                new ChatEvent.UnreadChanged(chat.room()),
                new ChatEvent.Added(chat.room(), new Entry.SharedFile(6, T, "bob", "a.pdf", 10, false, false))),
                take());
        assertEquals(2, chat.room().unread());

        chat.read(chat.room());
        chat.read(chat.room());

        assertEquals(0, chat.room().unread());
        assertEquals(List.of(new ChatEvent.UnreadChanged(chat.room())), take());
    }

    @Test
    void anEntryThatArrivesLiveAndInAPageIsShownOnce() {
        logIn();
        chat.onMessage(live(7, "bob", "hello"));
        chat.loadOlder(chat.room(), 50);
        chat.onMessage(old(6, "bob", "before"));
        chat.onMessage(old(7, "bob", "hello"));
        chat.onMessage(new HistoryEnd(2, true));

        assertEquals(new ChatEvent.HistoryLoaded(chat.room(), List.of(message(6, "bob", "before", false, true)), true,
                true), take().getLast());
        assertEquals(List.of(6L, 7L), chat.room().entries().stream().map(Entry::id).toList());
    }

    @Test
    void pagesAskForWhatIsBeforeTheOldestShownWithinTheServersLimit() {
        chat.onMessage(new Welcome(1, "s", new Limits(65536, 32, 4000, 100, 20, 20, 40), List.of()));
        chat.onMessage(old(40, "bob", "forty"));
        chat.loggedIn(new LoggedIn("alice", 2));
        chat.onMessage(new HistoryEnd(1, true));

        chat.loadOlder(chat.room(), 50);

        assertTrue(chat.room().historyPending());
        verify(service).history(40, 20);
        chat.onMessage(old(39, "bob", "thirty-nine"));
        chat.onMessage(new HistoryEnd(1, false));
        assertFalse(chat.room().historyPending());
        assertFalse(chat.room().hasOlder());
        assertEquals(new ChatEvent.HistoryLoaded(chat.room(), List.of(message(39, "bob", "thirty-nine", false, true)),
                true, false), take().getLast());
    }

    @Test
    void everyPageAskedForDuringTheReplayIsAskedAfterItInOrder() {
        chat.loggedIn(new LoggedIn("alice", 2));
        chat.loadOlder(chat.room(), 5);
        chat.loadOlder(chat.room(), 20);
        chat.onMessage(new HistoryEnd(0, false));

        InOrder order = inOrder(service);
        order.verify(service).history(0, 5);
        order.verify(service).history(0, 20);
    }

    @Test
    void aPageAskedForBeforeTheLoginReplayEndedIsAskedBelowIt() {
        chat.loggedIn(new LoggedIn("alice", 2));
        chat.loadOlder(chat.room(), 10);
        verify(service, never()).history(anyLong(), anyInt());

        chat.onMessage(old(30, "bob", "replayed"));
        chat.onMessage(new HistoryEnd(1, true));
        verify(service).history(30, 10);
        chat.onMessage(old(29, "bob", "paged"));
        chat.onMessage(new HistoryEnd(1, false));

        List<ChatEvent> seen = take();
        assertEquals(new ChatEvent.HistoryLoaded(chat.room(), List.of(message(30, "bob", "replayed", false, true)),
                false, true), seen.get(1));
        assertEquals(new ChatEvent.HistoryLoaded(chat.room(), List.of(message(29, "bob", "paged", false, true)),
                true, false), seen.get(2));
    }

    @Test
    void afterAReconnectWhatWasMissedIsAddedInPlaceThenTheMembersAreAskedAgain() {
        logIn();
        chat.onReconnecting("Connection reset.", 1);
        assertEquals(ConnectionState.RECONNECTING, chat.connection());
        chat.onReconnected();
        chat.onMessage(new LoggedIn("alice", 3));
        chat.onMessage(old(8, "bob", "while you were away"));
        chat.onMessage(new HistoryEnd(1, false));
        chat.onMessage(new Members(List.of(new Member("alice", T, null), new Member("bob", T, null),
                new Member("carol", T, null))));

        assertEquals(List.of(new ChatEvent.Reconnecting("Connection reset.", 1), new ChatEvent.Reconnected(),
                new ChatEvent.Added(chat.room(), message(8, "bob", "while you were away", false, true)),
                new ChatEvent.CaughtUp(chat.room(), 1, false), new ChatEvent.MembersListed(chat.room(), false)),
                take());
        assertEquals(ConnectionState.ONLINE, chat.connection());
        assertEquals(List.of("alice", "bob", "carol"), chat.room().members());
        assertEquals(0, chat.room().unread(), "missed entries are history, not news");
    }

    @Test
    void presenceKeepsTheMembersAndTheCountAndTheNameFollowsARename() {
        logIn();
        chat.onMessage(new Joined(T, "carol", 3, true));
        chat.onMessage(new Left(T, "bob", 2, "logged out"));
        chat.onMessage(new Renamed(T, "alice", "ally", 2));

        assertEquals(List.of(new ChatEvent.MemberJoined(chat.room(), "carol", true, T, 3, false),
                new ChatEvent.MemberLeft(chat.room(), "bob", "logged out", T, 2, false),
                new ChatEvent.Renamed("alice", "ally", T, 2, true)), take());
        assertEquals(List.of("ally", "carol"), chat.room().members());
        assertEquals(2, chat.room().online());
        assertEquals("ally", chat.me());
        chat.onMessage(live(9, "ally", "still me"));
        assertTrue(chat.room().entries().getLast().own());
    }

    @Test
    void privateMessagesOpenAConversationWhicheverSideWroteFirst() {
        logIn();
        chat.onMessage(new PrivateMessage(T, "bob", "alice", "psst"));
        chat.onMessage(new PrivateMessage(T, "alice", "carol", "hi carol"));

        Conversation bob = chat.privateWith("BOB").orElseThrow();
        Conversation carol = chat.privateWith("carol").orElseThrow();
        assertEquals(List.of(new ChatEvent.ConversationOpened(bob),
                new ChatEvent.Added(bob, new Entry.Private(T, "bob", "alice", "psst", false)),
                new ChatEvent.UnreadChanged(bob), new ChatEvent.ConversationOpened(carol),
                new ChatEvent.Added(carol, new Entry.Private(T, "alice", "carol", "hi carol", true))), take());
        assertEquals(1, bob.unread());
        assertEquals(0, carol.unread());
        assertEquals(0, chat.room().unread());
        assertEquals(List.of(chat.room(), bob, carol), chat.conversations());
    }

    @Test
    void aPrivateConversationFollowsItsPartnersRename() {
        logIn();
        chat.onMessage(new PrivateMessage(T, "bob", "alice", "psst"));
        Conversation bob = chat.privateWith("bob").orElseThrow();

        chat.onMessage(new Renamed(T, "bob", "robert", 2));

        assertEquals("robert", bob.name());
        assertSame(bob, chat.privateWith("robert").orElseThrow());
        assertEquals(Optional.empty(), chat.privateWith("bob"));
    }

    @Test
    void writingGoesToTheRoomOrPrivatelyAndTooLongATextIsRefusedBeforeSending() {
        chat.onMessage(new Welcome(1, "s", new Limits(65536, 32, 5, 100, 200, 20, 40), List.of()));
        assertEquals(Optional.of("Log in first."), chat.send(chat.room(), "hi"));
        logIn();
        Conversation bob = chat.privateConversation("bob");

        assertEquals(Optional.empty(), chat.send(chat.room(), "hi"));
        assertEquals(Optional.empty(), chat.send(bob, "psst"));
        assertEquals(Optional.of("Not sent: 7 characters; the server takes at most 5."),
                chat.send(chat.room(), "toolong"));
        assertEquals(Optional.of("Empty messages are not sent."), chat.send(chat.room(), " "));

        InOrder order = inOrder(service);
        order.verify(service).say("hi");
        order.verify(service).tell("bob", "psst");
        verify(service, never()).say("toolong");
    }

    @Test
    void aPrivateMessageToSomeoneNewOpensNothingUntilTheServerTakesIt() {
        logIn();

        assertEquals(Optional.empty(), chat.tell("zed", "anyone?"));
        chat.onMessage(new ErrorReply(ErrorCode.NOT_ONLINE, "'zed' is not online.", "tell"));

        verify(service).tell("zed", "anyone?");
        assertEquals(Optional.empty(), chat.privateWith("zed"));
        assertEquals(List.of(new ChatEvent.Refused("tell", "not_online", "'zed' is not online.")), take());
    }

    @Test
    void aGoodbyeGivesTheDisconnectItsReason() {
        logIn();
        chat.onMessage(new Bye(Bye.KICKED, "You were kicked by the operator"));
        chat.onDisconnected("The server closed the connection.", true);

        assertEquals(List.of(new ChatEvent.Goodbye(Bye.KICKED, "You were kicked by the operator", false),
                new ChatEvent.Disconnected("You were kicked by the operator", true)), take());
        assertEquals(ConnectionState.OFFLINE, chat.connection());
        assertEquals(Optional.of("Log in first."), chat.send(chat.room(), "hello?"));
    }

    @Test
    void aLogoutTheUserAskedForEndsWithoutError() {
        logIn();
        chat.logout();
        chat.onMessage(new Bye(Bye.LOGOUT, "Goodbye."));
        chat.onDisconnected("Logged out.", false);

        verify(service).logout();
        assertEquals(List.of(new ChatEvent.Goodbye(Bye.LOGOUT, "Goodbye.", true),
                new ChatEvent.Disconnected("Goodbye.", false)), take());
    }

    @Test
    void unsentMessagesAndTransfersAreFiledUnderTheirConversation() {
        logIn();
        FileTransfer toBob = new FileTransfer("1", true, "a.txt", 2, "bob", false, 0, 0, FileTransfer.State.RUNNING,
                null, null);
        FileTransfer toRoom = new FileTransfer("2", true, "b.txt", 2, null, true, 0, 0, FileTransfer.State.RUNNING,
                null, null);

        chat.onNotSent(new Say("lost"), "The connection was lost.");
        chat.onNotSent(new Tell("carol", "lost too"), "The connection was lost.");
        chat.onTransfer(toBob);
        chat.onTransfer(toRoom);

        Conversation carol = chat.privateWith("carol").orElseThrow();
        Conversation bob = chat.privateWith("bob").orElseThrow();
        assertEquals(List.of(new ChatEvent.NotSent(chat.room(), "lost", "The connection was lost."),
                new ChatEvent.ConversationOpened(carol),
                new ChatEvent.NotSent(carol, "lost too", "The connection was lost."),
                new ChatEvent.ConversationOpened(bob), new ChatEvent.Transfer(bob, toBob),
                new ChatEvent.Transfer(chat.room(), toRoom)), take());
    }

    @Test
    void aConversationKeepsAtMostItsLimitOfEntriesAndThenPagesNoMore() {
        logIn();
        for (int id = 1; id <= Conversation.MAX_ENTRIES + 10; id++) {
            chat.onMessage(live(id, "bob", "m" + id));
        }

        assertEquals(Conversation.MAX_ENTRIES, chat.room().entries().size());
        assertEquals(11, chat.room().oldestId());
        assertFalse(chat.room().hasOlder());
    }

    @Test
    void requestsGoThroughTheGivenExecutorInOrder() {
        List<Runnable> queued = new ArrayList<>();
        Chat later = new Chat(service, queued::add, events::add, (delay, task) -> {
        });
        later.loggedIn(new LoggedIn("alice", 1));
        later.send(later.room(), "one");
        later.rename("ally");

        verify(service).hasRooms();
        verifyNoMoreInteractions(service);
        queued.forEach(Runnable::run);
        InOrder order = inOrder(service);
        order.verify(service).who();
        order.verify(service).say("one");
        order.verify(service).rename("ally");
    }
}
