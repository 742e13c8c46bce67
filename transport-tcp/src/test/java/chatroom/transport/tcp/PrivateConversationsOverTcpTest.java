package chatroom.transport.tcp;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.PrivateMessage;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Private conversations through the real TCP transport and client on each store: the bound on what waits for an
 * offline account, a conversation read only from its own two sides, and the history kept across a restart.
 */
class PrivateConversationsOverTcpTest {
    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private ServerConfig config(String store) {
        return RunningServer.onStore(RunningServer.config(data).toBuilder()
                .privates(new ServerConfig.Privates(2, Duration.ofDays(30))).build(), store);
    }

    private ChatService client(RunningServer server, RecordingListener listener, String name) throws Exception {
        ChatService service = server.client(listener, Map.of(ConnectOptions.ROOMS, List.of("true")));
        toClose.add(service);
        service.login(name, ("pw-" + name).toCharArray());
        return service;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theQueueIsBoundedOnlyTheTwoReadTheirConversationAndItOutlivesARestart(String store) throws Exception {
        ServerConfig config = config(store);
        RunningServer server = RunningServer.start(config);
        toClose.add(server);
        client(server, new RecordingListener("bob"), "bob").logout();
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = client(server, alice, "alice");
        aliceService.tell("bob", "one");
        aliceService.tell("bob", "two");
        aliceService.tell("bob", "three");

        ErrorReply full = alice.await(ErrorReply.class);
        assertEquals(List.of(ErrorCode.QUEUE_FULL.wireName(), "bob has 2 messages waiting already; write again once"
                + " they have read them."), List.of(full.code(), full.message()));
        RecordingListener carol = new RecordingListener("carol");
        ChatService carolService = client(server, carol, "carol");
        carolService.privateHistory("bob", 0, 10);
        assertEquals(new HistoryEnd(0, false, null, "bob"), carol.await(HistoryEnd.class, e -> e.with() != null),
                "carol names bob and finds only her own conversation with him: none");
        server.close();

        RunningServer again = RunningServer.start(config);
        toClose.add(again);
        RecordingListener bob = new RecordingListener("bob again");
        ChatService bobService = client(again, bob, "bob");
        assertEquals(List.of("one", "two"), List.of(bob.await(PrivateMessage.class).text(),
                bob.await(PrivateMessage.class).text()));
        bobService.privateHistory("alice", 0, 10);
        HistoryEnd end = bob.await(HistoryEnd.class, e -> "alice".equals(e.with()));
        assertEquals(2, end.count());
        assertEquals(2L, bob.everything().stream().filter(e -> e instanceof PrivateMessage m && m.isHistory())
                .count());
    }
}
