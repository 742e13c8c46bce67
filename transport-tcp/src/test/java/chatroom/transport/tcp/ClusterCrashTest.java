package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.Presence;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes as processes of their own on one real PostgreSQL, one of them killed ({@code kill -9}) while its
 * people talk: a client given the nodes resumes on another, every message once in one order; someone only on the
 * dead node is shown going offline ("server node lost") to the others within 15 s.
 */
class ClusterCrashTest {
    private static final int EACH = 30;

    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        for (Process node : nodes) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a node as a JVM of its own and waits until it listens; returns its port. */
    private int startNode(String database, String name) throws Exception {
        Path dir = Files.createDirectories(data.resolve(name));
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("java.class.path");
        Process node = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                CrashServerMain.class.getName(), dir.toString(), "0", database, name)
                .redirectError(dir.resolve("server.log").toFile()).start();
        nodes.add(node);
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening ")) {
                        listening.complete(Integer.parseInt(line.substring("listening ".length())));
                    }
                }
                listening.completeExceptionally(new IOException("the node's process ended"));
            } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
            }
        });
        return listening.get(60, TimeUnit.SECONDS);
    }

    private ChatService client(String hosts, RecordingListener listener, String name) throws Exception {
        ConnectOptions options = new ConnectOptions(hosts, 9000, Map.of(ConnectOptions.ROOMS, List.of("true")));
        ChatService service = new TcpChatService(options, listener, null, RunningServer.QUICK);
        toClose.add(service);
        service.login(name, ("pw-" + name).toCharArray());
        return service;
    }

    @Test
    void aNodeKilledMidConversationLosesNoOneTheirMessagesAndItsOwnPeopleGoOffline() throws Exception {
        String database = LocalPostgres.get(Assumptions::abort).createDatabase();
        int north = startNode(database, "north");
        int south = startNode(database, "south");
        int east = startNode(database, "east");
        String all = "127.0.0.1:" + north + ",127.0.0.1:" + south + ",127.0.0.1:" + east;
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = client(all, alice, "alice");
        RecordingListener carol = new RecordingListener("carol");
        client("127.0.0.1:" + north, carol, "carol");
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = client("127.0.0.1:" + south, bob, "bob");
        RecordingListener dan = new RecordingListener("dan");
        client("127.0.0.1:" + east, dan, "dan");
        bob.await(Presence.class, p -> p.name().equals("dan"), 20);

        Thread talker = Thread.ofPlatform().start(() -> {
            for (int n = 1; n <= EACH; n++) {
                aliceService.sayIn("#lobby", "alice " + n);
                bobService.sayIn("#lobby", "bob " + n);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        bob.await(ChatMessage.class, m -> m.text().equals("alice 5"), 20);
        nodes.getFirst().destroyForcibly(); // north, where alice and carol are
        assertTrue(nodes.getFirst().waitFor(30, TimeUnit.SECONDS), "killed");
        talker.join(60_000);

        long killed = System.nanoTime();
        Presence gone = dan.await(Presence.class, p -> p.name().equals("carol")
                && p.status().equals(Presence.OFFLINE), 20);
        assertEquals("server node lost", gone.reason());
        assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(15), "noticed within 15 s");
        for (RecordingListener listener : List.of(alice, bob, dan)) {
            awaitChats(listener, "alice " + EACH, "bob " + EACH);
        }
        assertTrue(dan.everything().stream().noneMatch(event -> event instanceof Presence p
                && p.name().equals("alice") && p.status().equals(Presence.OFFLINE)),
                "alice moved to another node before north was found dead: " + dan.everything());

        List<String> seenByDan = conversation(dan);
        for (String who : List.of("alice", "bob")) {
            assertEquals(IntStream.rangeClosed(1, EACH).mapToObj(n -> who + " " + n).toList(),
                    seenByDan.stream().filter(text -> text.startsWith(who + " ")).toList(),
                    who + "'s messages, each once, in order");
        }
        assertEquals(conversation(dan), conversation(bob), "one order everywhere");
        assertEquals(conversation(dan), conversation(alice), "alice, moved, has it all once too");
    }

    /** Waits up to 30 s until someone has seen these texts, in whatever order they came. */
    private static void awaitChats(RecordingListener listener, String... texts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listener.chats().stream().map(text -> text.replace(" (history)", "")).toList()
                .containsAll(List.of(texts))) {
            assertTrue(System.nanoTime() < deadline, "not all of " + List.of(texts) + " came: " + listener.chats());
            Thread.sleep(50);
        }
    }

    /** The chat messages someone saw, live or replayed on resume, as "id text", with no id twice. */
    private static List<String> conversation(RecordingListener listener) {
        List<String> seen = listener.everything().stream().filter(ChatMessage.class::isInstance)
                .map(ChatMessage.class::cast).map(m -> m.id() + " " + m.text()).toList();
        assertEquals(seen.stream().distinct().count(), seen.size(), "nothing twice: " + seen);
        return seen.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }
}
