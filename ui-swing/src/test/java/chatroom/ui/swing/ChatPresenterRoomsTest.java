package chatroom.ui.swing;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomInfo;
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
        new ChatPresenter(context, view, shell, network::add, Runnable::run);
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
        assertEquals(List.of("alice", "bob"), view.people.names());

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
        shell.topicAnswer = "  Deploys on Fridays ";
        view.editTopic.doClick();
        runNetwork();

        assertEquals(List.of("#ops: Deploys"), shell.topicQuestions);
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
