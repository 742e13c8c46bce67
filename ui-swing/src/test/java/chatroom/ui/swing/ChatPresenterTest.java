package chatroom.ui.swing;

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
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Welcome;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

import static chatroom.ui.swing.ConversationDocumentTest.T0915;
import static chatroom.ui.swing.ConversationDocumentTest.YESTERDAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(OnSwingThread.class)
class ChatPresenterTest {
    private static final Map<String, List<String>> SETTINGS = Map.of("peer", List.of("10.0.0.2:9001"));

    private final ChatServiceProvider transport = mock(ChatServiceProvider.class);
    private final ChatService service = mock(ChatService.class, "first");
    private final List<ChatListener> listeners = new ArrayList<>();
    private final List<char[]> passwords = new ArrayList<>();
    private final Queue<Runnable> network = new ArrayDeque<>();
    private final RecordingChatShell shell = new RecordingChatShell();
    private ChatView view;
    private ChatPresenter presenter;

    @BeforeEach
    void setUp() throws Exception {
        when(transport.usesPasswords()).thenReturn(true);
        when(transport.create(any(), any())).thenAnswer(call -> {
            listeners.add(call.getArgument(1));
            return service;
        });
        when(service.login(anyString(), any())).thenAnswer(call -> {
            passwords.add(((char[]) call.getArgument(1)).clone());
            return new LoggedIn(call.getArgument(0), 2);
        });
        open("alice", "secret".toCharArray(), new ConnectOptions("chat.example", 9000, SETTINGS));
    }

    private void open(String user, char[] password, ConnectOptions connect) {
        ChatUiContext context = new ChatUiContext(transport, connect, user,
                password, Path.of("data"), InputStream.nullInputStream(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()));
        view = new ChatView(ConversationDocumentTest.times());
        presenter = new ChatPresenter(context, view, shell, network::add, Runnable::run);
    }

    /** Runs what the window handed to the network thread, as that thread would. */
    private void runNetwork() {
        Runnable task;
        while ((task = network.poll()) != null) {
            task.run();
        }
    }

    private void joinAsAlice() {
        view.join.doClick();
        runNetwork();
    }

    private void event(ServerMessage message) {
        listeners.get(listeners.size() - 1).onMessage(message);
    }

    private String room() {
        return view.conversations.room().text();
    }

    @Test
    void theFirstHintAsksOnlyForWhatIsMissing() {
        assertEquals("Press Join to log in.", view.status.getText());
        open("alice", null, new ConnectOptions("chat.example", 9000, SETTINGS));
        assertEquals("Enter your password and press Join.", view.status.getText());
        open(null, null, new ConnectOptions("chat.example", 9000, SETTINGS));
        assertEquals("Enter your name and press Join.", view.status.getText());
    }

    @Test
    void fillsTheConnectFieldsFromTheCommandLine() {
        assertEquals("chat.example", view.host.getText());
        assertEquals("9000", view.port.getText());
        assertEquals("alice", view.name.getText());
        assertArrayEquals("secret".toCharArray(), view.password.getPassword());
        assertEquals("chatroom", shell.title());
        assertFalse(view.rename.isEnabled());
    }

    @Test
    void typingStartsInTheFirstFieldStillEmpty() {
        assertEquals(view.join, presenter.firstToFill());
        view.password.setText("");
        assertEquals(view.password, presenter.firstToFill());
        view.name.setText("");
        assertEquals(view.name, presenter.firstToFill());
    }

    @Test
    void joinsOffTheSwingThreadAndLocksTheFields() throws Exception {
        view.join.doClick();

        verify(service, never()).login(anyString(), any());
        assertFalse(view.join.isEnabled());
        assertEquals("Connecting to chat.example:9000…", view.status.getText());

        runNetwork();

        // The window asks for rooms; a transport without them ignores the setting.
        verify(transport).create(eq(new ConnectOptions("chat.example", 9000, Map.of("peer", List.of("10.0.0.2:9001"),
                ConnectOptions.ROOMS, List.of("true")))), any());
        verify(service).login(eq("alice"), any());
        assertArrayEquals("secret".toCharArray(), passwords.get(0));
        assertFalse(view.host.isEnabled());
        assertFalse(view.port.isEnabled());
        assertFalse(view.name.isEnabled());
        assertFalse(view.password.isEnabled());
        assertFalse(view.join.isEnabled());
        assertTrue(view.rename.isEnabled());
        assertEquals("Connected to chat.example:9000 as alice.", view.status.getText());
        assertEquals("chatroom — alice", shell.title());
        assertEquals("10:00  You joined as alice · 2 online\n", room());
        runNetwork();
        verify(service).who();
    }

    @Test
    void aPeerTransportAsksOnlyForANameAndShowsWhereItListens() throws Exception {
        when(transport.usesPasswords()).thenReturn(false);
        ConnectOptions group = new ConnectOptions("127.0.0.1", 9000,
                Map.of("listen", List.of("7101"), "peer", List.of("10.0.0.2:7100")));
        open("alice", null, group);

        assertFalse(view.host.isVisible());
        assertFalse(view.port.isVisible());
        assertFalse(view.password.isVisible());
        assertTrue(view.group.isVisible());
        assertEquals("listening on port 7101 · peers: 10.0.0.2:7100", view.group.getText());
        assertEquals(view.join, presenter.firstToFill());

        view.join.doClick();
        assertEquals("Joining the group…", view.status.getText());
        runNetwork();

        verify(transport).create(eq(new ConnectOptions("127.0.0.1", 9000, Map.of("listen", List.of("7101"),
                "peer", List.of("10.0.0.2:7100"), ConnectOptions.ROOMS, List.of("true")))), any());
        verify(service).login(eq("alice"), any());
        assertArrayEquals(new char[0], passwords.get(0));
        assertEquals("In the group as alice.", view.status.getText());
    }

    @Test
    void aPeerWithoutANameIsAskedForOne() {
        when(transport.usesPasswords()).thenReturn(false);
        open(null, null, new ConnectOptions("127.0.0.1", 9000));

        assertEquals(view.name, presenter.firstToFill());
        view.join.doClick();

        assertEquals("Enter the name you want to appear under.", view.status.getText());
        assertTrue(network.isEmpty());
    }

    @Test
    void enterInTheNameFieldJoinsToo() throws Exception {
        view.name.postActionEvent();
        runNetwork();

        verify(service).login(eq("alice"), any());
    }

    @Test
    void aRefusedLoginShowsTheReasonAndRetriesOnTheSameService() throws Exception {
        doThrow(new LoginException(ErrorCode.WRONG_PASSWORD, "Wrong password for alice."))
                .doReturn(new LoggedIn("alice", 1))
                .when(service).login(anyString(), any());

        joinAsAlice();

        assertEquals("Wrong password for alice.", view.status.getText());
        assertEquals(Theme.ERROR, view.status.getForeground());
        assertEquals(0, view.password.getSelectionStart());
        assertEquals("secret".length(), view.password.getSelectionEnd());
        assertTrue(view.name.isEnabled());
        assertTrue(view.join.isEnabled());
        assertFalse(view.rename.isEnabled());

        view.password.setText("right");
        joinAsAlice();

        verify(transport, times(1)).create(any(), any());
        verify(service, times(2)).login(eq("alice"), any());
        assertEquals("Connected to chat.example:9000 as alice.", view.status.getText());
    }

    @Test
    void anUnreachableServerClosesThatServiceAndTheNextJoinCreatesANewOne() throws Exception {
        ChatService second = mock(ChatService.class, "second");
        when(second.login(anyString(), any())).thenReturn(new LoggedIn("alice", 1));
        doThrow(new ConnectException("Connection refused")).when(service).login(anyString(), any());
        doAnswer(call -> {
            listeners.add(call.getArgument(1));
            return listeners.size() == 1 ? service : second;
        }).when(transport).create(any(), any());

        joinAsAlice();

        assertEquals("Could not connect: Connection refused", view.status.getText());
        verify(service).close();
        assertTrue(view.join.isEnabled());

        joinAsAlice();

        verify(transport, times(2)).create(any(), any());
        verify(second).login(eq("alice"), any());
        assertFalse(view.join.isEnabled());
    }

    @Test
    void checksTheFieldsBeforeConnecting() {
        view.port.setText("ninety");
        view.join.doClick();
        assertEquals("The port is a number from 1 to 65535.", view.status.getText());

        view.port.setText("9000");
        view.name.setText("  ");
        view.join.doClick();
        assertEquals("Enter the name you want to appear under.", view.status.getText());

        view.name.setText("alice");
        view.host.setText("");
        view.join.doClick();
        assertEquals("Enter the server's address.", view.status.getText());

        assertTrue(network.isEmpty());
        verify(transport, never()).create(any(), any());
    }

    @Test
    void writingBeforeJoiningSaysToLogInFirst() {
        view.compose.setText("hello?");
        view.send.doClick();

        assertTrue(room().endsWith("Log in first: enter your name and press Join.\n"), room());
        assertEquals("hello?", view.compose.getText());
        assertTrue(network.isEmpty());
    }

    @Test
    void aLostConnectionShowsReconnectingThenWhatWasMissedInPlace() {
        joinAsAlice();
        ChatListener events = listeners.get(listeners.size() - 1);
        event(new ChatMessage(40, T0915, "bob", "before", false));

        events.onReconnecting("The server is shutting down.", 1);
        assertEquals("Reconnecting… (attempt 1): The server is shutting down.", view.banner.getText());
        assertTrue(view.banner.isVisible());
        events.onReconnecting("Connection refused", 2);
        assertEquals("Reconnecting… (attempt 2): Connection refused", view.banner.getText());
        events.onReconnected();
        event(new LoggedIn("alice", 2, "token"));
        event(new ChatMessage(41, T0915, "bob", "while you were away", true));
        event(new HistoryEnd(1, false));
        event(new ChatMessage(42, T0915, "bob", "welcome back", false));

        assertFalse(view.banner.isVisible());
        assertEquals("Connected to chat.example:9000 as alice.", view.status.getText());
        String room = room();
        int lost = room.indexOf("Reconnecting… (attempt 1): The server is shutting down.");
        int back = room.indexOf("Reconnected");
        int missed = room.indexOf("while you were away");
        int counted = room.indexOf("1 message missed while disconnected");
        int live = room.indexOf("welcome back");
        assertTrue(room.indexOf("before") < lost && lost < back && back < missed && missed < counted
                && counted < live, room);
        assertFalse(room.contains("attempt 2"), "one line in the conversation; the banner counts the attempts");
        runNetwork();
        verify(service, times(2)).who();
    }

    @Test
    void noticesAndMessagesNotSentAreShown() {
        joinAsAlice();
        ChatListener events = listeners.get(listeners.size() - 1);

        events.onNotice("This connection to chat.example:9000 is not encrypted.");
        events.onNotSent(new Say("lost words", "c1"), "Gave up reconnecting after 10 min.");

        assertTrue(room().contains("This connection to chat.example:9000 is not encrypted."), room());
        assertTrue(room().contains("Not sent: \"lost words\" (Gave up reconnecting after 10 min.)"), room());
    }

    @Test
    void sendingSaysTheTextAndClearsTheField() {
        joinAsAlice();
        view.compose.setText("  hello everyone ");
        view.compose.postActionEvent();
        runNetwork();

        verify(service).say("hello everyone");
        assertEquals("", view.compose.getText());
    }

    @Test
    void emptyTextIsNotSent() {
        joinAsAlice();
        view.compose.setText("   ");
        view.send.doClick();
        runNetwork();

        verify(service, never()).say(anyString());
    }

    @Test
    void textLongerThanTheServerTakesIsKeptAndExplained() {
        view.join.doClick();
        event(new Welcome(1, "test", new Limits(65536, 32, 5, 20, 100, 5, 10), List.of()));
        runNetwork();
        view.compose.setText("你好你好你好");
        view.send.doClick();
        runNetwork();

        verify(service, never()).say(anyString());
        assertEquals("你好你好你好", view.compose.getText());
        assertTrue(room().endsWith("Not sent: 6 characters; the server takes at most 5.\n"), room());
    }

    @Test
    void showsWhatHappensInTheRoom() {
        joinAsAlice();
        event(new ChatMessage(11, T0915, "bob", "你好，alice！", false));
        event(new ChatMessage(12, T0915, "alice", "hi bob", false));
        event(new Announcement(13, T0915, "Server restarts at noon", false));
        event(new Joined(T0915, "carol", 3));
        event(new Renamed(T0915, "carol", "caz", 3));
        event(new Left(T0915, "caz", 2, "logged out"));

        assertTrue(room().endsWith("09:15  bob: 你好，alice！\n"
                + "09:15  alice: hi bob\n"
                + "09:15  Announcement: Server restarts at noon\n"
                + "09:15  carol joined · 3 online\n"
                + "09:15  carol is now caz\n"
                + "09:15  caz left (logged out) · 2 online\n"), room());
    }

    @Test
    void showsTheHistoryAfterLoginApartFromTheLiveConversation() throws Exception {
        view.join.doClick();
        // The service's thread may deliver history before login() has returned on the network thread.
        event(new ChatMessage(3, YESTERDAY, "bob", "earlier", true));
        event(new HistoryEnd(1, true));
        runNetwork();
        event(new ChatMessage(4, T0915, "bob", "now", false));

        assertEquals("— earlier messages —\n"
                + "2026-11-20 18:30  bob: earlier\n"
                + "— now —\n"
                + "10:00  You joined as alice · 2 online\n"
                + "09:15  bob: now\n", room());
    }

    @Test
    void scrollingToTheTopLoadsTheOlderPageAboveWhatIsShown() {
        joinAsAlice();
        runNetwork();
        event(new ChatMessage(40, YESTERDAY, "bob", "forty", true));
        event(new HistoryEnd(1, true));

        presenter.olderWanted();
        presenter.olderWanted();
        runNetwork();

        verify(service, times(1)).history(40, ChatPresenter.HISTORY_PAGE);
        event(new ChatMessage(39, YESTERDAY, "carol", "thirty-nine", true));
        event(new HistoryEnd(1, false));
        assertTrue(room().startsWith("— earlier messages —\n"
                + "2026-11-20 18:30  carol: thirty-nine\n"
                + "2026-11-20 18:30  bob: forty\n"
                + "— now —\n"), room());

        presenter.olderWanted();
        runNetwork();
        verify(service, times(1)).history(anyLong(), anyInt());
    }

    @Test
    void keepsThePeopleOnlineListCurrent() {
        joinAsAlice();
        event(new Members(List.of(new Member("bob", 1), new Member("alice", 2))));
        assertEquals(List.of("alice", "bob"), view.people.names());
        assertEquals("Online (2)", view.peopleTitle.getText());

        event(new Joined(T0915, "Carol", 3));
        event(new Renamed(T0915, "bob", "Bobby", 3));
        assertEquals(List.of("alice", "Bobby", "Carol"), view.people.names());
        event(new Left(T0915, "Carol", 2, "connection lost"));
        assertEquals(List.of("alice", "Bobby"), view.people.names());
        assertEquals("Online (2)", view.peopleTitle.getText());
    }

    @Test
    void aRefusedRenameShowsTheServersReasonAndLetsTheUserTryAgain() {
        joinAsAlice();
        view.rename.doClick();
        assertEquals(1, shell.renameShown);
        RenameForm form = presenter.renameForm();
        assertEquals("alice", form.nameField().getText());

        form.nameField().setText("bob");
        form.okButton().doClick();
        runNetwork();
        verify(service).rename("bob");
        assertFalse(form.okButton().isEnabled());

        event(new ErrorReply(ErrorCode.NAME_TAKEN, "Someone else is called bob.", "nick"));

        assertEquals("Someone else is called bob.", form.message());
        assertTrue(form.okButton().isEnabled());
        assertTrue(form.nameField().isEnabled());
        assertEquals(0, shell.renameHidden);
        assertFalse(room().contains("Someone else is called bob."), room());

        form.nameField().setText("ally");
        form.nameField().postActionEvent();
        runNetwork();
        verify(service).rename("ally");
        event(new Renamed(T0915, "alice", "ally", 2));

        assertEquals(1, shell.renameHidden);
        assertEquals("chatroom — ally", shell.title());
        assertEquals("ally", view.name.getText());
        assertTrue(room().endsWith("09:15  You are now ally\n"), room());
    }

    @Test
    void otherErrorsGoToTheConversation() {
        joinAsAlice();
        event(new ErrorReply(ErrorCode.SLOW_DOWN, "Slow down: at most 5 messages a second.", "say"));

        assertTrue(room().endsWith("Slow down: at most 5 messages a second.\n"), room());
    }

    @Test
    void countsUnreadMessagesInTheTitleWhileInTheBackground() {
        joinAsAlice();
        presenter.focusChanged(false);
        event(new ChatMessage(1, T0915, "bob", "one", false));
        event(new ChatMessage(2, T0915, "alice", "mine", false));
        event(new Joined(T0915, "carol", 3));
        event(new ChatMessage(3, T0915, "carol", "two", false));
        event(new PrivateMessage(T0915, "bob", "alice", "three"));

        assertEquals("(3) chatroom — alice", shell.title());

        presenter.focusChanged(true);
        assertEquals("chatroom — alice", shell.title());
    }

    @Test
    void messagesWhileTheWindowIsInFrontAreNotCounted() {
        joinAsAlice();
        event(new ChatMessage(1, T0915, "bob", "one", false));

        assertEquals("chatroom — alice", shell.title());
    }

    @Test
    void closingWhileInTheRoomAsksAndLogsOutOnlyWhenConfirmed() {
        joinAsAlice();
        runNetwork();
        shell.leaveAnswer = false;

        presenter.closeAsked();
        runNetwork();

        assertEquals(1, shell.leaveQuestions);
        assertFalse(shell.closed);
        verify(service, never()).logout();

        shell.leaveAnswer = true;
        presenter.closeAsked();
        assertTrue(shell.closed);
        verify(service, never()).logout();
        runNetwork();
        verify(service).logout();
        assertEquals(0, presenter.exitCode());
    }

    @Test
    void closingBeforeJoiningDoesNotAsk() {
        presenter.closeAsked();

        assertEquals(0, shell.leaveQuestions);
        assertTrue(shell.closed);
        assertEquals(0, presenter.exitCode());
    }

    @Test
    void closingWhileJoiningClosesTheServiceFromAnotherThread() {
        view.join.doClick();

        presenter.closeAsked();

        assertEquals(0, shell.leaveQuestions);
        assertTrue(shell.closed);
        verify(service, timeout(5000)).close();
    }

    @Test
    void privateMessagesGoToTheirOwnTab() {
        joinAsAlice();
        event(new PrivateMessage(T0915, "bob", "alice", "psst, alice"));

        assertFalse(room().contains("psst"), room());
        assertTrue(view.conversations.privateWith("bob").text().endsWith("09:15  bob: psst, alice\n"));
        assertEquals("bob (1)", view.conversations.title("bob"));
        assertEquals(Conversations.ROOM_TITLE, view.conversations.titleAt(0));

        presenter.writePrivately("bob");
        assertEquals("bob", view.conversations.title("bob"));
        assertEquals("To bob (private):", view.composeTarget.getText());

        view.compose.setText("hi bob");
        view.send.doClick();
        runNetwork();
        verify(service).tell("bob", "hi bob");
        verify(service, never()).say(anyString());
        event(new PrivateMessage(T0915, "alice", "bob", "hi bob"));

        assertEquals("10:00  Private conversation with bob: only the two of you see it.\n"
                + "09:15  bob: psst, alice\n"
                + "09:15  alice: hi bob\n", view.conversations.privateWith("bob").text());

        view.conversations.selectRoom();
        assertEquals("To everyone:", view.composeTarget.getText());
        view.compose.setText("back in the room");
        view.send.doClick();
        runNetwork();
        verify(service).say("back in the room");
    }

    @Test
    void doubleClickingYourselfOpensNothing() {
        joinAsAlice();
        presenter.writePrivately("alice");

        assertNull(view.conversations.title("alice"));
    }

    @Test
    void aPrivatePeersRenameMovesTheirTab() {
        joinAsAlice();
        event(new PrivateMessage(T0915, "bob", "alice", "hi"));
        event(new Renamed(T0915, "bob", "robert", 2));

        assertNull(view.conversations.title("bob"));
        assertEquals("robert (1)", view.conversations.title("robert"));
    }

    @Test
    void aPrivatePeerRenamedToSomeoneWithATabKeepsBothTabs() {
        joinAsAlice();
        event(new PrivateMessage(T0915, "bob", "alice", "from bob"));
        event(new PrivateMessage(T0915, "carol", "alice", "from carol"));
        event(new Left(T0915, "carol", 2, "logged out"));
        event(new Renamed(T0915, "bob", "carol", 2));

        assertEquals(3, view.conversations.count());
        assertEquals("bob (1)", view.conversations.title("bob"));
        assertEquals("carol (1)", view.conversations.title("carol"));
    }

    @Test
    void doubleClickingANameOpensAPrivateConversation() {
        joinAsAlice();
        event(new Members(List.of(new Member("alice", 1), new Member("bob", 2))));
        view.peopleList.setSize(200, 200);
        Rectangle bob = view.peopleList.getCellBounds(1, 1);

        view.peopleList.dispatchEvent(new MouseEvent(view.peopleList, MouseEvent.MOUSE_CLICKED, 0, 0,
                bob.x + 2, bob.y + 2, 2, false, MouseEvent.BUTTON1));

        assertEquals(Optional.of("bob"), view.conversations.selectedPeer());
        assertEquals("To bob (private):", view.composeTarget.getText());
    }

    @Test
    void aServerThatTurnsTheConnectionAwaySaysWhy() throws Exception {
        doAnswer(call -> {
            event(new Bye(Bye.OVERLOADED, "The server is full; try again later."));
            throw new IOException("Connection closed.");
        }).when(service).login(anyString(), any());

        joinAsAlice();

        assertEquals("Could not connect: The server is full; try again later.", view.status.getText());
    }

    @Test
    void aByeShowsItsReasonAtOnce() {
        joinAsAlice();
        event(new Bye(Bye.KICKED, "Kicked by the operator: spamming."));

        assertTrue(view.banner.isVisible());
        assertEquals("Disconnected: Kicked by the operator: spamming.", view.banner.getText());
    }

    @Test
    void showsALostConnectionInTheWindowAndExitsWithOne() {
        joinAsAlice();
        event(new Bye(Bye.SHUTDOWN, "The server is shutting down."));
        listeners.get(0).onDisconnected("Connection closed by the server.", false);

        assertTrue(view.banner.isVisible());
        assertEquals("Disconnected: The server is shutting down.", view.banner.getText());
        assertTrue(room().endsWith("Disconnected: The server is shutting down.\n"), room());
        assertTrue(view.join.isEnabled());
        assertFalse(view.rename.isEnabled());
        assertEquals("Online (0)", view.peopleTitle.getText());
        runNetwork();
        verify(service).close();

        presenter.closeAsked();
        assertEquals(0, shell.leaveQuestions);
        assertTrue(shell.closed);
        assertEquals(1, presenter.exitCode());
    }

    @Test
    void joiningAgainAfterALostConnectionStartsAFreshConversation() {
        joinAsAlice();
        event(new ChatMessage(1, T0915, "bob", "before", false));
        listeners.get(0).onDisconnected("Connection reset.", true);

        joinAsAlice();

        assertFalse(view.banner.isVisible());
        assertFalse(room().contains("before"), room());
        assertEquals(2, listeners.size());
        assertEquals(0, presenter.exitCode());
    }

    @Test
    void eventsFromADroppedServiceAreIgnored() {
        joinAsAlice();
        ChatListener old = listeners.get(0);
        old.onDisconnected("Connection reset.", true);
        String shown = room();

        old.onMessage(new ChatMessage(5, T0915, "ghost", "boo", false));

        assertEquals(shown, room());
    }

    @Test
    void doesNotTouchTheServiceFromTheCallingThreadExceptThroughTheNetworkQueue() {
        joinAsAlice();
        view.compose.setText("queued");
        view.send.doClick();

        verify(service, never()).say(anyString());
        runNetwork();
        inOrder(service).verify(service).say("queued");
    }

    @Test
    void sendFileSendsTheChosenFileWhereTheUserWrites() throws Exception {
        joinAsAlice();
        shell.chosenFile = Path.of("/home/alice/report.pdf");

        view.sendFile.doClick();
        runNetwork();
        verify(service).sendFile(Path.of("/home/alice/report.pdf"), null);

        presenter.writePrivately("bob");
        presenter.filesDropped(List.of(Path.of("/tmp/a.png"), Path.of("/tmp/b.png")));
        runNetwork();
        verify(service).sendFile(Path.of("/tmp/a.png"), "bob");
        verify(service).sendFile(Path.of("/tmp/b.png"), "bob");

        shell.chosenFile = null;
        view.sendFile.doClick();
        runNetwork();
        verify(service, times(3)).sendFile(any(), any());
    }

    @Test
    void aFileThatCannotBeSentSaysWhyWhereItWasSent() throws Exception {
        joinAsAlice();
        doThrow(new IOException("big.bin is 2.0 MiB; files of at most 1.0 MiB can be sent here."))
                .when(service).sendFile(any(), any());
        shell.chosenFile = Path.of("big.bin");

        view.sendFile.doClick();
        runNetwork();

        assertTrue(room().endsWith("Not sent: big.bin is 2.0 MiB; files of at most 1.0 MiB can be sent here.\n"),
                room());
    }

    @Test
    void sendingAFileBeforeJoiningIsRefused() {
        shell.chosenFile = Path.of("a.txt");
        view.sendFile.doClick();
        presenter.filesDropped(List.of(Path.of("a.txt")));
        runNetwork();
        assertTrue(room().endsWith("Log in first: enter your name and press Join.\n"), room());
        assertTrue(network.isEmpty());
    }

    @Test
    void aFileOnItsWayHasARowWithProgressACancelButtonAndThenTheFolder() throws Exception {
        joinAsAlice();
        Path saved = Path.of("/dl/photo.jpg");
        transfer(new FileTransfer("r-f1", false, "photo.jpg", 4 << 20, "bob", false, 0, 0,
                FileTransfer.State.RUNNING, saved, null));
        transfer(new FileTransfer("r-f1", false, "photo.jpg", 4 << 20, "bob", false, 1 << 20, 1 << 20,
                FileTransfer.State.RUNNING, saved, null));

        JPanel rows = view.transfers.component();
        assertTrue(rows.isVisible());
        assertEquals("1.0 MiB of 4.0 MiB (25%) · 1.0 MiB/s · 3 s left", label(rows, "detail:r-f1").getText());
        assertTrue(button(rows, "cancel:r-f1").isVisible());
        assertFalse(button(rows, "open:r-f1").isVisible());
        assertEquals("10:00  bob is sending you photo.jpg (4.0 MiB).\n",
                view.conversations.privateWith("bob").text().lines().skip(1).findFirst().orElseThrow() + "\n");

        button(rows, "cancel:r-f1").doClick();
        runNetwork();
        verify(service).cancelTransfer("r-f1");

        transfer(new FileTransfer("r-f1", false, "photo.jpg", 4 << 20, "bob", false, 4 << 20, 1 << 20,
                FileTransfer.State.DONE, saved, "Saved as /dl/photo.jpg (SHA-256 verified)."));
        assertFalse(button(rows, "cancel:r-f1").isVisible());
        assertTrue(button(rows, "open:r-f1").isVisible());
        assertEquals("Saved as /dl/photo.jpg (SHA-256 verified).", label(rows, "detail:r-f1").getText());
        assertTrue(view.conversations.privateWith("bob").text()
                .endsWith("photo.jpg from bob: Saved as /dl/photo.jpg (SHA-256 verified).\n"));
        button(rows, "open:r-f1").doClick();
        assertEquals(List.of(Path.of("/dl")), shell.openedFolders);

        button(rows, "remove:r-f1").doClick();
        assertFalse(rows.isVisible());
    }

    @Test
    void aFailedTransferIsShownAsAnError() {
        joinAsAlice();
        transfer(new FileTransfer("s1", true, "movie.bin", 100, null, true, 0, 0, FileTransfer.State.RUNNING,
                Path.of("movie.bin"), null));
        transfer(new FileTransfer("s1", true, "movie.bin", 100, null, true, 10, 0, FileTransfer.State.FAILED,
                Path.of("movie.bin"), "The connection ended before movie.bin was delivered."));

        assertTrue(room().contains("You are sending movie.bin (100 B) to everyone.\n"), room());
        assertTrue(room().endsWith("movie.bin: The connection ended before movie.bin was delivered.\n"), room());
        assertEquals(Theme.ERROR, label(view.transfers.component(), "detail:s1").getForeground());
    }

    @Test
    void aSharedFileIsShownInTheRoom() {
        joinAsAlice();
        event(new FileShared(12, T0915, "bob", "report.pdf", 20 << 20, false));
        assertTrue(room().endsWith("09:15  bob shared report.pdf (20.0 MiB)\n"), room());
    }

    private void transfer(FileTransfer transfer) {
        listeners.get(listeners.size() - 1).onTransfer(transfer);
    }

    private static JButton button(java.awt.Container in, String name) {
        return (JButton) find(in, name);
    }

    private static JLabel label(java.awt.Container in, String name) {
        return (JLabel) find(in, name);
    }

    private static java.awt.Component find(java.awt.Container in, String name) {
        for (java.awt.Component child : in.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof java.awt.Container container) {
                java.awt.Component found = find(container, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
