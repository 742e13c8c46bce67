package chatroom.transport.tcp;

import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.LoginException;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The server process is killed ({@code kill -9}) in the middle of a burst from several clients and restarted on the
 * same data directory: every message anyone received is in the history, and the clients, reconnecting by themselves,
 * end up with the same complete conversation, each message once.
 */
class CrashTest {
    private static final int CLIENTS = 4;
    private static final int MESSAGES_EACH = 150;

    @TempDir
    Path data;

    /** The PostgreSQL database the server keeps everything in, or {@code null} for SQLite in {@link #data}. */
    private String database;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        for (Process server : servers) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the server as a JVM of its own and waits until it listens; returns its port. */
    private int startServer(int port, Process[] started) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                CrashServerMain.class.getName(), data.toString(), Integer.toString(port),
                database == null ? "" : database)
                .redirectError(data.resolve("server.log").toFile());
        Process server = builder.start();
        servers.add(server);
        started[0] = server;
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening ")) {
                        listening.complete(Integer.parseInt(line.substring("listening ".length())));
                    }
                }
                listening.completeExceptionally(new IOException("the server process ended"));
            } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
            }
        });
        return listening.get(60, TimeUnit.SECONDS);
    }

    /** The store a test runs on: SQLite in the data folder, or a new database in a real PostgreSQL. */
    private void useStore(String store) {
        database = store.equals("postgresql") ? LocalPostgres.get(Assumptions::abort).createDatabase() : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aServerKilledMidBurstLosesNothingAnyoneSawAndEveryoneEndsWithTheSameConversation(String store)
            throws Exception {
        useStore(store);
        Process[] server = new Process[1];
        int port = startServer(0, server);
        List<RecordingListener> listeners = new ArrayList<>();
        List<ChatService> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            RecordingListener listener = new RecordingListener("user" + i);
            ChatService client = new TcpChatService(new ConnectOptions("127.0.0.1", port), listener, null,
                    RunningServer.QUICK);
            toClose.add(client);
            client.login("user" + i, "pw".toCharArray());
            listeners.add(listener);
            clients.add(client);
        }

        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> bursts = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ChatService client = clients.get(i);
            String who = "user" + i;
            bursts.add(senders.submit(() -> {
                for (int n = 0; n < MESSAGES_EACH; n++) {
                    client.say(who + " m" + n);
                    pause(3);
                }
            }));
        }
        // Kill it once a quarter of the burst has gone round, while the rest is still being said.
        awaitReceived(listeners.getFirst(), CLIENTS * MESSAGES_EACH / 4);
        server[0].destroyForcibly();
        assertTrue(server[0].waitFor(30, TimeUnit.SECONDS), "killed");
        Map<Long, String> seenBeforeTheCrash = received(listeners);
        int unacknowledgedAtTheCrash = clients.stream()
                .mapToInt(client -> ((TcpChatService) client).unacknowledged().size()).sum();
        startServer(port, server);
        for (Future<?> burst : bursts) {
            burst.get(2, TimeUnit.MINUTES);
        }
        senders.shutdown();

        Set<String> everything = new HashSet<>();
        for (int i = 0; i < CLIENTS; i++) {
            for (int n = 0; n < MESSAGES_EACH; n++) {
                everything.add("user" + i + " m" + n);
            }
        }
        for (RecordingListener listener : listeners) {
            awaitAllTexts(listener, everything);
        }
        Map<Long, String> history = history(port);
        assertTrue(history.entrySet().containsAll(seenBeforeTheCrash.entrySet()),
                "every message seen before the crash is in the history");
        assertEquals(everything, new HashSet<>(history.values()), "the history has every message");
        assertEquals(everything.size(), history.size(), "and each once");
        List<String> conversation = new ArrayList<>(history.values());
        for (RecordingListener listener : listeners) {
            List<ChatMessage> seen = chats(listener);
            List<Long> ids = seen.stream().map(ChatMessage::id).toList();
            List<Long> sorted = new ArrayList<>(ids);
            Collections.sort(sorted);
            assertEquals(sorted, ids, listener + " received in order");
            assertEquals(new HashSet<>(ids).size(), ids.size(), listener + " received each once");
            assertEquals(conversation, seen.stream().map(ChatMessage::text).toList(),
                    listener + " has the same conversation as the history");
            assertTrue(listener.everything().stream().anyMatch(RecordingListener.Reconnected.class::isInstance));
        }
        for (ChatService client : clients) {
            assertEquals(List.of(), ((TcpChatService) client).unacknowledged());
        }
        System.out.printf("crash: killed after %d messages seen, %d sent and not yet acknowledged; history %d"
                + " messages; %d clients agree%n", seenBeforeTheCrash.size(), unacknowledgedAtTheCrash, history.size(),
                CLIENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void roomsMembershipsTopicsRolesBansAndInvitesOutliveAKill(String store) throws Exception {
        useStore(store);
        Process[] server = new Process[1];
        int port = startServer(0, server);
        ConnectOptions withRooms = new ConnectOptions("127.0.0.1", port,
                Map.of(ConnectOptions.ROOMS, List.of("true")));
        RecordingListener alice = new RecordingListener("alice");
        ChatService before = new TcpChatService(withRooms, alice, null, null);
        toClose.add(before);
        before.login("alice", "pw".toCharArray());
        before.join("#ops");
        alice.await(Joined.class, joined -> "#ops".equals(joined.room()));
        before.setTopic("#ops", "Deploys only");
        alice.await(TopicChanged.class);
        before.sayIn("#ops", "said before the kill");
        alice.await(ChatMessage.class, m -> m.text().equals("said before the kill") && m.cid() != null);
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = new TcpChatService(withRooms, bob, null, null);
        toClose.add(bobService);
        bobService.login("bob", "pw".toCharArray());
        bobService.join("#ops");
        alice.await(Joined.class, joined -> "#ops".equals(joined.room()) && joined.name().equals("bob"));
        before.setRole("#ops", "bob", "operator");
        alice.await(RoleChanged.class);
        bobService.lockTopic("#ops", false);
        alice.await(SettingsChanged.class);
        before.setInviteOnly("#ops", true);
        alice.await(SettingsChanged.class, settings -> settings.inviteOnly());
        ChatService carol = new TcpChatService(withRooms, new RecordingListener("carol"), null, null);
        toClose.add(carol);
        carol.login("carol", "pw".toCharArray());
        before.ban("#ops", "carol", true);
        alice.await(BanChanged.class);
        ChatService dave = new TcpChatService(withRooms, new RecordingListener("dave"), null, null);
        toClose.add(dave);
        dave.login("dave", "pw".toCharArray());
        dave.logout();
        before.invite("#ops", "dave");
        alice.await(Invited.class);
        ChatService erin = new TcpChatService(withRooms, new RecordingListener("erin"), null, null);
        toClose.add(erin);
        erin.login("erin", "pw".toCharArray());
        erin.logout();
        before.banFromServer("erin", true);
        alice.await(ServerBanChanged.class, ban -> ban.name().equals("erin") && ban.banned());

        server[0].destroyForcibly();
        assertTrue(server[0].waitFor(30, TimeUnit.SECONDS), "killed");
        startServer(port, server);
        RecordingListener again = new RecordingListener("alice again");
        ChatService after = new TcpChatService(withRooms, again, null, null);
        toClose.add(after);
        LoggedIn in = after.login("alice", "pw".toCharArray());

        // erin, banned from the server, keeps her memberships for when the ban is lifted.
        assertEquals(List.of(new RoomInfo("#lobby", null, 5, 1, true),
                new RoomInfo("#ops", "Deploys only", 2, 1, false, true)),
                in.rooms());
        ChatMessage replayed = again.await(ChatMessage.class);
        assertEquals(new ChatMessage(1, replayed.ts(), "alice", "said before the kill", true, null, "#ops"), replayed);
        after.whoIn("#ops");
        assertEquals(List.of("owner", "operator"),
                again.await(Members.class).users().stream().map(Member::role).toList());
        after.listBans("#ops");
        assertEquals(List.of("carol"), again.await(BanList.class).names());
        RecordingListener daveAgain = new RecordingListener("dave again");
        ChatService invited = new TcpChatService(withRooms, daveAgain, null, null);
        toClose.add(invited);
        invited.login("dave", "pw".toCharArray());
        invited.join("#ops");
        daveAgain.await(Joined.class, joined -> "#ops".equals(joined.room()) && joined.name().equals("dave"));
        ChatService erinAgain = new TcpChatService(withRooms, new RecordingListener("erin again"), null, null);
        toClose.add(erinAgain);
        LoginException refused = assertThrows(LoginException.class,
                () -> erinAgain.login("erin", "pw".toCharArray()));
        assertEquals(ErrorCode.BANNED, refused.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void privateMessagesWaitingForSomeoneOfflineOutliveAKillAndArriveOnce(String store) throws Exception {
        useStore(store);
        Process[] server = new Process[1];
        int port = startServer(0, server);
        ConnectOptions withRooms = new ConnectOptions("127.0.0.1", port,
                Map.of(ConnectOptions.ROOMS, List.of("true")));
        ChatService bobFirst = new TcpChatService(withRooms, new RecordingListener("bob"), null, null);
        toClose.add(bobFirst);
        bobFirst.login("bob", "pw".toCharArray());
        bobFirst.logout();
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = new TcpChatService(withRooms, alice, null, null);
        toClose.add(aliceService);
        aliceService.login("alice", "pw".toCharArray());
        for (int n = 1; n <= 3; n++) {
            aliceService.tell("bob", "while you were out " + n);
        }
        for (int n = 1; n <= 3; n++) {
            int id = n;
            PrivateMessage echo = alice.await(PrivateMessage.class, m -> m.id() != null && m.id() == id);
            assertTrue(echo.isOffline(), echo.toString());
        }

        server[0].destroyForcibly();
        assertTrue(server[0].waitFor(30, TimeUnit.SECONDS), "killed");
        startServer(port, server);
        RecordingListener bob = new RecordingListener("bob again");
        ChatService bobService = new TcpChatService(withRooms, bob, null, null);
        toClose.add(bobService);
        bobService.login("bob", "pw".toCharArray());

        List<String> waited = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            PrivateMessage arrived = bob.await(PrivateMessage.class);
            assertTrue(arrived.isAway(), arrived.toString());
            waited.add(arrived.id() + " " + arrived.text());
        }
        assertEquals(List.of("1 while you were out 1", "2 while you were out 2", "3 while you were out 3"), waited);
        bobService.logout();
        RecordingListener third = new RecordingListener("bob a third time");
        ChatService bobAgain = new TcpChatService(withRooms, third, null, null);
        toClose.add(bobAgain);
        bobAgain.login("bob", "pw".toCharArray());
        bobAgain.privateHistory("alice", 0, 10);
        HistoryEnd end = third.await(HistoryEnd.class, e -> "alice".equals(e.with()));
        assertEquals(3, end.count());
        assertEquals(List.of(), third.everything().stream().filter(e -> e instanceof PrivateMessage m && m.isAway())
                .toList(), "delivered once");
    }

    private static List<ChatMessage> chats(RecordingListener listener) {
        return listener.everything().stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast)
                .toList();
    }

    private static Map<Long, String> received(List<RecordingListener> listeners) {
        Map<Long, String> seen = new LinkedHashMap<>();
        for (RecordingListener listener : listeners) {
            chats(listener).forEach(m -> seen.put(m.id(), m.text()));
        }
        return seen;
    }

    private static void awaitReceived(RecordingListener listener, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (chats(listener).size() < count) {
            if (System.nanoTime() > deadline) {
                fail(listener + " received only " + chats(listener).size());
            }
            pause(5);
        }
    }

    private static void awaitAllTexts(RecordingListener listener, Set<String> texts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!chats(listener).stream().map(ChatMessage::text).toList().containsAll(texts)) {
            if (System.nanoTime() > deadline) {
                Set<String> missing = new HashSet<>(texts);
                chats(listener).forEach(m -> missing.remove(m.text()));
                fail(listener + " is missing " + missing.size() + " messages, such as " + missing.iterator().next()
                        + "; it saw " + listener.everything().stream().filter(e -> !(e instanceof ChatMessage))
                        .toList());
            }
            pause(20);
        }
    }

    /** The whole history, oldest first, as a new client pages through it. */
    private static Map<Long, String> history(int port) throws IOException {
        Map<Long, String> entries = new TreeMap<>();
        try (WireClient reader = WireClient.greeted(port)) {
            reader.login(new Login("auditor", "pw"));
            reader.await(HistoryEnd.class);
            Long before = null;
            while (true) {
                reader.send(new HistoryRequest(before, 200));
                List<ChatMessage> page = new ArrayList<>();
                HistoryEnd end = null;
                while (end == null) {
                    ServerMessage message = reader.next();
                    if (message instanceof ChatMessage entry) {
                        page.add(entry);
                    } else if (message instanceof HistoryEnd last) {
                        end = last;
                    }
                }
                page.forEach(m -> entries.put(m.id(), m.text()));
                if (!end.more() || page.isEmpty()) {
                    return entries;
                }
                before = page.getFirst().id();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
