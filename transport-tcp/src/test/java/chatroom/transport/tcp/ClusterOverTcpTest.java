package chatroom.transport.tcp;

import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileOffer;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.Say;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several server nodes on one real PostgreSQL, through the real TCP transport and client: people on different nodes
 * in one room see each other's messages, all of them, in the same order with the same ids.
 */
class ClusterOverTcpTest {
    private static final int EACH = 40;

    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private RunningServer node(ServerConfig shared, String name) throws Exception {
        RunningServer node = RunningServer.start(shared.toBuilder().nodeName(name)
                .build());
        toClose.add(node);
        return node;
    }

    private ChatService logIn(RunningServer node, RecordingListener listener, String name) throws Exception {
        ChatService service = node.client(listener, Map.of(ConnectOptions.ROOMS, List.of("true")));
        toClose.add(service);
        service.login(name, ("pw-" + name).toCharArray());
        return service;
    }

    /** The live chat messages a person saw, as "id text". */
    private static List<String> seen(RecordingListener listener) {
        return listener.everything().stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast)
                .filter(m -> !m.history()).map(m -> m.id() + " " + m.text()).toList();
    }

    @Test
    void someoneOnAnotherNodeComesOnlineInTheRoomIsCountedAndListedAndGoesOfflineThere() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        RecordingListener alice = new RecordingListener("alice");
        logIn(north, alice, "alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = logIn(south, bob, "bob");

        assertEquals(new Presence("#lobby", 0, "bob", Presence.ONLINE, null, 2),
                withoutTime(alice.await(Presence.class, p -> p.name().equals("bob"))));
        bobService.whoIn("#lobby");
        assertEquals(List.of("alice", "bob"), bob.await(Members.class).users().stream()
                .filter(member -> Boolean.TRUE.equals(member.online())).map(Member::name).toList(),
                "alice, online on the other node, is online in the room");

        ChatService again = logIn(north, new RecordingListener("bob on north"), "bob");
        bobService.logout();
        bob.await(Bye.class);
        logIn(south, new RecordingListener("carol"), "carol");
        // South says who comes and goes in order: bob's leaving it came before carol's arrival.
        alice.await(Presence.class, p -> p.name().equals("carol") && p.status().equals(Presence.ONLINE));
        assertTrue(alice.everything().stream().noneMatch(event -> event instanceof Presence presence
                && presence.name().equals("bob") && presence.status().equals(Presence.OFFLINE)),
                "bob is still online, on north: " + alice.everything());
        again.logout();
        assertEquals(new Presence("#lobby", 0, "bob", Presence.OFFLINE, "logged out", 2),
                withoutTime(alice.await(Presence.class, p -> p.status().equals(Presence.OFFLINE))));
    }

    @Test
    void privateMessagesCrossNodesWithOneNumberingAndWaitForSomeoneOfflineOnAnyNode() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        logIn(south, new RecordingListener("carol"), "carol").logout();
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = logIn(north, alice, "alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = logIn(south, bob, "bob");
        alice.await(Presence.class, p -> p.name().equals("bob"));

        aliceService.tell("bob", "psst");
        PrivateMessage heard = bob.await(PrivateMessage.class);
        assertEquals(List.of("alice", "bob", "psst"), List.of(heard.from(), heard.to(), heard.text()));
        assertEquals(heard.id(), alice.await(PrivateMessage.class).id(), "one id for both");
        bobService.tell("alice", "back at you");
        PrivateMessage answer = alice.await(PrivateMessage.class, m -> m.text().equals("back at you"));
        assertEquals(heard.id() + 1, answer.id(), "numbered after the other node's, in one conversation");
        assertEquals(answer.id(), bob.await(PrivateMessage.class, m -> m.text().equals("back at you")).id());

        try (WireClient alicesOther = WireClient.greeted(north.port(), Protocol.ROOMS_VERSION)) {
            alicesOther.login(new Login("alice", "pw-alice"));
            alicesOther.send(new FileOffer("t1", "notes.txt", 10, "bob"));
            assertEquals(new FileCancel("t1", FileCancel.NOT_ONLINE, "'bob' is connected to another node of this"
                    + " server; files are not relayed between nodes."), alicesOther.await(FileCancel.class));
        }

        aliceService.tell("carol", "for later");
        alice.await(PrivateMessage.class, m -> m.text().equals("for later"));
        RecordingListener carol = new RecordingListener("carol again");
        logIn(south, carol, "carol");
        PrivateMessage waited = carol.await(PrivateMessage.class);
        assertEquals(List.of("alice", "for later"), List.of(waited.from(), waited.text()),
                "kept by north, given by south at carol's login");
    }

    @Test
    void aClientGivenTheNodesMovesToAnotherWhenItsNodeStopsAndResumesExactlyOnce() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        RecordingListener alice = new RecordingListener("alice");
        ConnectOptions options = new ConnectOptions("127.0.0.1:" + north.port() + ", 127.0.0.1:" + south.port(),
                9000, Map.of(ConnectOptions.ROOMS, List.of("true")));
        ChatService aliceService = new TcpChatService(options, alice, null, RunningServer.QUICK);
        toClose.add(aliceService);
        aliceService.login("alice", "pw-alice".toCharArray());
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = logIn(south, bob, "bob");
        bobService.sayIn("#lobby", "before");
        alice.await(ChatMessage.class, m -> m.text().equals("before"));

        north.close();
        bobService.sayIn("#lobby", "while alice moves");
        alice.await(RecordingListener.Reconnected.class, any -> true, 20);
        bobService.sayIn("#lobby", "after");
        alice.await(ChatMessage.class, m -> m.text().equals("after"));
        aliceService.sayIn("#lobby", "here again");
        bob.await(ChatMessage.class, m -> m.text().equals("here again"));
        alice.await(ChatMessage.class, m -> m.text().equals("here again"));

        List<String> all = alice.everything().stream().filter(ChatMessage.class::isInstance)
                .map(ChatMessage.class::cast).map(m -> m.id() + " " + m.text()).toList();
        assertEquals(List.of("1 before", "2 while alice moves", "3 after", "4 here again"), all,
                "each once (the one missed replayed on resume), in order, with one numbering: " + alice.everything());
    }

    @Test
    void aMessageSentAgainToAnotherNodeWithItsClientIdIsAnsweredAgainAndShownOnce() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        RecordingListener bob = new RecordingListener("bob");
        logIn(south, bob, "bob");
        try (WireClient first = WireClient.greeted(north.port(), Protocol.ROOMS_VERSION);
             WireClient again = WireClient.greeted(south.port(), Protocol.ROOMS_VERSION)) {
            first.send(new Login("alice", "pw-alice"));
            first.await(LoggedIn.class);
            first.send(Say.inRoom("#lobby", "only once", "cid-1"));
            ChatMessage answer = first.await(ChatMessage.class, m -> "cid-1".equals(m.cid()));
            bob.await(ChatMessage.class, m -> m.text().equals("only once"));

            // As a client whose node died before answering: the same message, with its id, to the next node.
            again.send(new Login("alice", "pw-alice"));
            again.await(LoggedIn.class);
            again.send(Say.inRoom("#lobby", "only once", "cid-1"));
            assertEquals(answer.id(), again.await(ChatMessage.class, m -> "cid-1".equals(m.cid())).id());
            bobSays(bob, south);
            assertEquals(1, bob.everything().stream().filter(event -> event instanceof ChatMessage m
                    && m.text().equals("only once")).count(), "shown once: " + bob.everything());
        }
    }

    /** Bob says something and hears it: whatever the room showed before is in his record by then. */
    private void bobSays(RecordingListener bob, RunningServer south) throws Exception {
        ChatService other = logIn(south, new RecordingListener("dan"), "dan");
        other.sayIn("#lobby", "a marker");
        bob.await(ChatMessage.class, m -> m.text().equals("a marker"));
    }

    @Test
    void aRoomMadeOnOneNodeIsJoinedTalkedInRetopicedAndLeftFromAnother() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = logIn(north, alice, "alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = logIn(south, bob, "bob");
        alice.await(Presence.class, p -> p.name().equals("bob"));

        aliceService.join("#dev");
        alice.await(RoomInfo.class, info -> info.name().equals("#dev"));
        awaitUntil(() -> {
            bobService.join("#dev");
            return bob.everything().stream().anyMatch(event -> event instanceof RoomInfo info
                    && info.name().equals("#dev"));
        });
        Joined joined = alice.await(Joined.class, j -> j.name().equals("bob") && "#dev".equals(j.room()));
        assertEquals(2, joined.online(), "alice here and bob on south");
        aliceService.sayIn("#dev", "welcome to dev");
        assertEquals("alice", bob.await(ChatMessage.class, m -> m.text().equals("welcome to dev")).from());
        aliceService.setTopic("#dev", "builds and releases");
        assertEquals("builds and releases", bob.await(TopicChanged.class).text());
        aliceService.setRole("#dev", "bob", "operator");
        RoleChanged role = bob.await(RoleChanged.class, r -> r.name().equals("bob"));
        assertEquals(List.of("operator", "alice"), List.of(role.role(), role.by()));
        // The topic is locked to the owner and operators: south lets bob set it only if it knows his new role.
        bobService.setTopic("#dev", "set by an operator on another node");
        assertEquals("set by an operator on another node", alice.await(TopicChanged.class,
                t -> t.by().equals("bob")).text());
        try (WireClient alicesOther = WireClient.greeted(north.port(), Protocol.ROOMS_VERSION)) {
            alicesOther.login(new Login("alice", "pw-alice"));
            alicesOther.send(new ChangeSettings("#dev", false, true));
            SettingsChanged settings = bob.await(SettingsChanged.class);
            assertEquals(List.of(false, true), List.of(settings.topicLocked(), settings.inviteOnly()));
        }
        bobService.part("#dev", "lunch");
        Left left = alice.await(Left.class, l -> l.name().equals("bob"));
        assertEquals(List.of("#dev", "left: lunch", "1"), List.of(left.room(), left.reason(),
                Integer.toString(left.online())));
    }

    @Test
    void whatADeviceOnOneNodeReadsIsToldToTheAccountsDevicesOnAnother() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        RunningServer north = node(shared, "north");
        RunningServer south = node(shared, "south");
        RecordingListener laptop = new RecordingListener("bob's laptop");
        logIn(north, laptop, "bob");
        RecordingListener phone = new RecordingListener("bob's phone");
        ChatService phoneService = logIn(south, phone, "bob");
        ChatService alice = logIn(north, new RecordingListener("alice"), "alice");

        alice.sayIn("#lobby", "read me");
        long id = phone.await(ChatMessage.class, m -> m.text().equals("read me")).id();
        laptop.await(ChatMessage.class, m -> m.text().equals("read me"));
        phoneService.markRead("#lobby", null, id);
        assertEquals(new ReadMoved("#lobby", null, id, 0), laptop.await(ReadMoved.class));
    }

    /** Tries until it works, up to 10 s: another node learns of a room made here a moment after. */
    private static void awaitUntil(java.util.concurrent.Callable<Boolean> attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!attempt.call()) {
            assertTrue(System.nanoTime() < deadline, "did not work within 10 s");
            Thread.sleep(200);
        }
    }

    private static Presence withoutTime(Presence presence) {
        return new Presence(presence.room(), 0, presence.name(), presence.status(), presence.reason(),
                presence.online());
    }

    @Test
    void peopleOnThreeNodesSeeEveryMessageOfTheRoomInOneOrderWithTheSameIds() throws Exception {
        ServerConfig shared = RunningServer.onStore(RunningServer.config(data), "postgresql");
        List<RunningServer> nodes = List.of(node(shared, "north"), node(shared, "south"), node(shared, "east"));
        List<String> people = List.of("alice", "bob", "carol");
        List<RecordingListener> listeners = new ArrayList<>();
        List<ChatService> services = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            RecordingListener listener = new RecordingListener(people.get(i));
            listeners.add(listener);
            services.add(logIn(nodes.get(i), listener, people.get(i)));
        }

        ExecutorService writers = Executors.newFixedThreadPool(services.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ChatService service = services.get(i);
                String who = people.get(i);
                done.add(writers.submit(() -> {
                    for (int n = 1; n <= EACH; n++) {
                        service.sayIn("#lobby", who + " " + n);
                    }
                    return null;
                }));
            }
            for (Future<?> one : done) {
                one.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        int total = EACH * services.size();
        for (RecordingListener listener : listeners) {
            listener.await(ChatMessage.class, m -> !m.history() && m.id() == total, 20);
        }

        List<String> first = seen(listeners.getFirst());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(),
                first.stream().map(line -> Long.parseLong(line.substring(0, line.indexOf(' ')))).toList(),
                "every id once, in order, none missing");
        for (String who : people) {
            List<String> own = first.stream().map(line -> line.substring(line.indexOf(' ') + 1))
                    .filter(text -> text.startsWith(who + " ")).toList();
            assertEquals(LongStream.rangeClosed(1, EACH).mapToObj(n -> who + " " + n).toList(), own,
                    "each person's messages in the order said");
        }
        for (RecordingListener other : listeners.subList(1, listeners.size())) {
            assertEquals(first, seen(other), "the same messages, order and ids on every node");
        }
    }
}
