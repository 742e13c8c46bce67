package chatroom.server.rooms;

import chatroom.api.codec.Frame;
import chatroom.api.message.ServerMessage;
import chatroom.server.log.ServerLog;
import chatroom.server.sessions.Session;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The room's pipeline after the room thread: one thread writes each batch's history entries in one transaction
 * (whatever queued up during a commit goes into the next one: group commit), and a second thread then hands the
 * batch's frames to the connections. Nobody receives a message that a crash could lose, durability costs one
 * commit per batch rather than per message, and delivering one batch overlaps with committing the next.
 *
 * <p>A quiet room skips the pipeline: a small batch submitted while nothing is in flight is committed and handed to
 * the connections by the room thread itself. Each hand-off to a parked thread costs a wake-up and widens the latency
 * tail, and a steady trickle of messages would pay two per message for an overlap it does not need. A busy room
 * submits large batches or finds the pipeline busy, and keeps the overlap.
 *
 * <p>A batch whose commit fails (the database is unreachable, the disk is full) is neither delivered nor dropped:
 * the journal retries it, waiting longer each time up to {@link #MAX_RETRY_WAIT_MILLIS}, and everything after it
 * waits behind it. Meanwhile {@link #failing()} is true, and the room refuses new messages rather than queue what it
 * cannot save; once a retry commits, the batch and those behind it are delivered in order and the room takes
 * messages again. So nothing is acknowledged, to its sender or anyone, before it is committed.
 */
public final class Journal {
    private record Batch(List<ServerMessage> entries, List<PrivateRow> privateMessages, List<Delivery> deliveries) {
    }

    private static final Batch END = new Batch(List.of(), List.of(), List.of());
    /** Deliveries in a batch small enough for the room thread to deliver it: a few messages, not a burst. */
    static final int QUIET_BATCH = 8;
    /** Copies in such a batch: queueing one costs the room thread about a microsecond, a huge room waits for none. */
    static final int QUIET_COPIES = 1000;
    static final long FIRST_RETRY_WAIT_MILLIS = 100;
    static final long MAX_RETRY_WAIT_MILLIS = 2_000;

    private final HistoryStore history;
    private final PrivateStore privates;
    private final ServerLog log;
    private final BlockingQueue<Batch> toCommit = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> toDeliver = new LinkedBlockingQueue<>();
    /** Batches submitted to the pipeline and not yet delivered; while there are any, later ones must queue behind. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread committer;
    private final Thread deliverer;
    /** Whether the last commit failed: read by the room thread, to refuse messages while it cannot save them. */
    private volatile boolean failing;
    private volatile boolean stopping;

    /** @param history where entries go, or {@code null} to keep history in memory only */
    public Journal(HistoryStore history, ServerLog log) {
        this(history, null, log);
    }

    /**
     * @param history  where entries go, or {@code null} to keep history in memory only
     * @param privates where private messages between accounts go, or {@code null} to keep none
     */
    public Journal(HistoryStore history, PrivateStore privates, ServerLog log) {
        this.history = history;
        this.privates = privates;
        this.log = log;
        this.committer = Thread.ofPlatform().name("journal").daemon().unstarted(this::commitLoop);
        this.deliverer = Thread.ofPlatform().name("delivery").daemon().unstarted(this::deliveryLoop);
    }

    public void start() {
        committer.start();
        deliverer.start();
    }

    /** Called by one thread only, the room's: whether the pipeline is empty cannot change under it but to empty. */
    void submit(List<ServerMessage> entries, List<Delivery> deliveries) {
        submit(entries, List.of(), deliveries);
    }

    /** As {@link #submit(List, List)}, with private messages to store alongside the entries. */
    void submit(List<ServerMessage> entries, List<PrivateRow> privateMessages, List<Delivery> deliveries) {
        Batch batch = new Batch(entries, privateMessages, deliveries);
        if (inFlight.get() == 0 && isQuiet(deliveries) && write(entries, privateMessages)) {
            deliver(runs(List.of(batch)));
            return;
        }
        // Busy, or its commit failed: the pipeline commits it (retrying until it can) before anyone receives it.
        inFlight.incrementAndGet();
        toCommit.add(batch);
    }

    /**
     * Waits until everything submitted before is committed and delivered (called by the room thread, which submits
     * nothing meanwhile); false, at once, while the store cannot be written.
     */
    boolean awaitCommitted() {
        while (inFlight.get() > 0) {
            if (failing || stopping) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /**
     * Deletes a room's history, after every entry submitted before (called by the room thread, which submits
     * nothing meanwhile): waits for the pipeline to be empty, then deletes.
     */
    void deleteHistory(String room) throws SQLException {
        while (inFlight.get() > 0) {
            if (failing || stopping) {
                // The pipeline will not empty until the store is back: refuse rather than freeze every room.
                throw new SQLException("history cannot be written now");
            }
            LockSupport.parkNanos(100_000);
        }
        if (history != null) {
            history.deleteRoom(room);
        }
    }

    private static boolean isQuiet(List<Delivery> deliveries) {
        if (deliveries.size() > QUIET_BATCH) {
            return false;
        }
        int copies = 0;
        for (Delivery delivery : deliveries) {
            copies += delivery.recipients().length;
        }
        return copies <= QUIET_COPIES;
    }

    private void commitLoop() {
        List<Batch> batches = new ArrayList<>();
        List<ServerMessage> entries = new ArrayList<>();
        List<PrivateRow> privateMessages = new ArrayList<>();
        while (true) {
            try {
                batches.add(toCommit.take());
            } catch (InterruptedException e) {
                return;
            }
            toCommit.drainTo(batches);
            for (Batch batch : batches) {
                entries.addAll(batch.entries());
                privateMessages.addAll(batch.privateMessages());
            }
            if (writeUntilCommitted(entries, privateMessages)) {
                toDeliver.addAll(batches);
            } else if (batches.contains(END)) {
                toDeliver.add(END);
            }
            if (batches.contains(END)) {
                return;
            }
            batches.clear();
            entries.clear();
            privateMessages.clear();
        }
    }

    /** Whether history cannot be written now: the room refuses new messages while this is true. */
    public boolean failing() {
        return failing;
    }

    /**
     * Commits the entries, retrying until a commit succeeds; returns false only when the server stops first (the
     * entries were then neither saved nor delivered).
     */
    private boolean writeUntilCommitted(List<ServerMessage> entries, List<PrivateRow> privateMessages) {
        long wait = FIRST_RETRY_WAIT_MILLIS;
        while (!write(entries, privateMessages)) {
            if (stopping) {
                log.info("stopping with history unwritable: " + (entries.size() + privateMessages.size())
                        + " messages were neither saved nor delivered");
                return false;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
            wait = Math.min(wait * 2, MAX_RETRY_WAIT_MILLIS);
        }
        return true;
    }

    /**
     * One commit; whether it is done. A batch with an entry the store refuses for what it holds (not for where it
     * is) is written entry by entry, so that the others are saved; such an entry is logged and delivered unsaved,
     * since retrying could never save it. The first failure and the recovery are logged, not every retry.
     */
    private boolean write(List<ServerMessage> entries, List<PrivateRow> privateMessages) {
        return write(entries) && writePrivate(privateMessages);
    }

    /**
     * Commits private messages, as {@link #write(List)} commits entries: written again after a failure, which the
     * store ignores for those it has; one it refuses for what it holds is logged and delivered unsaved.
     */
    private boolean writePrivate(List<PrivateRow> rows) {
        if (privates == null || rows.isEmpty()) {
            return true;
        }
        try {
            privates.append(rows);
        } catch (SQLException e) {
            if (!refusesData(e)) {
                startFailing(rows.size(), e);
                return false;
            }
            for (PrivateRow row : rows) {
                try {
                    privates.append(List.of(row));
                } catch (SQLException one) {
                    if (!refusesData(one)) {
                        startFailing(rows.size(), one);
                        return false;
                    }
                    log.info("private message " + row.id() + " refused, not saved: " + one.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.info("private messages write failed, " + rows.size() + " not saved: " + e);
        }
        stopFailing();
        return true;
    }

    private boolean write(List<ServerMessage> entries) {
        if (history == null || entries.isEmpty()) {
            return true;
        }
        try {
            history.append(entries);
        } catch (SQLException e) {
            if (refusesData(e)) {
                return writeOneByOne(entries);
            }
            startFailing(entries.size(), e);
            return false;
        } catch (RuntimeException e) {
            // A bug rather than the database: retrying cannot help, so the room goes on and the operator is told.
            log.info("history write failed, " + entries.size() + " messages not saved: " + e);
        }
        stopFailing();
        return true;
    }

    private boolean writeOneByOne(List<ServerMessage> entries) {
        for (ServerMessage entry : entries) {
            try {
                history.append(List.of(entry));
            } catch (SQLException e) {
                if (!refusesData(e)) {
                    // Those written already are written again on the retry, which the store ignores.
                    startFailing(entries.size(), e);
                    return false;
                }
                log.info("history refused " + entry.type() + " " + HistoryStore.idOf(entry) + ", not saved: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                log.info("history write failed, " + entry.type() + " not saved: " + e);
            }
        }
        stopFailing();
        return true;
    }

    /**
     * Whether the store refused what an entry holds (SQL states 22, data, and 23, integrity), which no retry can
     * change, rather than failed to reach its data.
     */
    static boolean refusesData(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLDataException || e instanceof SQLIntegrityConstraintViolationException
                || state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void startFailing(int waiting, SQLException e) {
        if (!failing) {
            failing = true;
            log.info("history write failed, new messages are refused until it works again (" + waiting
                    + " waiting, retried every " + MAX_RETRY_WAIT_MILLIS / 1000 + " s at most): " + e.getMessage());
        }
    }

    private void stopFailing() {
        if (failing) {
            failing = false;
            log.info("history writes work again; new messages are accepted");
        }
    }

    /** Frames in the room's order for one recipient set, and what to do once they are queued. */
    private record Run(Session[] recipients, List<Frame> frames, Runnable then) {
    }

    private void deliveryLoop() {
        List<Batch> batches = new ArrayList<>();
        while (true) {
            try {
                batches.add(toDeliver.take());
            } catch (InterruptedException e) {
                return;
            }
            toDeliver.drainTo(batches);
            deliver(runs(batches));
            inFlight.addAndGet(-batches.size());
            if (batches.contains(END)) {
                return;
            }
            batches.clear();
        }
    }

    /** Consecutive deliveries to the same recipients array form one run; an action after a frame ends its run. */
    private static List<Run> runs(List<Batch> batches) {
        List<Run> runs = new ArrayList<>();
        Session[] recipients = null;
        List<Frame> frames = new ArrayList<>();
        for (Batch batch : batches) {
            for (Delivery delivery : batch.deliveries()) {
                if (delivery.recipients() != recipients && !frames.isEmpty()) {
                    runs.add(new Run(recipients, frames, null));
                    frames = new ArrayList<>();
                }
                recipients = delivery.recipients();
                frames.add(delivery.frame());
                if (delivery.then() != null) {
                    runs.add(new Run(recipients, frames, delivery.then()));
                    frames = new ArrayList<>();
                }
            }
        }
        if (!frames.isEmpty()) {
            runs.add(new Run(recipients, frames, null));
        }
        return runs;
    }

    /**
     * Queues each recipient's frames with one call. With one run that is the run itself; when joins, leaves or
     * private messages break the batch into several runs, the frames are first gathered per recipient, so a busy
     * room still wakes each connection's writer once per batch rather than once per frame.
     */
    private void deliver(List<Run> runs) {
        if (runs.size() == 1) {
            Run run = runs.getFirst();
            queue(run.recipients(), List.copyOf(run.frames()));
            if (run.then() != null) {
                runSafely(run.then());
            }
            return;
        }
        Map<Session, List<Frame>> perRecipient = new IdentityHashMap<>();
        for (Run run : runs) {
            for (Session recipient : run.recipients()) {
                perRecipient.computeIfAbsent(recipient, any -> new ArrayList<>()).addAll(run.frames());
            }
            if (run.then() != null) {
                perRecipient.forEach(this::queue);
                perRecipient.clear();
                runSafely(run.then());
            }
        }
        perRecipient.forEach(this::queue);
    }

    private void queue(Session[] recipients, List<Frame> frames) {
        for (Session recipient : recipients) {
            queue(recipient, frames);
        }
    }

    private void queue(Session recipient, List<Frame> frames) {
        try {
            if (frames.size() == 1) {
                recipient.send(frames.getFirst());
            } else {
                recipient.send(frames);
            }
        } catch (RuntimeException e) {
            // One broken connection must not silence the room for everyone after it.
            log.info("delivery to " + recipient.address() + " failed: " + e);
        }
    }

    private void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.info("delivery failed: " + e);
        }
    }

    /** Commits and delivers what is queued, then stops both threads. */
    public void stop() throws InterruptedException {
        stopping = true;
        inFlight.incrementAndGet();
        toCommit.add(END);
        committer.join();
        deliverer.join();
    }
}
