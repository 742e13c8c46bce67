package chatroom.server.rooms;

import chatroom.api.message.ServerMessage;
import chatroom.server.log.ServerLog;
import chatroom.server.sessions.Session;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.PrivateRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * On a node of several, the rooms' entries are numbered by the database rather than by the room: one thread
 * commits what the rooms thread said (whatever queued up meanwhile goes into one transaction), and hands the
 * numbered entries back to the rooms thread, which delivers them in id order with what the other nodes committed.
 * Nothing is shown to anyone, the sender included, before it is committed.
 *
 * <p>A commit that fails (the database is unreachable) is retried, waiting longer each time, and everything after it
 * waits behind it; meanwhile {@link #failing()} is true and the rooms refuse new messages, as with {@link Journal}.
 */
public final class Numbering {
    /**
     * A room's entry or a private message to number (one of the two); {@code sender} and {@code cid} say who gets it
     * back with its client message id.
     */
    record Unnumbered(ServerMessage entry, PrivateRow privateMessage, Session sender, String cid) {
        Unnumbered(ServerMessage entry, Session sender, String cid) {
            this(entry, null, sender, cid);
        }

        Unnumbered(PrivateRow privateMessage, Session sender, String cid) {
            this(null, privateMessage, sender, cid);
        }
    }

    private static final long FIRST_RETRY_WAIT_MILLIS = 100;
    private static final long MAX_RETRY_WAIT_MILLIS = 2_000;

    private final ClusterLink link;
    private final ServerLog log;
    private final Consumer<Rooms.Event> rooms;
    private final BlockingQueue<Unnumbered> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean failing;
    private volatile boolean stopping;

    /** @param rooms where numbered entries go: the rooms thread's inbox */
    public Numbering(ClusterLink link, ServerLog log, Consumer<Rooms.Event> rooms) {
        this.link = link;
        this.log = log;
        this.rooms = rooms;
        this.thread = Thread.ofPlatform().name("numbering").daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** Called by the rooms thread. */
    void submit(Unnumbered entry) {
        queue.add(entry);
    }

    /** Whether entries cannot be committed now: the rooms refuse new messages while this is true. */
    boolean failing() {
        return failing;
    }

    private void loop() {
        List<Unnumbered> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
            }
            queue.drainTo(batch);
            List<Unnumbered> entries = batch.stream().filter(one -> one.entry() != null).toList();
            List<Unnumbered> privates = batch.stream().filter(one -> one.privateMessage() != null).toList();
            if (!entries.isEmpty()) {
                List<ServerMessage> numbered = commitUntilDone(entries.size(), () -> link.append(entries.stream()
                        .map(Unnumbered::entry).toList()));
                if (numbered == null) {
                    return;
                }
                List<Rooms.Numbered.Entry> done = new ArrayList<>(numbered.size());
                for (int i = 0; i < numbered.size(); i++) {
                    done.add(new Rooms.Numbered.Entry(numbered.get(i), entries.get(i).sender(), entries.get(i).cid()));
                }
                if (!done.isEmpty()) {
                    rooms.accept(new Rooms.Numbered(done));
                }
            }
            if (!privates.isEmpty()) {
                List<PrivateRow> numbered = commitUntilDone(privates.size(), () -> link.appendPrivate(privates
                        .stream().map(Unnumbered::privateMessage).toList()));
                if (numbered == null) {
                    return;
                }
                List<Rooms.PrivatesNumbered.Message> done = new ArrayList<>(numbered.size());
                for (int i = 0; i < numbered.size(); i++) {
                    done.add(new Rooms.PrivatesNumbered.Message(numbered.get(i), privates.get(i).sender(),
                            privates.get(i).cid()));
                }
                if (!done.isEmpty()) {
                    rooms.accept(new Rooms.PrivatesNumbered(done));
                }
            }
            batch.clear();
        }
    }

    /** One commit to the link: what it returns. */
    @FunctionalInterface
    private interface Commit<T> {
        List<T> run() throws SQLException;
    }

    /**
     * The messages with their ids once committed; empty when the database refuses what they hold; null if the
     * server stops first.
     */
    private <T> List<T> commitUntilDone(int count, Commit<T> commit) {
        long wait = FIRST_RETRY_WAIT_MILLIS;
        while (true) {
            try {
                List<T> numbered = commit.run();
                if (failing) {
                    failing = false;
                    log.info("history writes work again; new messages are accepted");
                }
                return numbered;
            } catch (SQLException e) {
                if (Journal.refusesData(e)) {
                    // No retry can save what the database refuses to hold; the others wait for no one.
                    log.info("history refused a batch, " + count + " messages not saved or shown: "
                            + e.getMessage());
                    return List.of();
                }
                if (!failing) {
                    failing = true;
                    log.info("history write failed, new messages are refused until it works again ("
                            + count + " waiting): " + e.getMessage());
                }
            }
            if (stopping) {
                log.info("stopping with history unwritable: " + count + " messages were not saved");
                return null;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return null;
            }
            wait = Math.min(wait * 2, MAX_RETRY_WAIT_MILLIS);
        }
    }

    /** Commits what is queued (unless the database is unreachable), then stops. */
    public void stop() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
