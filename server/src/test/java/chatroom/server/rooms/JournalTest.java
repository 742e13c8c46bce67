package chatroom.server.rooms;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.Connection;
import chatroom.server.ChatServer;
import chatroom.server.MutableClock;
import chatroom.server.StubConnection;
import chatroom.server.TestServer;
import chatroom.server.log.ServerLog;
import chatroom.server.sessions.ServerContext;
import chatroom.server.sessions.Session;
import chatroom.server.storage.Database;
import chatroom.server.storage.History;
import chatroom.server.store.HistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

class JournalTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock();
    private final ServerLog log = new ServerLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock);
    private final ServerContext context = new ServerContext(TestServer.config(Path.of("unused")), ChatServer.VERSION,
            null, null, null, null, null, log, null, ConcurrentHashMap.newKeySet());

    private static ChatMessage message(long id) {
        return new ChatMessage(id, id, "alice", "m" + id, false, null, "#lobby");
    }

    private static Frame frame(long id) {
        return MessageCodec.encode(message(id));
    }

    /** A session on a stub connection; the journal only sends to it. */
    private Session session(Connection connection) {
        return new Session(connection, context);
    }

    private static List<String> received(StubConnection connection) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        Frame frame;
        while ((frame = connection.poll(Duration.ZERO)) != null) {
            lines.add(frame.toString());
        }
        return lines;
    }

    private static List<String> lines(long... ids) {
        List<String> lines = new ArrayList<>();
        for (long id : ids) {
            lines.add(frame(id).toString());
        }
        return lines;
    }

    @Test
    void entriesAreCommittedBeforeAnyoneReceivesThem() throws Exception {
        try (History history = new History(Database.open(dir))) {
            Journal journal = new Journal(history, log);
            StubConnection alice = new StubConnection("127.0.0.1:50001");
            Session[] room = {session(alice)};
            List<Long> committedAtDelivery = new CopyOnWriteArrayList<>();
            journal.start();

            journal.submit(List.of(message(1), message(2)), List.of(Delivery.to(room, frame(1)),
                    new Delivery(room, frame(2), () -> committedAtDelivery.add(committed(history)))));
            journal.submit(List.of(message(3)), List.of(new Delivery(room, frame(3),
                    () -> committedAtDelivery.add(committed(history)))));
            journal.stop();

            assertEquals(lines(1, 2, 3), received(alice));
            assertTrue(committedAtDelivery.get(0) >= 2, committedAtDelivery.toString());
            assertEquals(3, committedAtDelivery.get(1));
        }
    }

    /** Read through the history's own reading connection, which sees only committed transactions. */
    private static long committed(History history) {
        try {
            return history.size("#lobby");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRecipientGetsEveryFrameInTheRoomsOrder() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        StubConnection bob = new StubConnection("127.0.0.1:50002");
        Session aliceSession = session(alice);
        Session[] both = {aliceSession, session(bob)};
        journal.start();

        for (int i = 0; i < 100; i += 4) {
            journal.submit(List.of(), List.of(Delivery.to(both, frame(i)), Delivery.to(aliceSession, frame(i + 1)),
                    Delivery.to(both, frame(i + 2)), Delivery.to(both, frame(i + 3))));
        }
        journal.stop();

        List<String> toAlice = new ArrayList<>();
        List<String> toBob = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            toAlice.add(frame(i).toString());
            if (i % 4 != 1) {
                toBob.add(frame(i).toString());
            }
        }
        assertEquals(toAlice, received(alice));
        assertEquals(toBob, received(bob));
    }

    @Test
    void aQuietRoomsSmallBatchIsDeliveredBeforeSubmitReturns() throws Exception {
        try (History history = new History(Database.open(dir))) {
            Journal journal = new Journal(history, log); // not started: only the caller's thread can deliver
            StubConnection alice = new StubConnection("127.0.0.1:50001");

            journal.submit(List.of(message(1)), List.of(Delivery.to(session(alice), frame(1))));

            assertEquals(lines(1), received(alice));
            assertEquals(1, committed(history));
        }
    }

    @Test
    void aLargeBatchGoesThroughThePipeline() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session[] room = {session(alice)};
        List<Delivery> burst = new ArrayList<>();
        for (int i = 0; i <= Journal.QUIET_BATCH; i++) {
            burst.add(Delivery.to(room, frame(i)));
        }

        journal.submit(List.of(), burst);
        assertEquals(List.of(), received(alice), "delivered by the pipeline's threads, which have not started");

        journal.start();
        journal.stop();
        assertEquals(Journal.QUIET_BATCH + 1, received(alice).size());
    }

    @Test
    void aBroadcastToAHugeRoomGoesThroughThePipeline() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session[] huge = new Session[Journal.QUIET_COPIES + 1];
        huge[0] = session(alice);
        for (int i = 1; i < huge.length; i++) {
            huge[i] = session(new StubConnection("127.0.0.1:" + (10_000 + i)));
        }

        journal.submit(List.of(), List.of(Delivery.to(huge, frame(1))));
        assertEquals(List.of(), received(alice), "not on the room thread: the pipeline has not started");

        journal.start();
        journal.stop();
        assertEquals(lines(1), received(alice));
    }

    @Test
    void aSmallBatchWaitsBehindOneInFlight() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session[] room = {session(alice)};
        CountDownLatch inDelivery = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Delivery> burst = new ArrayList<>();
        for (int i = 0; i < Journal.QUIET_BATCH; i++) {
            burst.add(Delivery.to(room, frame(i)));
        }
        burst.add(new Delivery(room, frame(Journal.QUIET_BATCH), () -> {
            inDelivery.countDown();
            awaitQuietly(release);
        }));
        journal.start();

        journal.submit(List.of(), burst);
        assertTrue(inDelivery.await(5, TimeUnit.SECONDS));
        journal.submit(List.of(), List.of(Delivery.to(room, frame(100))));
        List<String> early = received(alice);
        release.countDown();
        journal.stop();

        assertEquals(Journal.QUIET_BATCH + 1, early.size(), "the small batch must not overtake the one in flight");
        assertEquals(lines(100), received(alice));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void whatFollowsADeliveryRunsAfterItsFrameIsQueued() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection bob = new StubConnection("127.0.0.1:50002");
        Session bobSession = session(bob);
        journal.start();

        journal.submit(List.of(), List.of(Delivery.to(bobSession, frame(1)),
                new Delivery(new Session[] {bobSession}, frame(2), bob::close), Delivery.to(bobSession, frame(3))));
        journal.stop();

        assertEquals(lines(1, 2), received(bob));
        assertTrue(bob.isClosed());
    }

    @Test
    void aBatchWhoseCommitFailsIsRetriedAndDeliveredOnlyOnceCommitted() throws Exception {
        History saved = new History(Database.open(dir));
        AtomicBoolean down = new AtomicBoolean(true);
        HistoryStore history = mock(HistoryStore.class);
        doAnswer(call -> {
            if (down.get()) {
                throw new SQLException("Connection refused");
            }
            saved.append(call.getArgument(0));
            return null;
        }).when(history).append(any());
        Journal journal = new Journal(history, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session aliceSession = session(alice);
        journal.start();

        journal.submit(List.of(message(1)), List.of(Delivery.to(aliceSession, frame(1))));
        journal.submit(List.of(), List.of(Delivery.to(aliceSession, frame(2))));
        Thread.sleep(3 * Journal.FIRST_RETRY_WAIT_MILLIS);
        assertTrue(journal.failing(), "the room is told to refuse messages");
        assertEquals(List.of(), received(alice), "nothing is delivered before it is committed");

        down.set(false);
        assertEquals(lines(1), List.of(alice.poll(Duration.ofSeconds(10)).toString()));
        assertEquals(lines(2), List.of(alice.poll(Duration.ofSeconds(10)).toString()), "what waited behind it");
        assertFalse(journal.failing());
        journal.stop();
        assertEquals(1, saved.size("#lobby"));
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains(" history write failed, new messages are refused until it works again (1 waiting,"
                + " retried every 2 s at most): Connection refused\n"), logged);
        assertTrue(logged.contains(" history writes work again; new messages are accepted\n"), logged);
        assertEquals(1, logged.split("history write failed").length - 1, "one line for the outage: " + logged);
        saved.close();
    }

    @Test
    void anEntryTheStoreRefusesIsLoggedAndDeliveredWhileTheOthersAreSaved() throws Exception {
        History saved = new History(Database.open(dir));
        HistoryStore history = mock(HistoryStore.class);
        doAnswer(call -> {
            List<ServerMessage> entries = call.getArgument(0);
            if (entries.stream().anyMatch(entry -> HistoryStore.idOf(entry) == 2)) {
                throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
            }
            saved.append(entries);
            return null;
        }).when(history).append(any());
        Journal journal = new Journal(history, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session aliceSession = session(alice);

        journal.submit(List.of(message(1), message(2), message(3)), List.of(Delivery.to(aliceSession, frame(1)),
                Delivery.to(aliceSession, frame(2)), Delivery.to(aliceSession, frame(3))));

        assertEquals(lines(1, 2, 3), received(alice), "retrying could never save it: delivered");
        assertFalse(journal.failing());
        assertEquals(List.of(1L, 3L), saved.before("#lobby", Long.MAX_VALUE, 10).stream()
                .map(HistoryStore::idOf).toList());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains(" history refused message 2, not saved: invalid"
                + " byte sequence for encoding \"UTF8\": 0x00\n"), logBytes.toString(StandardCharsets.UTF_8));
        saved.close();
    }

    @Test
    void deletingARoomsHistoryWhileHistoryCannotBeWrittenIsRefusedAtOnce() throws Exception {
        HistoryStore history = mock(HistoryStore.class);
        doThrow(new SQLException("Connection refused", "08001")).when(history).append(any());
        Journal journal = new Journal(history, log);
        journal.start();
        journal.submit(List.of(message(1)), List.of(Delivery.to(session(new StubConnection("127.0.0.1:1")),
                frame(1))));
        while (!journal.failing()) {
            Thread.sleep(10);
        }

        assertThrows(SQLException.class, () -> journal.deleteHistory("#lobby"), "rather than freeze the room");
        journal.stop();
    }

    @Test
    void stoppingWhileHistoryCannotBeWrittenEndsWithoutDeliveringIt() throws Exception {
        HistoryStore history = mock(HistoryStore.class);
        doThrow(new SQLException("Connection refused")).when(history).append(any());
        Journal journal = new Journal(history, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        journal.start();

        journal.submit(List.of(message(1)), List.of(Delivery.to(session(alice), frame(1))));
        journal.stop();

        assertEquals(List.of(), received(alice));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains(
                " stopping with history unwritable: 1 messages were neither saved nor delivered\n"));
    }

    @Test
    void aFailingFollowUpDoesNotStopTheOthers() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session aliceSession = session(alice);
        journal.start();

        journal.submit(List.of(), List.of(new Delivery(new Session[] {aliceSession}, frame(1), () -> {
            throw new IllegalStateException("closed socket");
        }), Delivery.to(aliceSession, frame(2))));
        journal.stop();

        assertEquals(lines(1, 2), received(alice));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8)
                .contains("delivery failed: java.lang.IllegalStateException: closed socket"));
    }

    @Test
    void aConnectionThatFailsDoesNotSilenceTheRoom() throws InterruptedException {
        Journal journal = new Journal(null, log);
        StubConnection alice = new StubConnection("127.0.0.1:50001");
        Session broken = session(new Connection() {
            @Override
            public String remoteAddress() {
                return "127.0.0.1:50002";
            }

            @Override
            public boolean send(Frame frame) {
                throw new IllegalStateException("transport bug");
            }

            @Override
            public void close() {
            }
        });
        Session[] room = {broken, session(alice)};
        journal.start();

        journal.submit(List.of(), List.of(Delivery.to(room, frame(1)), Delivery.to(room, frame(2))));
        journal.submit(List.of(), List.of(Delivery.to(room, frame(3))));
        journal.stop();

        assertEquals(lines(1, 2, 3), received(alice));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains(clock.instant()
                + " delivery to 127.0.0.1:50002 failed: java.lang.IllegalStateException: transport bug"),
                logBytes.toString(StandardCharsets.UTF_8));
    }
}
