package chatroom.store.postgres;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ServerMessage;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.Store;
import chatroom.server.store.StoreSettings;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes' links on one real PostgreSQL: numbering in turns, notices of each other's commits, a lost listener. */
class PostgresClusterTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String url;
    private Store store;

    @BeforeEach
    void openStore() {
        url = LocalPostgres.get(Assumptions::abort).createDatabase();
        store = new PostgresStoreProvider().open(new StoreSettings(null, url, null, false, true));
        toClose.add(store);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private ClusterLink link(String node) throws SQLException {
        ClusterLink link = store.cluster(node).orElseThrow();
        toClose.add(link);
        return link;
    }

    /** What a listener hears, in order: notices, and "missed" when notices may have been lost. */
    private static final class Heard implements ClusterLink.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        /** Notices as their heads; what they carry is checked on its own. */
        final List<ClusterLink.Committed> carried = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void committed(ClusterLink.Committed committed) {
            carried.add(committed);
            events.add(new ClusterLink.Committed(committed.node(), committed.roomKey(), committed.firstId(),
                    committed.lastId()));
        }

        @Override
        public void missed() {
            events.add("missed");
        }

        @Override
        public void online(ClusterLink.Person person) {
            events.add(person);
        }

        @Override
        public void offline(String node, String memberKey, String reason) {
            events.add("off " + node + " " + memberKey + " " + reason);
        }

        @Override
        public void nodeGone(String node, String reason) {
            events.add("gone " + node + " " + reason);
        }

        @Override
        public void recounted(String node) {
            events.add("recounted " + node);
        }

        Object next() throws InterruptedException {
            return next(10);
        }

        Object next(int seconds) throws InterruptedException {
            Object event = events.poll(seconds, TimeUnit.SECONDS);
            assertNotNull(event, "nothing heard within " + seconds + " s");
            return event;
        }
    }

    private static ChatMessage said(String room, String text) {
        return new ChatMessage(0, 1_000, "alice", text, false, null, room);
    }

    @Test
    void entriesAreNumberedAfterWhatAnyNodeCommittedAndTheOthersAreTold() throws Exception {
        ClusterLink north = link("north");
        ClusterLink south = link("south");
        Heard heardBySouth = new Heard();
        south.listen(heardBySouth);
        assertEquals("missed", heardBySouth.next(), "a node catches up from the tables when it starts listening");

        List<ServerMessage> first = north.append(List.of(said("#Lobby", "one"), said("#dev", "a"),
                said("#Lobby", "two")));
        assertEquals(List.of(1L, 1L, 2L), first.stream().map(HistoryStore::idOf).toList());
        assertEquals("two", ((ChatMessage) first.get(2)).text(), "in the order given");
        List<ServerMessage> next = south.append(List.of(new Announcement(0, 2_000, "hello", false, "#lobby")));
        assertEquals(3L, HistoryStore.idOf(next.getFirst()), "after the other node's entries in the same room");

        List<Object> notices = List.of(heardBySouth.next(), heardBySouth.next());
        assertTrue(notices.contains(new ClusterLink.Committed("north", "#lobby", 1, 2)), notices.toString());
        assertTrue(notices.contains(new ClusterLink.Committed("north", "#dev", 1, 1)), notices.toString());
        assertNull(heardBySouth.events.poll(300, TimeUnit.MILLISECONDS), "a node is not told of its own commits");
        ClusterLink.Committed lobby = heardBySouth.carried.stream().filter(c -> c.roomKey().equals("#lobby"))
                .findFirst().orElseThrow();
        assertEquals(List.of(first.get(0), first.get(2)), lobby.entries(), "small batches travel with the notice");
        assertEquals(List.of(new ChatMessage(2, 1_000, "alice", "two", true, null, "#Lobby"),
                        new Announcement(3, 2_000, "hello", true, "#Lobby")),
                south.committed("#Lobby", 2, 3));
    }

    @Test
    void twoNodesWritingToOneRoomAtOnceTakeTurnsWithoutGapsOrDoubles() throws Exception {
        List<ClusterLink> nodes = List.of(link("a"), link("b"), link("c"));
        ExecutorService writers = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<List<Long>>> written = new ArrayList<>();
            for (ClusterLink node : nodes) {
                written.add(writers.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int batch = 0; batch < 20; batch++) {
                        for (ServerMessage entry : node.append(List.of(said("#busy", node.node() + batch + "x"),
                                said("#busy", node.node() + batch + "y")))) {
                            ids.add(HistoryStore.idOf(entry));
                        }
                    }
                    return ids;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> ids : written) {
                List<Long> own = ids.get(30, TimeUnit.SECONDS);
                assertEquals(own.stream().sorted().toList(), own, "each node's ids grow");
                all.addAll(own);
            }
            assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), all.stream().sorted().toList());
            assertEquals(120, store.history().size("#busy"));
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aListenerWhoseConnectionIsCutConnectsAgainAndSaysNoticesMayHaveBeenMissed() throws Exception {
        ClusterLink north = link("north");
        PostgresCluster south = (PostgresCluster) link("south");
        Heard heard = new Heard();
        south.listen(heard);
        assertEquals("missed", heard.next());

        try (Connection admin = DriverManager.getConnection(url);
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + south.listenerBackendPid() + ")");
        }
        north.append(List.of(said("#lobby", "while south was away")));

        assertEquals("missed", heard.next(), "back, and told to read the tables");
        north.append(List.of(said("#lobby", "after")));
        Object notice = heard.next();
        while (notice instanceof ClusterLink.Committed committed && committed.lastId() == 1) {
            notice = heard.next(); // the first one's notice, if south was listening again before it
        }
        assertEquals(new ClusterLink.Committed("north", "#lobby", 2, 2), notice);
    }

    @Test
    void whoIsOnlineWhereIsToldToTheOtherNodesAndANodeThatFallsSilentIsEndedWithItsPeople() throws Exception {
        ClusterLink north = link("north");
        ClusterLink south = link("south");
        Heard heard = new Heard();
        north.listen(heard);
        assertEquals("missed", heard.next());

        ClusterLink.Person bob = new ClusterLink.Person("south", "bob", "Bob", false, 1_000);
        south.online(bob);
        assertEquals(bob, heard.next());
        south.online(new ClusterLink.Person("south", "guest:eve", "eve", true, 2_000));
        heard.next();
        south.offline("guest:eve", "logged out");
        assertEquals("off south guest:eve logged out", heard.next());
        assertEquals(List.of(bob), north.onlineElsewhere());
        assertEquals(List.of(), south.onlineElsewhere(), "north has no one online");
        south.onlineHere(List.of(new ClusterLink.Person("south", "carol", "carol", false, 3_000)));
        assertEquals("recounted south", heard.next());
        assertEquals(List.of("carol"), north.onlineElsewhere().stream().map(ClusterLink.Person::memberKey).toList());

        // South never listens, so it never says it lives: once its last word is old enough, north ends it (once
        // north itself has listened a full dead period: it gives the others that long after it connects).
        try (Connection admin = DriverManager.getConnection(url);
             Statement statement = admin.createStatement()) {
            statement.execute("UPDATE cluster_nodes SET seen = seen - " + (PostgresCluster.DEAD_AFTER_MILLIS + 1_000)
                    + " WHERE node = 'south'");
        }
        assertEquals("gone south lost", heard.next(20));
        assertEquals(List.of(), north.onlineElsewhere());
    }

    @Test
    void aNodeThatStopsSaysSoAndOneThatRestartsUnderItsNameHasNoOneOnlineYet() throws Exception {
        ClusterLink north = link("north");
        Heard heard = new Heard();
        north.listen(heard);
        assertEquals("missed", heard.next());
        ClusterLink south = link("south");
        south.online(new ClusterLink.Person("south", "bob", "bob", false, 1_000));
        heard.next();

        store.cluster("south").orElseThrow().close(); // south again, after a crash; then stopping for good
        assertEquals("gone south restarted", heard.next());
        assertEquals("gone south stopped", heard.next());
        assertEquals(List.of(), north.onlineElsewhere());
    }

    @Test
    void aNoticeThisCodeDidNotWriteIsIgnoredAndEntriesTravelOnlyWhenTheyFit() {
        assertNull(PostgresCluster.parse("hello"));
        assertNull(PostgresCluster.parse("north x 2 #lobby"));
        assertEquals(new ClusterLink.Committed("north", "#lobby", 1, 2), PostgresCluster.parse("north 1 2 #lobby"));
        ChatMessage small = new ChatMessage(0, 1_000, "alice", "hi", false, null, "#lobby");
        List<ServerMessage> carried = PostgresCluster.parse("north 7 8 #lobby"
                + PostgresCluster.carried(List.of(small, small))).entries();
        assertEquals(List.of(new ChatMessage(7, 1_000, "alice", "hi", false, null, "#lobby"),
                new ChatMessage(8, 1_000, "alice", "hi", false, null, "#lobby")), carried, "each with its place's id");
        ChatMessage large = new ChatMessage(0, 1_000, "alice", "x".repeat(4_000), false, null, "#lobby");
        assertEquals("", PostgresCluster.carried(List.of(small, large, large)),
                "too large for a notice: read from the table");
    }
}
