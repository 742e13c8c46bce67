package chatroom.transport.tcp;

import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.Renamed;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.LoginException;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server on a loopback port and real TCP clients: the chat room as users meet it. */
class TcpEndToEndTest {
    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private ChatServer startServer() throws Exception {
        return startServer(ServerConfig.defaults(data).withHashIterations(1_000));
    }

    private ChatServer startServer(ServerConfig config) throws Exception {
        ServerTransport transport = new TcpServerTransportProvider().create(
                new ListenOptions("127.0.0.1", 0, Protocol.DEFAULT_MAX_LINE_BYTES, config.outboxBytes()));
        ChatServer server = new ChatServer(config, List.of(transport),
                new PrintStream(serverLog, true, StandardCharsets.UTF_8));
        server.start();
        toClose.add(server);
        return server;
    }

    private ChatService client(ChatServer server, RecordingListener listener) {
        String address = server.addresses().getFirst();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        ChatService service = new TcpChatServiceProvider().create(new ConnectOptions("127.0.0.1", port), listener);
        toClose.add(service);
        return service;
    }

    private static void assertLoggedIn(String name, int online, LoggedIn loggedIn) {
        assertEquals(name, loggedIn.name());
        assertEquals(online, loggedIn.online());
        assertTrue(loggedIn.resume().matches("[A-Za-z0-9_-]{22}"), "a resume token: " + loggedIn.resume());
    }

    @Test
    void threeClientsChatAndTheHistoryOutlivesARestart() throws Exception {
        ChatServer server = startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        RecordingListener carol = new RecordingListener("carol");
        ChatService aliceService = client(server, alice);
        ChatService bobService = client(server, bob);
        ChatService carolService = client(server, carol);

        assertLoggedIn("alice", 1, aliceService.login("alice", "a-secret".toCharArray()));
        assertLoggedIn("bob", 2, bobService.login("bob", "b-secret".toCharArray()));
        alice.await(Joined.class, j -> j.name().equals("bob") && j.online() == 2);

        // A wrong password is refused with a clear reason, and the same connection may try again.
        LoginException refused = assertThrows(LoginException.class,
                () -> carolService.login("bob", "guess".toCharArray()));
        assertEquals(ErrorCode.WRONG_PASSWORD, refused.code());
        assertEquals("Wrong password for 'bob'.", refused.getMessage());
        assertLoggedIn("carol", 3, carolService.login("carol", "c-secret".toCharArray()));
        bob.await(Joined.class, j -> j.name().equals("carol") && j.online() == 3);

        aliceService.say("hello, 你好");
        for (RecordingListener everyone : List.of(alice, bob, carol)) {
            ChatMessage hello = everyone.await(ChatMessage.class);
            assertEquals("alice", hello.from());
            assertEquals("hello, 你好", hello.text());
            assertFalse(hello.history());
        }

        bobService.tell("carol", "psst");
        PrivateMessage toCarol = carol.await(PrivateMessage.class);
        assertEquals(List.of("bob", "carol", "psst"), List.of(toCarol.from(), toCarol.to(), toCarol.text()));
        assertEquals("psst", bob.await(PrivateMessage.class).text());

        carolService.rename("caroline");
        for (RecordingListener everyone : List.of(alice, bob, carol)) {
            assertEquals("caroline", everyone.await(Renamed.class, r -> r.from().equals("carol")).to());
        }

        aliceService.who();
        assertEquals(List.of("alice", "bob", "caroline"),
                alice.await(Members.class).users().stream().map(Member::name).toList());
        assertTrue(alice.drain().stream().noneMatch(PrivateMessage.class::isInstance),
                "a private message reached someone else");

        aliceService.tell("dave", "anyone?");
        assertEquals(ErrorCode.NOT_ONLINE, alice.await(ErrorReply.class).errorCode());

        bobService.logout();
        bob.await(RecordingListener.Disconnected.class, d -> !d.error());
        server.close();
        // A restart: the clients try to come back by themselves (this server does not, on that port).
        assertEquals("The server is shutting down.", alice.await(RecordingListener.Reconnecting.class).reason());

        ChatServer restarted = startServer();
        RecordingListener dave = new RecordingListener("dave");
        client(restarted, dave).login("dave", "d-secret".toCharArray());
        ChatMessage replayed = dave.await(ChatMessage.class);
        assertEquals("hello, 你好", replayed.text());
        assertTrue(replayed.history());
        assertEquals(1, dave.await(HistoryEnd.class).count());
    }

    @Test
    void aSecondLoginIsAnotherDeviceThatHearsTheRoomToo() throws Exception {
        ChatServer server = startServer();
        RecordingListener laptop = new RecordingListener("laptop");
        RecordingListener phone = new RecordingListener("phone");
        RecordingListener frank = new RecordingListener("frank");
        client(server, laptop).login("erin", "pw".toCharArray());
        assertLoggedIn("erin", 1, client(server, phone).login("erin", "pw".toCharArray()));
        ChatService frankClient = client(server, frank);
        frankClient.login("frank", "pw".toCharArray());
        frankClient.say("hi erin");

        assertEquals("hi erin", laptop.await(ChatMessage.class, m -> !m.history()).text());
        assertEquals("hi erin", phone.await(ChatMessage.class, m -> !m.history()).text());
        assertTrue(laptop.everything().stream().noneMatch(Bye.class::isInstance));
    }

    @Test
    void aLoginBeyondTheSessionLimitEndsTheOldestSession() throws Exception {
        ChatServer server = startServer(ServerConfig.defaults(data).withHashIterations(1_000).toBuilder()
                .maxSessions(1).build());
        RecordingListener first = new RecordingListener("first");
        RecordingListener second = new RecordingListener("second");
        client(server, first).login("erin", "pw".toCharArray());
        client(server, second).login("erin", "pw".toCharArray());
        assertEquals(Bye.REPLACED, first.await(Bye.class).code());
        RecordingListener.Disconnected ended = first.await(RecordingListener.Disconnected.class);
        assertTrue(ended.error());
        assertEquals("Your account is now logged in from more than one place at once; this session, the oldest,"
                + " ended.", ended.reason());
    }

    @Test
    void aLostServerIsReportedAsAnErrorWhenReconnectingIsOff() throws Exception {
        ChatServer server = startServer();
        RecordingListener frank = new RecordingListener("frank");
        String address = server.addresses().getFirst();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        ChatService service = new TcpChatServiceProvider().create(new ConnectOptions("127.0.0.1", port,
                Map.of("reconnect", List.of("off"))), frank);
        toClose.add(service);
        service.login("frank", "pw".toCharArray());
        server.close();
        RecordingListener.Disconnected ended = frank.await(RecordingListener.Disconnected.class);
        assertTrue(ended.error());
        assertEquals("The server is shutting down.", ended.reason());
    }
}
