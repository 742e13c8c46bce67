package chatroom.ui.swing;

import chatroom.api.message.BanList;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.TopicChanged;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.swing.JComponent;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.KeyStroke;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import static chatroom.ui.swing.ConversationDocumentTest.T0915;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The chat window with a transport that has rooms: the room list, a pane per room, the topic bar, per-room people. */
@ExtendWith(OnSwingThread.class)
class ChatPresenterRoomsTest {
    private final ChatServiceProvider transport = mock(ChatServiceProvider.class);
    private final ChatService service = mock(ChatService.class);
    private final Queue<Runnable> network = new ArrayDeque<>();
    private final RecordingChatShell shell = new RecordingChatShell();
    private ChatListener listener;
    private ChatView view;
    private ChatPresenter presenter;

    @BeforeEach
    void logInToTwoRooms() throws Exception {
        when(transport.usesPasswords()).thenReturn(true);
        when(transport.create(any(), any())).thenAnswer(call -> {
            listener = call.getArgument(1);
            return service;
        });
        when(service.hasRooms()).thenReturn(true);
        when(service.login(anyString(), any())).thenReturn(new LoggedIn("alice", 3, "token",
                List.of(new RoomInfo("#lobby", null, 5, 3, true), new RoomInfo("#ops", "Deploys", 2, 2, true))));
        ChatUiContext context = new ChatUiContext(transport, new ConnectOptions("chat.example", 9000), "alice",
                "secret".toCharArray(), Path.of("data"), InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
        view = new ChatView(ConversationDocumentTest.times());
        presenter = new ChatPresenter(context, view, shell, network::add, Runnable::run);
        view.join.doClick();
        runNetwork();
        event(new ChatMessage(3, T0915, "bob", "earlier in ops", true, null, "#ops"));
        event(new HistoryEnd(0, false, "#lobby"));
        event(new HistoryEnd(1, false, "#ops"));
    }

    private void runNetwork() {
        Runnable task;
        while ((task = network.poll()) != null) {
            task.run();
        }
    }

    private void event(ServerMessage message) {
        listener.onMessage(message);
    }

    private String text(String room) {
        return view.conversations.findRoom(room).orElseThrow().document.text();
    }

    private void show(String room) {
        view.conversations.select(view.conversations.findRoom(room).orElseThrow());
        runNetwork();
    }

    @Test
    void eachRoomIsListedWithItsOwnPaneAndTheDefaultRoomIsShown() {
        assertEquals(List.of("#lobby", "#ops"), view.conversations.items().stream().map(item -> item.title())
                .toList());
        assertEquals("#lobby", view.conversations.selected().name());
        assertEquals("To #lobby:", view.composeTarget.getText());
        assertEquals("10:00  You are in #lobby as alice · 3 online\n", text("#lobby"));
        assertTrue(text("#ops").contains("09:15  bob: earlier in ops\n"), text("#ops"));
        assertTrue(view.topicBar.isVisible());
        assertEquals("#lobby · no topic", view.topic.getText());
        verify(service).whoIn("#lobby");
    }

    @Test
    void aMessageInARoomNotShownCountsAsUnreadUntilItIsShown() {
        event(new ChatMessage(4, T0915, "bob", "deploying now", false, null, "#ops"));
        event(new ChatMessage(5, T0915, "bob", "done", false, null, "#ops"));

        assertEquals("#ops (2)", view.conversations.titleAt(1));
        assertFalse(text("#lobby").contains("deploying"), text("#lobby"));
        show("#ops");

        assertEquals("#ops", view.conversations.titleAt(1));
        assertEquals("To #ops:", view.composeTarget.getText());
        assertEquals("#ops · Deploys", view.topic.getText());
        verify(service).whoIn("#ops");
        view.compose.setText("thanks");
        view.send.doClick();
        runNetwork();
        verify(service).sayIn("#ops", "thanks");
        verify(service, never()).say(anyString());
    }

    @Test
    void thePeopleListShowsTheMembersOnlineOfTheRoomShown() {
        event(new Members(List.of(new Member("alice", 1, null, true), new Member("bob", 1, null, true),
                new Member("carol", 1, null, false)), "#lobby"));
        assertEquals(List.of("alice", "bob", "carol"), view.people.names(), "carol is a member, offline");

        show("#ops");
        event(new Members(List.of(new Member("alice", 1, null, true), new Member("dave", 1, null, true)), "#ops"));
        assertEquals(List.of("alice", "dave"), view.people.names());
        event(new Presence("#ops", T0915, "erin", Presence.ONLINE, null, 3));
        assertEquals(List.of("alice", "dave", "erin"), view.people.names());
        assertTrue(text("#ops").endsWith("09:15  erin is online (3 online)\n"), text("#ops"));
    }

    @Test
    void theTopicCanBeSetByWhoeverTheRoomAllows() {
        show("#ops");
        assertFalse(view.editTopic.isEnabled(), "a locked topic, and alice is a plain member");

        event(new RoleChanged("#ops", T0915, "alice", "operator", "bob"));
        assertTrue(view.editTopic.isEnabled());
        assertTrue(text("#ops").endsWith("09:15  bob made you an operator of #ops\n"), text("#ops"));
        shell.answer = "  Deploys on Fridays ";
        view.editTopic.doClick();
        runNetwork();

        assertEquals(List.of("The topic of #ops (empty clears it): [Deploys]"), shell.questions);
        verify(service).setTopic("#ops", "Deploys on Fridays");
        event(new TopicChanged("#ops", T0915, "alice", "Deploys on Fridays"));
        assertEquals("#ops · Deploys on Fridays", view.topic.getText());
    }

    @Test
    void aRoomTheUserIsPutOutOfLeavesTheListAndTheNextRoomSaysWhy() {
        show("#ops");
        event(new Left(T0915, "alice", 1, "kicked by bob: spam", "#ops"));

        assertEquals(List.of("#lobby"), view.conversations.items().stream().map(item -> item.name()).toList());
        assertEquals("#lobby", view.conversations.selected().name());
        assertTrue(text("#lobby").endsWith("You left #ops: kicked by bob: spam\n"), text("#lobby"));
    }

    @Test
    void aRoomJoinedIsListedAndShown() {
        event(new RoomInfo("#new", null, 1, 1, true));
        event(new HistoryEnd(0, false, "#new"));
        event(new Joined(T0915, "alice", 1, null, "#new"));

        assertEquals(List.of("#lobby", "#ops", "#new"), view.conversations.items().stream().map(item -> item.name())
                .toList());
        assertEquals("#new", view.conversations.selected().name());
        assertTrue(text("#new").endsWith("09:15  You joined #new · 1 online\n"), text("#new"));
    }

    /** Presses a key of the window, as its bindings see it (a real key press needs a focused window on screen). */
    private void press(int key) {
        Object action = view.root.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
                .get(KeyStroke.getKeyStroke(key, InputEvent.CTRL_DOWN_MASK));
        view.root.getActionMap().get(action).actionPerformed(new ActionEvent(view.root, 0, null));
    }

    @Test
    void ctrlKListsTheRoomsAndJoinsTheOnePicked() {
        press(KeyEvent.VK_K);
        runNetwork();

        assertEquals(1, shell.roomPickerShown);
        verify(service).listRooms(null, null);
        RoomPicker picker = presenter.roomPicker();
        event(new RoomList(List.of(new RoomInfo("#dev", "Builds", 4, 2, true), new RoomInfo("#ops", "Deploys", 2, 2,
                true)), true));
        assertEquals(2, picker.table().getRowCount());
        assertEquals(List.of("#dev", 2, 4, "Builds"), List.of(picker.table().getValueAt(0, 0),
                picker.table().getValueAt(0, 1), picker.table().getValueAt(0, 2), picker.table().getValueAt(0, 3)));
        assertEquals("More rooms match: type to narrow the list.", picker.message());
        picker.table().setRowSelectionInterval(0, 0);
        assertEquals("Join #dev", picker.joinButton().getText());
        picker.joinButton().doClick();
        runNetwork();

        verify(service).join("#dev");
        assertTrue(picker.isWaiting());
        event(new RoomInfo("#dev", "Builds", 5, 3, true));
        event(new HistoryEnd(0, false, "#dev"));
        event(new Joined(T0915, "alice", 3, null, "#dev"));
        assertEquals(1, shell.roomPickerHidden);
        assertFalse(picker.isOpen());
        assertEquals("#dev", view.conversations.selected().name());
        assertEquals("#dev · Builds", view.topic.getText());
    }

    @Test
    void aNameNoRoomHasCreatesTheRoomAndARefusalIsShownInTheDialog() {
        presenter.joinRoomAsked();
        RoomPicker picker = presenter.roomPicker();
        event(new RoomList(List.of(), false));
        picker.filterField().setText("secret");
        assertEquals("Create #secret", picker.joinButton().getText());
        picker.joinButton().doClick();
        runNetwork();

        verify(service).join("#secret");
        event(new ErrorReply(ErrorCode.INVITE_ONLY, "#secret is invite-only.", "join"));
        assertEquals("#secret is invite-only.", picker.message());
        assertTrue(picker.isOpen());
        assertFalse(text("#lobby").contains("invite-only"), text("#lobby"));
        picker.filterField().setText("#OPS");
        picker.joinButton().doClick();
        assertEquals("#ops", view.conversations.selected().name(), "a room the user is in is shown, not joined");
        assertFalse(picker.isOpen());
    }

    @Test
    void ctrlAndADigitShowTheConversationOfThatPlaceInTheList() {
        press(KeyEvent.VK_2);
        assertEquals("#ops", view.conversations.selected().name());
        press(KeyEvent.VK_9);
        assertEquals("#ops", view.conversations.selected().name(), "no ninth conversation: nothing changes");
        press(KeyEvent.VK_1);
        assertEquals("#lobby", view.conversations.selected().name());
    }

    @Test
    void theListsMenuLeavesARoomAndClosesAPrivateConversation() {
        JPopupMenu menu = presenter.conversationMenu(view.conversations.findRoom("#ops").orElseThrow());
        ((JMenuItem) menu.getComponent(0)).doClick();
        runNetwork();
        verify(service).part("#ops", null);

        event(new PrivateMessage(T0915, "bob", "alice", "psst"));
        JPopupMenu privateMenu = presenter.conversationMenu(view.conversations.privateItem("bob"));
        assertEquals("Close conversation with bob", ((JMenuItem) privateMenu.getComponent(0)).getText());
        ((JMenuItem) privateMenu.getComponent(0)).doClick();
        assertFalse(view.conversations.hasPrivate("bob"));
    }

    private static void click(JPopupMenu menu, String item) {
        RoomMenus.named(menu, item).orElseThrow(() -> new AssertionError("no " + item + " in the menu")).doClick();
    }

    private People.Person person(String name) {
        int index = view.people.names().indexOf(name);
        return view.peopleList.getModel().getElementAt(index);
    }

    /** #ops shown, alice its owner, bob an operator, carol a member online and dave one offline. */
    private void opsWithRoles() {
        show("#ops");
        event(new Members(List.of(new Member("alice", 1, null, true, "owner"),
                new Member("bob", 1, null, true, "operator"), new Member("carol", 1, null, true, "member"),
                new Member("dave", 1, null, false, "member")), "#ops"));
    }

    @Test
    void thePeopleListShowsRolesAndWhoIsOffline() {
        opsWithRoles();

        assertEquals(List.of("alice", "bob", "carol", "dave"), view.people.names());
        assertEquals("Online (3 of 4)", view.peopleTitle.getText());
        assertEquals(new People.Person("bob", "operator", true), person("bob"));
        assertEquals(new People.Person("dave", "member", false), person("dave"));
        event(new Presence("#ops", T0915, "carol", Presence.OFFLINE, "logged out", 2));
        assertEquals(List.of("alice", "bob", "carol", "dave"), view.people.names());
        assertEquals(new People.Person("carol", "member", false), person("carol"));
    }

    @Test
    void anOwnerKicksAndBansAfterConfirmingAndGivesAndTakesOperator() {
        opsWithRoles();

        shell.confirmAnswer = false;
        click(presenter.personMenu(person("carol")), "kick");
        runNetwork();
        verify(service, never()).kick(anyString(), anyString(), any());
        shell.confirmAnswer = true;
        click(presenter.personMenu(person("carol")), "kick");
        click(presenter.personMenu(person("dave")), "ban");
        click(presenter.personMenu(person("carol")), "op");
        click(presenter.personMenu(person("bob")), "deop");
        runNetwork();

        verify(service).kick("#ops", "carol", null);
        verify(service).ban("#ops", "dave", true);
        verify(service).setRole("#ops", "carol", "operator");
        verify(service).setRole("#ops", "bob", "member");
        assertEquals("Put carol out of #ops? They can come back unless banned.", shell.questions.get(0));
        assertTrue(RoomMenus.named(presenter.personMenu(person("dave")), "kick").isEmpty(), "dave is not there");
        assertEquals(0, presenter.personMenu(person("alice")).getComponentCount(), "nothing to do to yourself");
    }

    @Test
    void aPlainMemberCanOnlyWritePrivatelyAndLeave() {
        show("#ops");
        event(new Members(List.of(new Member("alice", 1, null, true, "member"),
                new Member("bob", 1, null, true, "owner")), "#ops"));

        JPopupMenu bob = presenter.personMenu(person("bob"));
        assertEquals(1, bob.getComponentCount());
        click(bob, "writePrivately");
        assertEquals("To bob (private):", view.composeTarget.getText());
        JPopupMenu room = presenter.conversationMenu(view.conversations.findRoom("#ops").orElseThrow());
        assertEquals(1, room.getComponentCount());
        assertTrue(RoomMenus.named(room, "leaveRoom").isPresent());
    }

    @Test
    void theRoomsMenuInvitesChangesSettingsListsBansAndDeletesForItsOwner() {
        opsWithRoles();
        JPopupMenu menu = presenter.conversationMenu(view.conversations.findRoom("#ops").orElseThrow());

        shell.answer = " erin ";
        click(menu, "inviteToRoom");
        click(menu, "inviteOnly");
        click(menu, "topicLock");
        click(menu, "listBans");
        click(menu, "deleteRoom");
        runNetwork();

        verify(service).invite("#ops", "erin");
        verify(service).setInviteOnly("#ops", true);
        verify(service).lockTopic("#ops", false);
        verify(service).listBans("#ops");
        verify(service).deleteRoom("#ops", "#ops");
        assertTrue(shell.questions.contains("Delete #ops with its whole history, for everyone in it? This cannot be"
                + " undone."), shell.questions.toString());
        event(new BanList("#ops", List.of("mallory"), false));
        assertTrue(text("#ops").endsWith("Banned from #ops: mallory\n"), text("#ops"));
        event(new RoomDeleted("#ops", T0915, "alice"));
        assertEquals(List.of("#lobby"), view.conversations.items().stream().map(item -> item.name()).toList());
        assertTrue(text("#lobby").endsWith("  alice deleted #ops\n"), text("#lobby"));
    }

    @Test
    void aPrivateConversationOpenedShowsItsHistoryAndWhatWaitedIsMarked() {
        event(new PrivateMessage(T0915, "carol", "alice", "call me", null, 3L, true, null, null));
        assertTrue(view.conversations.privateWith("carol").text().endsWith("09:15  carol: call me  (while you were"
                + " away)\n"), view.conversations.privateWith("carol").text());

        presenter.writePrivately("bob");
        runNetwork();
        verify(service).privateHistory("bob", 0, ChatPresenter.HISTORY_PAGE);
        event(new PrivateMessage(T0915, "bob", "alice", "yesterday's plan", null, 1L, null, true, null));
        event(new HistoryEnd(1, false, null, "bob"));
        assertTrue(view.conversations.privateWith("bob").text().contains("09:15  bob: yesterday's plan\n"),
                view.conversations.privateWith("bob").text());
        view.compose.setText("still on?");
        view.send.doClick();
        runNetwork();
        verify(service).tell("bob", "still on?");
        event(new PrivateMessage(T0915, "alice", "bob", "still on?", null, 2L, null, null, true));
        assertTrue(view.conversations.privateWith("bob").text().endsWith("09:15  alice: still on?  (bob is offline;"
                + " they will get it when they return)\n"), view.conversations.privateWith("bob").text());
    }

    @Test
    void aFileIsSentToTheRoomShown() throws Exception {
        show("#ops");
        shell.chosenFile = Path.of("plan.pdf");
        view.sendFile.doClick();
        runNetwork();

        verify(service).sendFileToRoom(Path.of("plan.pdf"), "#ops");
        verify(service, never()).sendFile(any(), any());
    }
}
