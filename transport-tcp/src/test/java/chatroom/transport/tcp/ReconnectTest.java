package chatroom.transport.tcp;

import java.nio.file.Files;
import chatroom.api.file.Downloads;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Pong;
import chatroom.api.message.Say;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that lose their connection come back by themselves and miss nothing, and nothing arrives twice. */
class ReconnectTest {
    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private RunningServer server(ServerConfig config, int port) throws Exception {
        return closing(RunningServer.start(config, port, null));
    }

    private ChatService client(RecordingListener listener, int port, Backoff backoff) {
        ConnectOptions options = new ConnectOptions("127.0.0.1", port);
        return closing(new TcpChatService(options, listener, null, backoff));
    }

    @Test
    void aCutNetworkIsBridgedWithEveryMissedMessageOnceAndInOrder() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        CuttableProxy network = closing(new CuttableProxy(server.port()));
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client(alice, server.port(), RunningServer.QUICK);
        ChatService bobService = client(bob, network.port(), RunningServer.QUICK);
        aliceService.login("alice", "pw".toCharArray());
        bobService.login("bob", "pw".toCharArray());
        aliceService.say("one");
        bob.await(ChatMessage.class, m -> m.text().equals("one"));

        network.cut();
        assertEquals(1, bob.await(RecordingListener.Reconnecting.class).attempt());
        bobService.say("said while cut off");
        aliceService.say("two");
        aliceService.say("three");
        alice.await(ChatMessage.class, m -> m.text().equals("three"));
        // At least one attempt failed against the cut: the missed messages cannot have come live.
        bob.await(RecordingListener.Reconnecting.class, r -> r.attempt() == 2);
        network.mend();

        bob.await(RecordingListener.Reconnected.class);
        assertEquals("bob", bob.await(LoggedIn.class).name());
        assertEquals(new HistoryEnd(2, false), bob.await(HistoryEnd.class));
        assertEquals("said while cut off", alice.await(ChatMessage.class, m -> m.from().equals("bob")).text());
        aliceService.say("four");
        bob.await(ChatMessage.class, m -> m.text().equals("four"));
        alice.await(ChatMessage.class, m -> m.text().equals("four"));
        assertEquals(List.of("one", "two (history)", "three (history)", "said while cut off", "four"), bob.chats());
        assertEquals(List.of("one", "two", "three", "said while cut off", "four"), alice.chats());
        assertEquals(List.of(), ((TcpChatService) bobService).unacknowledged());
    }

    @Test
    void aNetworkThatGoesSilentWithoutAResetIsNoticedAndLeft() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        CuttableProxy network = closing(new CuttableProxy(server.port()));
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client(alice, server.port(), RunningServer.QUICK);
        ChatService bobService = closing(new TcpChatService(new ConnectOptions("127.0.0.1", network.port()), bob,
                null, RunningServer.QUICK, Duration.ofMillis(200)));
        aliceService.login("alice", "pw".toCharArray());
        bobService.login("bob", "pw".toCharArray());

        network.blackHole();
        aliceService.say("into the silence");
        bobService.say("from the silence");

        assertEquals(new RecordingListener.Reconnecting("No answer from the server for 600 ms.", 1),
                bob.await(RecordingListener.Reconnecting.class));
        bob.await(RecordingListener.Reconnected.class);
        bob.await(ChatMessage.class, m -> m.text().equals("into the silence"));
        alice.await(ChatMessage.class, m -> m.text().equals("from the silence"));
        aliceService.say("and back");
        bob.await(ChatMessage.class, m -> m.text().equals("and back"));
        assertEquals(List.of("into the silence (history)", "from the silence", "and back"), bob.chats());
        assertFalse(bob.everything().stream().anyMatch(Pong.class::isInstance),
                "the heartbeat's answers are the transport's business");
    }

    @Test
    void aRestartedServerIsRejoinedAndWhatWasSaidMeanwhileIsSentAfterwards() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        int port = server.port();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client(alice, port, RunningServer.QUICK);
        ChatService bobService = client(bob, port, RunningServer.QUICK);
        aliceService.login("alice", "pw".toCharArray());
        bobService.login("bob", "pw".toCharArray());

        server.close();
        RecordingListener.Reconnecting first = bob.await(RecordingListener.Reconnecting.class);
        assertEquals(new RecordingListener.Reconnecting("The server is shutting down.", 1), first);
        bobService.say("during the restart");
        alice.await(RecordingListener.Reconnecting.class);
        server(RunningServer.config(data), port);

        alice.await(RecordingListener.Reconnected.class);
        bob.await(RecordingListener.Reconnected.class);
        ChatMessage delivered = alice.await(ChatMessage.class);
        assertEquals("during the restart", delivered.text());
        assertNull(delivered.cid(), "only the sender's copy carries the client id");
        ChatMessage echo = bob.await(ChatMessage.class);
        assertEquals(delivered.id(), echo.id());
        assertTrue(echo.cid() != null);
        aliceService.say("after");
        bob.await(ChatMessage.class, m -> m.text().equals("after"));
        alice.await(ChatMessage.class, m -> m.text().equals("after"));
        // Live, or replayed when bob came back first: once either way.
        assertEquals(List.of("during the restart", "after"),
                alice.chats().stream().map(text -> text.replace(" (history)", "")).toList());
        assertFalse(bob.everything().stream().anyMatch(Bye.class::isInstance),
                "a restart is told as reconnecting, not as a goodbye");
    }

    @Test
    void aMessageSentAgainWithTheSameClientIdIsDeliveredOnceEvenAcrossARestart() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        int port = server.port();
        RecordingListener carol = new RecordingListener("carol");
        client(carol, port, RunningServer.QUICK).login("carol", "pw".toCharArray());

        ChatMessage first;
        try (WireClient dave = closing(WireClient.greeted(port))) {
            dave.login(new Login("dave", "pw"));
            dave.send(new Say("hello", "cid-1"));
            first = dave.await(ChatMessage.class);
            assertEquals("cid-1", first.cid());
            dave.send(new Say("hello", "cid-1"));
            assertEquals(first, dave.await(ChatMessage.class), "acknowledged again, with the same id");
            dave.send(new Say("next", "cid-2"));
            dave.await(ChatMessage.class, m -> "cid-2".equals(m.cid()));
        }
        server.close();
        server(RunningServer.config(data), port);
        carol.await(RecordingListener.Reconnected.class);
        try (WireClient dave = closing(WireClient.greeted(port))) {
            dave.login(new Login("dave", "pw"));
            dave.send(new Say("hello", "cid-1"));
            ChatMessage again = dave.await(ChatMessage.class, m -> "cid-1".equals(m.cid()));
            assertEquals(List.of(first.id(), first.ts(), "dave"), List.of(again.id(), again.ts(), again.from()));
            dave.send(new Say("later", "cid-3"));
            dave.await(ChatMessage.class, m -> "cid-3".equals(m.cid()));
        }
        carol.await(ChatMessage.class, m -> m.text().equals("later"));
        assertEquals(List.of("hello", "next", "later"), carol.chats());
    }

    @Test
    void aResumeReplaysTheNewestMissedWhenMoreWereMissedThanItKeeps() throws Exception {
        RunningServer server = server(RunningServer.config(data).withResume(Duration.ofMinutes(10), 3), 0);
        String token;
        try (WireClient erin = WireClient.greeted(server.port())) {
            token = erin.login(new Login("erin", "pw")).resume();
            erin.await(HistoryEnd.class);
        }
        try (WireClient frank = WireClient.greeted(server.port())) {
            frank.login(new Login("frank", "pw"));
            for (int i = 1; i <= 5; i++) {
                frank.send(new Say("m" + i, "f" + i));
                String cid = "f" + i;
                frank.await(ChatMessage.class, m -> cid.equals(m.cid()));
            }
        }

        try (WireClient erin = WireClient.greeted(server.port())) {
            LoggedIn resumed = erin.login(Login.resuming("erin", token, 0));
            assertEquals("erin", resumed.name());
            assertNotEquals(token, resumed.resume(), "a token is used once; the new session has a new one");
            List<String> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ChatMessage missed = erin.await(ChatMessage.class);
                assertTrue(missed.history());
                replayed.add(missed.text());
            }
            assertEquals(List.of("m3", "m4", "m5"), replayed);
            assertEquals(new HistoryEnd(3, true), erin.await(HistoryEnd.class));

            try (WireClient thief = WireClient.greeted(server.port())) {
                thief.send(Login.resuming("frank", resumed.resume(), 0));
                ErrorReply refused = thief.await(ErrorReply.class);
                assertEquals(ErrorCode.RESUME_REFUSED, refused.errorCode());
                assertEquals("This session can no longer be resumed; log in with your password.", refused.message());
            }
        }
        try (WireClient again = WireClient.greeted(server.port())) {
            again.send(Login.resuming("erin", token, 0));
            assertEquals(ErrorCode.RESUME_REFUSED, again.await(ErrorReply.class).errorCode());
        }
    }

    @Test
    void aResumeReplaysSharedFilesInTheirPlaceAmongTheMessages() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        String token;
        try (WireClient erin = WireClient.greeted(server.port())) {
            token = erin.login(new Login("erin", "pw")).resume();
            erin.await(HistoryEnd.class);
        }
        ConnectOptions withDownloads = new ConnectOptions("127.0.0.1", server.port(),
                Map.of(Downloads.SETTING, List.of(data.resolve("downloads").toString())));
        RecordingListener frank = new RecordingListener("frank");
        ChatService frankService = closing(new TcpChatService(withDownloads, frank, null, null));
        frankService.login("frank", "pw".toCharArray());
        ChatService ginaService = closing(new TcpChatService(withDownloads, new RecordingListener("gina"), null, null));
        ginaService.login("gina", "pw".toCharArray());
        frankService.say("before");
        frank.await(ChatMessage.class, m -> m.text().equals("before"));
        frankService.sendFile(Files.writeString(data.resolve("notes.txt"), "the notes"), null);
        frank.await(FileShared.class);
        frankService.say("after");
        frank.await(ChatMessage.class, m -> m.text().equals("after"));

        try (WireClient erin = WireClient.greeted(server.port())) {
            erin.login(Login.resuming("erin", token, 0));
            List<String> replayed = new ArrayList<>();
            ServerMessage next = erin.next();
            while (!(next instanceof HistoryEnd)) {
                switch (next) {
                    case ChatMessage m -> replayed.add(m.text());
                    case FileShared f -> replayed.add("file " + f.name());
                    default -> { }
                }
                next = erin.next();
            }
            assertEquals(List.of("before", "file notes.txt", "after"), replayed);
            assertEquals(new HistoryEnd(3, false), next);
        }
    }

    @Test
    void aKickedClientDoesNotComeBack() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        RecordingListener alice = new RecordingListener("alice");
        client(alice, server.port(), RunningServer.QUICK).login("alice", "pw".toCharArray());

        assertTrue(server.server().control().kick("alice", "spam"));

        RecordingListener.Disconnected ended = alice.await(RecordingListener.Disconnected.class);
        assertEquals(new RecordingListener.Disconnected("You were kicked by the operator: spam", true), ended);
        assertFalse(alice.everything().stream().anyMatch(RecordingListener.Reconnecting.class::isInstance));
    }

    @Test
    void givingUpSaysWhichMessagesWereNotSent() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        RecordingListener bob = new RecordingListener("bob");
        Backoff impatient = new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), 0.2, Duration.ofSeconds(1));
        ChatService bobService = client(bob, server.port(), impatient);
        bobService.login("bob", "pw".toCharArray());

        server.close();
        bob.await(RecordingListener.Reconnecting.class);
        bobService.say("into the void");

        RecordingListener.NotSent notSent = bob.await(RecordingListener.NotSent.class);
        assertEquals(new Say("into the void", ((Say) notSent.request()).cid()), notSent.request());
        assertTrue(notSent.reason().startsWith("The connection ended before the server took it: Gave up reconnecting"
                + " after 1 s: "), notSent.reason());
        RecordingListener.Disconnected ended = bob.await(RecordingListener.Disconnected.class);
        assertTrue(ended.error());
        assertTrue(ended.reason().startsWith("Gave up reconnecting after 1 s: "), ended.reason());
    }

    @Test
    void aSessionThatExpiredMeanwhileEndsWithTheReason() throws Exception {
        ServerConfig config = RunningServer.config(data).withResume(Duration.ofMillis(1), 100);
        RunningServer server = server(config, 0);
        int port = server.port();
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = client(alice, port, RunningServer.QUICK);
        aliceService.login("alice", "pw".toCharArray());

        server.close();
        alice.await(RecordingListener.Reconnecting.class);
        server(config, port);

        assertEquals(new RecordingListener.Disconnected("Could not log in again: This session can no longer be resumed;"
                + " log in with your password.", true), alice.await(RecordingListener.Disconnected.class));
    }

    @Test
    void reconnectingCanBeTurnedOff() throws Exception {
        RunningServer server = server(RunningServer.config(data), 0);
        RecordingListener frank = new RecordingListener("frank");
        ChatService service = closing(new TcpChatServiceProvider().create(new ConnectOptions("127.0.0.1",
                server.port(), Map.of("reconnect", List.of("off"))), frank));
        service.login("frank", "pw".toCharArray());

        server.close();

        assertEquals(new RecordingListener.Disconnected("The server is shutting down.", true),
                frank.await(RecordingListener.Disconnected.class));
    }
}
