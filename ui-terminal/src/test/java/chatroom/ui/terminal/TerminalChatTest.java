package chatroom.ui.terminal;

import chatroom.api.file.Downloads;
import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalMatchers.aryEq;
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

class TerminalChatTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final long TS = Instant.parse("2024-05-01T09:08:07Z").toEpochMilli();
    private static final char[] PASSWORD = "hunter2".toCharArray();
    private static final String FILES_LINE = "Files you receive are saved in " + Downloads.defaultFolder() + ".\n";

    private final ChatService service = mock(ChatService.class, "service");
    private final ChatServiceProvider transport = mock(ChatServiceProvider.class, "transport");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CountDownLatch loggedIn = new CountDownLatch(1);
    // Each login's password as it was when login was called; the client wipes typed passwords afterwards.
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private volatile ChatListener listener;

    @BeforeEach
    void transportHandsOutTheMockedService() throws Exception {
        when(transport.usesPasswords()).thenReturn(true);
        when(transport.create(any(), any())).thenAnswer(call -> {
            listener = call.getArgument(1);
            return service;
        });
        // Like a real transport, every login's replay ends with a history end (here an empty one).
        answerLoginWith(new HistoryEnd(0, false));
        // Like a real transport: logout waits for the goodbye, and the disconnect is the last call.
        doAnswer(call -> {
            listener.onMessage(new Bye(Bye.LOGOUT, "Logged out."));
            listener.onDisconnected("Logged out.", false);
            return null;
        }).when(service).logout();
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private int run(InputStream in, String user, char[] password, Tty tty) {
        ChatUiContext context = new ChatUiContext(transport, new ConnectOptions("chat.example", 7000), user, password,
                Path.of("data"), in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        PlainScreen screen = new PlainScreen(in, context.out(), context.err(), tty);
        return new TerminalChat(context, screen, CLOCK).run();
    }

    /** A pipe's screen that keeps the prompts it was asked to show, as a terminal would show them. */
    private static final class PromptsKept implements Screen {
        private final PlainScreen plain;
        final List<String> prompts = new CopyOnWriteArrayList<>();

        PromptsKept(PlainScreen plain) {
            this.plain = plain;
        }

        @Override
        public Style style() {
            return plain.style();
        }

        @Override
        public boolean canAskSecret() {
            return plain.canAskSecret();
        }

        @Override
        public void start(Inbox inbox) throws IOException {
            plain.start(inbox);
        }

        @Override
        public void show(String line) {
            plain.show(line);
        }

        @Override
        public void problem(String line) {
            plain.problem(line);
        }

        @Override
        public void ask(String question, boolean secret) {
            plain.ask(question, secret);
        }

        @Override
        public void prompt(String prompt) {
            prompts.add(prompt);
        }

        @Override
        public void status(String line) {
            plain.status(line);
        }

        @Override
        public boolean updatesInPlace() {
            return plain.updatesInPlace();
        }

        @Override
        public void close() {
            plain.close();
        }
    }

    @Test
    void thePromptNamesTheRoomSwitchedToEvenWithNothingUnreadThere() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false, "#lobby"));
            listener.onMessage(new HistoryEnd(0, false, "#ops"));
            input.type("/switch #ops\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true),
                    new RoomInfo("#ops", null, 2, 2, true)));
        }).when(service).login(anyString(), any());
        ChatUiContext context = new ChatUiContext(transport, new ConnectOptions("chat.example", 7000), "alice",
                PASSWORD, Path.of("data"), input, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        PromptsKept screen = new PromptsKept(new PlainScreen(input, context.out(), context.err(), null));

        assertEquals(0, new TerminalChat(context, screen, CLOCK).run());

        assertTrue(screen.prompts.getLast().startsWith("[alice · #ops · "), screen.prompts.toString());
    }

    private int run(String stdin) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), "alice", PASSWORD, null);
    }

    private Future<Integer> runInBackground(InputStream in) {
        return background.submit(() -> run(in, "alice", PASSWORD, null));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void answerLoginWith(ServerMessage... events) throws Exception {
        doAnswer(call -> {
            attempts.add(call.getArgument(0) + "/" + new String((char[]) call.getArgument(1)));
            for (ServerMessage event : events) {
                listener.onMessage(event);
            }
            loggedIn.countDown();
            return new LoggedIn("alice", 2);
        }).when(service).login(anyString(), any());
    }

    @Test
    void pipedLinesBecomeRequestsAndTheEndOfInputLogsOut() throws Exception {
        int exit = run("hello\n\n   \n/who\n/msg bob hi there\n/nick robert\n/history 5\n/history\n//slash\n你好\r\n");

        assertEquals(0, exit);
        InOrder order = inOrder(transport, service);
        order.verify(transport).create(eq(new ConnectOptions("chat.example", 7000,
                Map.of(ConnectOptions.ROOMS, List.of("true")))), any());
        order.verify(service).login(eq("alice"), aryEq(PASSWORD));
        order.verify(service).say("hello");
        order.verify(service).who();
        order.verify(service).tell("bob", "hi there");
        order.verify(service).rename("robert");
        order.verify(service).say("/slash");
        order.verify(service).say("你好");
        order.verify(service).logout();
        // Pages typed before the login's replay ended are asked once it has: in their order, maybe after later lines.
        InOrder pages = inOrder(service);
        pages.verify(service).history(0, 5);
        pages.verify(service).history(0, 20);
        verify(service, times(3)).say(anyString());
        assertEquals("Logged in as alice (2 online). Type /help for commands.\n" + FILES_LINE, out());
        assertEquals("", err());
        assertEquals("hunter2", new String(PASSWORD), "the password given up front belongs to the caller");
    }

    @Test
    void aTransportWithoutPasswordsIsNeverAskedForOne() throws Exception {
        when(transport.usesPasswords()).thenReturn(false);
        int exit = run(new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)), "alice", null, null);

        assertEquals(0, exit, err());
        assertEquals(List.of("alice/"), attempts);
        verify(service).say("hi");
        assertFalse(err().contains("password"), err());
    }

    @Test
    void quitLogsOutAndIgnoresTheRest() throws Exception {
        int exit = run("/quit\nnot sent\n");

        assertEquals(0, exit);
        verify(service).logout();
        verify(service, never()).say(anyString());
    }

    @Test
    void mistakesAndHelpAreAnsweredLocally() {
        run("/msg bob\n/nick\n/dance\n/help\n");

        List<String> lines = out().lines().toList();
        assertEquals("Usage: /msg NAME TEXT", lines.get(2));
        assertEquals("Usage: /nick NAME", lines.get(3));
        assertEquals("Unknown command /dance; type /help for the list.", lines.get(4));
        assertEquals("Commands:", lines.get(5));
        assertEquals(FILES_LINE.strip(), lines.getLast());
        assertEquals(Commands.HELP.size() + 6, lines.size());
        verify(service, never()).tell(anyString(), anyString());
        verify(service, never()).rename(anyString());
    }

    @Test
    void overlongLinesAreRefusedNotCut() {
        run("x".repeat(PlainScreen.MAX_LINE + 1) + "\nshort\n");

        verify(service).say("short");
        verify(service, times(1)).say(anyString());
        assertTrue(out().contains("error: line longer than 16384 characters; not sent\n"), out());
    }

    @Test
    void historyAsksForEntriesOlderThanTheOldestShown() throws Exception {
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new ChatMessage(41, TS, "bob", "older", true));
            listener.onMessage(new ChatMessage(40, TS, "bob", "oldest", true));
            listener.onMessage(new HistoryEnd(2, true));
            // Typed only now, so that it is queued after the history.
            input.type("/history 10\n");
            input.end();
            return new LoggedIn("alice", 2);
        }).when(service).login(anyString(), any());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        verify(service).history(40, 10);
    }

    @Test
    void whoShowsTheMembersButTheListAskedForAtLoginIsNotShown() throws Exception {
        doAnswer(call -> {
            listener.onMessage(new Members(List.of(new Member("bob", 1), new Member("alice", 2))));
            return null;
        }).when(service).who();

        assertEquals(0, run("/who\n"));

        verify(service, times(2)).who();
        assertEquals(1, out().split("Online \\(2\\): alice, bob", -1).length - 1, out());
    }

    @Test
    void withRoomsLinesGoToTheCurrentRoomAndOtherRoomsAreNamed() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false, "#lobby"));
            listener.onMessage(new HistoryEnd(0, false, "#ops"));
            listener.onMessage(new ChatMessage(7, TS, "bob", "deploying", false, null, "#ops"));
            // Typed only now, so that it is queued after what the server sent.
            input.type("hi\n/switch #ops\nthere\n/send plan.pdf\n/join #new\nfirst!\n/part\n/rooms\n/2\n/9\n"
                    + "/join nohash\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true),
                    new RoomInfo("#ops", "Deploys", 2, 2, true)));
        }).when(service).login(anyString(), any());
        doAnswer(call -> {
            listener.onMessage(new Joined(TS, "alice", 1, null, call.getArgument(0)));
            return null;
        }).when(service).join(anyString());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        InOrder order = inOrder(service);
        order.verify(service).sayIn("#lobby", "hi");
        order.verify(service).sayIn("#ops", "there");
        order.verify(service).sendFileToRoom(Path.of("plan.pdf"), "#ops");
        order.verify(service).join("#new");
        order.verify(service).sayIn("#new", "first!");
        // After the join's answer: the room joined is the current one.
        order.verify(service).part("#new", null);
        order.verify(service).listRooms(null, null);
        assertTrue(out().contains("[#ops] 09:08:07 <bob> deploying\n"), out());
        assertTrue(out().contains("Now writing in #ops: Deploys\n"), out());
        assertTrue(out().contains("There is no room 9; you are in 3.\n"), out());
        assertTrue(out().contains("A room name is '#' and then 1 to 63 letters"), out());
    }

    @Test
    void commandsTypedBeforeAJoinIsAnsweredActOnTheRoomJoinedOrHereIfRefused() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false, "#lobby"));
            input.type("/join #ops\n/topic Deploys\nhello\n/op bob\n/join #closed\n/kick carol\n/quit\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true)));
        }).when(service).login(anyString(), any());
        // The answers come later, from the network's thread, as a server's would.
        doAnswer(call -> {
            String room = call.getArgument(0);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                listener.onMessage(room.equals("#ops") ? new Joined(TS, "alice", 1, null, "#ops")
                        : new ErrorReply(ErrorCode.INVITE_ONLY, "#closed is invite-only.", "join"));
            });
            return null;
        }).when(service).join(anyString());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        InOrder order = inOrder(service);
        order.verify(service).join("#ops");
        order.verify(service).setTopic("#ops", "Deploys");
        order.verify(service).sayIn("#ops", "hello");
        order.verify(service).setRole("#ops", "bob", "operator");
        order.verify(service).join("#closed");
        order.verify(service).kick("#ops", "carol", null);
        order.verify(service).logout();
        assertTrue(out().contains("#closed is invite-only."), out());
    }

    @Test
    void unreadListsTheCountsTheServerKeptAndTheCurrentRoomIsReadWhenShown() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new ChatMessage(5, TS, "bob", "earlier", true, null, "#lobby"));
            listener.onMessage(new HistoryEnd(1, false, "#lobby"));
            listener.onMessage(new HistoryEnd(0, false, "#ops"));
            input.type("/unread\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true, null, 1L),
                    new RoomInfo("#ops", null, 2, 2, true, null, 3L)));
        }).when(service).login(anyString(), any());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        assertTrue(out().contains("Unread:\n  #ops: 3 unread\n"), out());
        assertFalse(out().contains("#lobby: 1 unread"), "the current room was shown, so read: " + out());
        verify(service).markRead("#lobby", null, 5);
    }

    @Test
    void queryWritesPrivatelyFromNowOnAndPagesTheConversation() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false, "#lobby"));
            input.type("/query bob\nare you back?\n/topic mine\n/history 5\n/switch #lobby\nhello all\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true)));
        }).when(service).login(anyString(), any());
        doAnswer(call -> {
            listener.onMessage(new PrivateMessage(TS, "bob", "alice", "earlier", null, 1L, null, true, null));
            listener.onMessage(new HistoryEnd(1, false, null, "bob"));
            return null;
        }).when(service).privateHistory(eq("bob"), anyLong(), anyInt());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        InOrder order = inOrder(service);
        order.verify(service).privateHistory("bob", 0, Commands.DEFAULT_HISTORY);
        order.verify(service).tell("bob", "are you back?");
        // Before the page after the one shown, or (its answer not yet read) the newest again.
        order.verify(service).privateHistory(eq("bob"), anyLong(), eq(5));
        order.verify(service).sayIn("#lobby", "hello all");
        verify(service, never()).setTopic(anyString(), anyString());
        assertTrue(out().contains("Now writing privately to bob; /history pages your conversation"), out());
        assertTrue(out().contains("[history] [private] <bob> earlier"), out());
        assertTrue(out().contains("That is about a room, and you are writing privately to bob: /switch #ROOM first."),
                out());
    }

    @Test
    void deletingARoomAsksFirstAndModerationActsOnTheCurrentRoom() throws Exception {
        when(service.hasRooms()).thenReturn(true);
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false, "#lobby"));
            listener.onMessage(new HistoryEnd(0, false, "#ops"));
            input.type("/switch #ops\n/op bob\n/kick carol spamming\n/ban dave\n/invite erin\n/topiclock off\n"
                    + "/inviteonly on\n/delete #ops\n/delete #nowhere yes\n/delete #ops yes\n");
            input.end();
            return new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true),
                    new RoomInfo("#ops", null, 2, 2, true)));
        }).when(service).login(anyString(), any());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        InOrder order = inOrder(service);
        order.verify(service).setRole("#ops", "bob", "operator");
        order.verify(service).kick("#ops", "carol", "spamming");
        order.verify(service).ban("#ops", "dave", true);
        order.verify(service).invite("#ops", "erin");
        order.verify(service).lockTopic("#ops", false);
        order.verify(service).setInviteOnly("#ops", true);
        order.verify(service).deleteRoom("#ops", "#ops");
        verify(service, times(1)).deleteRoom(anyString(), anyString());
        assertTrue(out().contains("This deletes #ops and all its history, for everyone in it. To go on: /delete #ops"
                + " yes\n"), out());
        assertTrue(out().contains("You are not in #nowhere.\n"), out());
    }

    @Test
    void eventsAreShownInOrderAfterTheLoginLine() throws Exception {
        answerLoginWith(
                new ChatMessage(40, TS, "bob", "earlier", true),
                new Announcement(41, TS, "maintenance at noon", true),
                new HistoryEnd(2, false),
                new ChatMessage(42, TS, "bob", "hello", false),
                new Announcement(43, TS, "back soon", false),
                new PrivateMessage(TS, "bob", "alice", "psst"),
                new PrivateMessage(TS, "alice", "bob", "hi bob"),
                new Joined(TS, "carol", 3),
                new Left(TS, "carol", 2, "connection lost"),
                new Renamed(TS, "bob", "robert", 2),
                // The answer to the who the client asks at login, to know the members: not shown.
                new Members(List.of(new Member("alice", 1), new Member("robert", 2))),
                new ErrorReply(ErrorCode.NOT_ONLINE, "carol is not online.", "tell"),
                new Pong());
        TypedInput input = new TypedInput();
        Future<Integer> exit = runInBackground(input);
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));
        listener.onDisconnected("Connection reset", true);

        assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        assertEquals("""
                Logged in as alice (2 online). Type /help for commands.
                """ + FILES_LINE + """
                09:08:07 [history] <bob> earlier
                09:08:07 [history] ! announcement: maintenance at noon
                --- end of history (2 messages) ---
                09:08:07 <bob> hello
                09:08:07 ! announcement: back soon
                09:08:07 [private] <bob> psst
                09:08:07 [private to bob] hi bob
                09:08:07 * carol joined (3 online)
                09:08:07 * carol left: connection lost (2 online)
                09:08:07 * bob is now robert (2 online)
                error: carol is not online.
                """, out());
        assertEquals("Connection lost: Connection reset\n", err());
    }

    @Test
    void aLostConnectionShowsReconnectingThenWhatWasMissedAndWhatWasNotSent() throws Exception {
        answerLoginWith(new HistoryEnd(0, false));
        TypedInput input = new TypedInput();
        Future<Integer> exit = runInBackground(input);
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));
        listener.onReconnecting("The server is shutting down.", 1);
        listener.onReconnecting("Connection refused", 2);
        listener.onReconnected();
        listener.onMessage(new LoggedIn("alice", 3, "token"));
        listener.onMessage(new ChatMessage(50, TS, "bob", "while you were away", true));
        listener.onMessage(new HistoryEnd(1, false));
        listener.onMessage(new ChatMessage(51, TS, "bob", "welcome back", false));
        listener.onReconnecting("Connection reset", 1);
        listener.onNotSent(new Say("lost words", "c1"), "Gave up reconnecting after 10 min: Connection refused");
        listener.onDisconnected("Gave up reconnecting after 10 min: Connection refused", true);

        assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        assertEquals("Logged in as alice (2 online). Type /help for commands.\n" + FILES_LINE + """
                * reconnecting… (attempt 1): The server is shutting down.
                * reconnecting… (attempt 2): Connection refused
                * reconnected
                09:08:07 [history] <bob> while you were away
                * 1 message missed while disconnected
                09:08:07 <bob> welcome back
                * reconnecting… (attempt 1): Connection reset
                * not sent: "lost words" (Gave up reconnecting after 10 min: Connection refused)
                """, out());
        assertEquals("Connection lost: Gave up reconnecting after 10 min: Connection refused\n", err());
    }

    @Test
    void quittingWhileReconnectingSaysWhatWasNotSent() throws Exception {
        answerLoginWith(new HistoryEnd(0, false));
        doAnswer(call -> {
            listener.onNotSent(new Say("typed while away", "c9"), "Disconnected.");
            listener.onDisconnected("Disconnected.", false);
            return null;
        }).when(service).logout();
        TypedInput input = new TypedInput();
        Future<Integer> exit = runInBackground(input);
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));
        listener.onReconnecting("Connection reset", 1);
        input.end();

        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(out().endsWith("""
                * reconnecting… (attempt 1): Connection reset
                * not sent: "typed while away" (Disconnected.)
                """), out());
    }

    @Test
    void noticesAboutTheConnectionAreShown() throws Exception {
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onNotice("This connection to chat.example:7000 is not encrypted.");
            // Ended only now, so that the end is queued after the notice.
            input.end();
            return new LoggedIn("alice", 1);
        }).when(service).login(anyString(), any());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        assertEquals("Logged in as alice (1 online). Type /help for commands.\n" + FILES_LINE
                + "* This connection to chat.example:7000 is not encrypted.\n", out());
    }

    @Test
    void aNoticeThatComesAfterTheEndOfInputIsStillShown() throws Exception {
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            input.end();
            return new LoggedIn("alice", 1);
        }).when(service).login(anyString(), any());
        doAnswer(call -> {
            listener.onNotice("Encrypted with TLSv1.3; the server's certificate is trusted from now on (first use).");
            listener.onDisconnected("Logged out.", false);
            return null;
        }).when(service).logout();

        assertEquals(0, run(input, "alice", PASSWORD, null));

        assertTrue(out().endsWith("* Encrypted with TLSv1.3; the server's certificate is trusted from now on"
                + " (first use).\n"), out());
    }

    @Test
    void anEmptyHistoryAfterLoginShowsNothingButAnEmptyAnswerDoes() throws Exception {
        TypedInput input = new TypedInput();
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false));
            input.type("/history\n");
            return new LoggedIn("alice", 2);
        }).when(service).login(anyString(), any());
        doAnswer(call -> {
            listener.onMessage(new HistoryEnd(0, false));
            input.end();
            return null;
        }).when(service).history(anyLong(), anyInt());

        assertEquals(0, run(input, "alice", PASSWORD, null));

        assertEquals("""
                Logged in as alice (2 online). Type /help for commands.
                """ + FILES_LINE + """
                --- end of history (0 messages) ---
                """, out());
    }

    @Test
    void renamingMyselfKeepsMyPrivateCopiesRecognised() throws Exception {
        answerLoginWith(
                new Renamed(TS, "alice", "alicia", 2),
                new PrivateMessage(TS, "alicia", "bob", "it is me"));

        run("");

        assertTrue(out().endsWith("09:08:07 [private to bob] it is me\n"), out());
    }

    @Test
    void controlCharactersFromOthersAreDefused() throws Exception {
        answerLoginWith(new ChatMessage(42, TS, "m\u001b[2Jallory", "\u001b]0;owned\u0007text\r", false));

        run("");

        assertTrue(out().endsWith("09:08:07 <m\uFFFD[2Jallory> \uFFFD]0;owned\uFFFDtext\uFFFD\n"), out());
        assertTrue(!out().contains("\u001b") && !out().contains("\u0007") && !out().contains("\r"), out());
    }

    @Test
    void refusedLoginWithAPasswordGivenUpFrontEndsWithOne() throws Exception {
        doThrow(new LoginException(ErrorCode.WRONG_PASSWORD, "Wrong password for alice."))
                .when(service).login(anyString(), any());

        int exit = run("hello\n");

        assertEquals(1, exit);
        assertEquals("Login refused: Wrong password for alice.\n", err());
        assertEquals("", out());
        verify(service, times(1)).login(anyString(), any());
        verify(service, never()).say(anyString());
        verify(service).close();
    }

    @Test
    void unreachableServerEndsWithOne() throws Exception {
        doThrow(new ConnectException("Connection refused")).when(service).login(anyString(), any());

        int exit = run("hello\n");

        assertEquals(1, exit);
        assertEquals("Cannot connect to chat.example:7000: Connection refused\n", err());
        verify(service).close();
    }

    @Test
    void withoutAPasswordOrATerminalToAskOnEndsWithTwo() {
        int exit = run(new ByteArrayInputStream(new byte[0]), "alice", null, null);

        assertEquals(2, exit);
        assertEquals("No terminal to ask for a password; pass it with --password-stdin.\n", err());
        verify(transport, never()).create(any(), any());
    }

    @Test
    void lostConnectionWhileStdinIsBlockedEndsWithOne() throws Exception {
        Future<Integer> exit = runInBackground(new TypedInput());
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));

        listener.onDisconnected("Connection reset by peer", true);

        assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        assertEquals("Connection lost: Connection reset by peer\n", err());
        verify(service, never()).logout();
        verify(service).close();
    }

    @Test
    void beingKickedShowsTheServersReasonOnceAndEndsWithOne() throws Exception {
        Future<Integer> exit = runInBackground(new TypedInput());
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));

        listener.onMessage(new Bye(Bye.KICKED, "Kicked by the operator."));
        listener.onDisconnected("The server closed the connection.", true);

        assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        assertEquals("Disconnected by the server: Kicked by the operator.\n", err());
    }

    @Test
    void theNameIsReadFromInputWhenNotGiven() throws Exception {
        int exit = run(new ByteArrayInputStream("  bob \nhi\n".getBytes(StandardCharsets.UTF_8)), null, PASSWORD,
                null);

        assertEquals(0, exit);
        assertEquals(List.of("bob/hunter2"), attempts);
        verify(service).say("hi");
        assertEquals("Name: ", err());
    }

    @Test
    void aWrongPasswordTypedOnATerminalIsAskedForAgain() throws Exception {
        doAnswer(call -> {
            String password = new String((char[]) call.getArgument(1));
            attempts.add(call.getArgument(0) + "/" + password);
            if (password.equals("wrong")) {
                throw new LoginException(ErrorCode.WRONG_PASSWORD, "Wrong password.");
            }
            return new LoggedIn("alice", 2);
        }).when(service).login(anyString(), any());
        FakeTty tty = new FakeTty();

        int exit = run(new ByteArrayInputStream("wrong\nright\n".getBytes(StandardCharsets.UTF_8)), "alice", null,
                tty);

        assertEquals(0, exit);
        assertEquals(List.of("alice/wrong", "alice/right"), attempts);
        assertTrue(err().contains("Login refused: Wrong password.\n"), err());
        assertEchoRestored(tty);
    }

    @Test
    void aRefusedNameIsAskedForAgain() throws Exception {
        doAnswer(call -> {
            String name = call.getArgument(0);
            attempts.add(name + "/" + new String((char[]) call.getArgument(1)));
            if (name.equals("alice")) {
                throw new LoginException(ErrorCode.NAME_TAKEN, "Someone else is alice.");
            }
            return new LoggedIn("bob", 2);
        }).when(service).login(anyString(), any());
        FakeTty tty = new FakeTty();

        int exit = run(new ByteArrayInputStream("pw1\nbob\npw2\n".getBytes(StandardCharsets.UTF_8)), "alice", null,
                tty);

        assertEquals(0, exit);
        assertEquals(List.of("alice/pw1", "bob/pw2"), attempts);
        assertTrue(err().contains("Login refused: Someone else is alice.\n"), err());
        assertEchoRestored(tty);
    }

    @Test
    void inputEndingAtALoginQuestionEndsWithOne() throws Exception {
        int exit = run(new ByteArrayInputStream(new byte[0]), null, PASSWORD, null);

        assertEquals(1, exit);
        verify(service, never()).login(anyString(), any());
    }

    private static void assertEchoRestored(FakeTty tty) {
        long hidden = tty.changes.stream().filter("-echo"::equals).count();
        long restored = tty.changes.stream().filter(FakeTty.SAVED::equals).count();
        assertTrue(hidden > 0, tty.changes.toString());
        assertEquals(hidden, restored, tty.changes.toString());
        assertEquals(FakeTty.SAVED, tty.changes.get(tty.changes.size() - 1));
    }

    @Test
    void sendOffersTheFileAndShowsWhyItWasNotSent() throws Exception {
        when(service.sendFile(any(), any())).thenReturn("s1");
        doThrow(new java.io.IOException("big.bin is 2.0 MiB; files of at most 1.0 MiB can be sent here."))
                .when(service).sendFile(eq(Path.of("big.bin")), any());

        run("/send report.pdf\n/send \"my file.txt\" bob\n/send big.bin\n/cancel\n");

        verify(service).sendFile(Path.of("report.pdf"), null);
        verify(service).sendFile(Path.of("my file.txt"), "bob");
        List<String> lines = out().lines().toList();
        assertEquals("Not sent: big.bin is 2.0 MiB; files of at most 1.0 MiB can be sent here.", lines.get(2));
        assertEquals("No file is on its way.", lines.get(3));
    }

    @Test
    void aFileOnItsWayIsShownFromStartToEndAndCancelledByItsNumber() throws Exception {
        TypedInput input = new TypedInput();
        Future<Integer> exit = runInBackground(input);
        assertTrue(loggedIn.await(10, TimeUnit.SECONDS));
        FileTransfer offered = new FileTransfer("r-f1", false, "a\u001b.bin", 2048, "bob", true, 0, 0,
                FileTransfer.State.RUNNING, Path.of("/dl/a_.bin"), null);
        listener.onTransfer(offered);
        listener.onMessage(new ChatMessage(42, TS, "bob", "meanwhile", false));
        input.type("/cancel 1\n");
        verify(service, timeout(10_000)).cancelTransfer("r-f1");
        listener.onTransfer(new FileTransfer("r-f1", false, "a\u001b.bin", 2048, "bob", true, 1024, 0,
                FileTransfer.State.CANCELLED, Path.of("/dl/a_.bin"), "You stopped receiving a_.bin."));
        listener.onMessage(new FileShared(43, TS, "carol", "b.txt", 5, false));
        input.type("/cancel 1\n");
        input.end();

        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertEquals("""
                Logged in as alice (2 online). Type /help for commands.
                """ + FILES_LINE + """
                [1] bob is sending everyone a\uFFFD.bin (2.0 KiB); saving it in /dl. /cancel 1 stops it.
                09:08:07 <bob> meanwhile
                [1] a\uFFFD.bin from bob: You stopped receiving a_.bin.
                09:08:07 * carol shared b.txt (5 B)
                No file [1] is on its way.
                """, out());
    }
}
