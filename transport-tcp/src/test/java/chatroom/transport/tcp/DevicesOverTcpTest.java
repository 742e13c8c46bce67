package chatroom.transport.tcp;

import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.RoomInfo;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One account on several devices through the real TCP transport and client, on each store: both devices hear the
 * room and the private conversation, what one reads the other is told, one login too many ends the oldest, and the
 * unread counts kept by the server are right after a restart.
 */
class DevicesOverTcpTest {
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
        return RunningServer.onStore(RunningServer.config(data).toBuilder().maxSessions(2).build(), store);
    }

    private ChatService connect(RunningServer server, RecordingListener listener) {
        ChatService service = server.client(listener, Map.of(ConnectOptions.ROOMS, List.of("true")));
        toClose.add(service);
        return service;
    }

    private static LoggedIn logIn(ChatService service, String name) throws Exception {
        return service.login(name, ("pw-" + name).toCharArray());
    }

    private static long unreadIn(LoggedIn in, String room) {
        return in.rooms().stream().filter(info -> info.name().equals(room)).map(RoomInfo::unread).findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoDevicesHearEverythingShareTheirMarkersAndTheLimitEndsTheOldest(String store) throws Exception {
        ServerConfig config = config(store);
        RunningServer server = RunningServer.start(config);
        toClose.add(server);
        RecordingListener laptop = new RecordingListener("laptop");
        RecordingListener phone = new RecordingListener("phone");
        ChatService laptopService = connect(server, laptop);
        logIn(laptopService, "bob");
        ChatService phoneService = connect(server, phone);
        logIn(phoneService, "bob");
        ChatService alice = connect(server, new RecordingListener("alice"));
        logIn(alice, "alice");

        alice.sayIn("#lobby", "hello bob");
        alice.tell("bob", "just you");
        long said = 0;
        for (RecordingListener device : List.of(laptop, phone)) {
            ChatMessage heard = device.await(ChatMessage.class, m -> !m.history());
            assertEquals("hello bob", heard.text());
            said = heard.id();
            assertEquals("just you", device.await(PrivateMessage.class).text());
        }
        phoneService.tell("alice", "from my phone");
        PrivateMessage own = laptop.await(PrivateMessage.class, m -> m.text().equals("from my phone"));
        assertEquals(List.of("bob", "alice"), List.of(own.from(), own.to()), "the laptop sees what bob sent");

        phoneService.markRead("#lobby", null, said);
        assertEquals(new ReadMoved("#lobby", null, said, 0), laptop.await(ReadMoved.class));
        phoneService.markRead(null, "alice", 1);
        assertEquals(new ReadMoved(null, "alice", 1, 0), laptop.await(ReadMoved.class),
                "bob's own answer after it is not unread");

        ChatService desk = connect(server, new RecordingListener("desk"));
        logIn(desk, "bob");
        assertEquals(Bye.REPLACED, laptop.await(Bye.class).code());
        assertTrue(phone.everything().stream().noneMatch(Bye.class::isInstance), "the phone stays");

        alice.sayIn("#lobby", "while you sleep 1");
        alice.sayIn("#lobby", "while you sleep 2");
        alice.tell("bob", "and privately");
        phone.await(PrivateMessage.class, m -> m.text().equals("and privately"));
        server.close();

        RunningServer again = RunningServer.start(config);
        toClose.add(again);
        RecordingListener back = new RecordingListener("back");
        ChatService backService = connect(again, back);
        LoggedIn in = logIn(backService, "bob");
        assertEquals(2, unreadIn(in, "#lobby"), "what came after the marker, counted from the store");
        backService.listConversations(null, 10);
        ConversationList list = back.await(ConversationList.class);
        assertEquals(List.of(1L), list.conversations().stream().filter(entry -> "alice".equals(entry.with()))
                .map(ConversationList.Entry::unread).toList(), "alice's last; bob's own answer is not unread");
    }
}
