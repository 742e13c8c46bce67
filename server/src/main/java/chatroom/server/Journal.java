package chatroom.server;

import chatroom.api.codec.Frame;
import chatroom.api.message.ServerMessage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The room's pipeline after the room thread: one thread writes each batch's history entries in one transaction
 * (whatever queued up during a commit goes into the next one: group commit), and a second thread then hands the
 * batch's frames to the connections. Nobody receives a message that a crash could lose, durability costs one
 * commit per batch rather than per message, and delivering one batch overlaps with committing the next.
 */
final class Journal {
    private record Batch(List<ServerMessage> entries, List<Delivery> deliveries) {
    }

    private static final Batch END = new Batch(List.of(), List.of());

    private final History history;
    private final ServerLog log;
    private final BlockingQueue<Batch> toCommit = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> toDeliver = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final Thread deliverer;

    /** @param history where entries go, or {@code null} to keep history in memory only */
    Journal(History history, ServerLog log) {
        this.history = history;
        this.log = log;
        this.committer = Thread.ofPlatform().name("journal").daemon().unstarted(this::commitLoop);
        this.deliverer = Thread.ofPlatform().name("delivery").daemon().unstarted(this::deliveryLoop);
    }

    void start() {
        committer.start();
        deliverer.start();
    }

    void submit(List<ServerMessage> entries, List<Delivery> deliveries) {
        toCommit.add(new Batch(entries, deliveries));
    }

    private void commitLoop() {
        List<Batch> batches = new ArrayList<>();
        List<ServerMessage> entries = new ArrayList<>();
        while (true) {
            try {
                batches.add(toCommit.take());
            } catch (InterruptedException e) {
                return;
            }
            toCommit.drainTo(batches);
            for (Batch batch : batches) {
                entries.addAll(batch.entries());
            }
            write(entries);
            toDeliver.addAll(batches);
            if (batches.contains(END)) {
                return;
            }
            batches.clear();
            entries.clear();
        }
    }

    private void write(List<ServerMessage> entries) {
        if (history == null || entries.isEmpty()) {
            return;
        }
        try {
            history.append(entries);
        } catch (SQLException | RuntimeException e) {
            // Availability over durability: the room goes on, and the operator learns what was not saved.
            log.info("history write failed, " + entries.size() + " messages not saved: " + e.getMessage());
        }
    }

    private void deliveryLoop() {
        List<Batch> batches = new ArrayList<>();
        List<Frame> run = new ArrayList<>();
        while (true) {
            try {
                batches.add(toDeliver.take());
            } catch (InterruptedException e) {
                return;
            }
            toDeliver.drainTo(batches);
            Session[] runRecipients = null;
            for (Batch batch : batches) {
                for (Delivery delivery : batch.deliveries()) {
                    if (delivery.recipients() != runRecipients) {
                        queue(run, runRecipients);
                        runRecipients = delivery.recipients();
                    }
                    run.add(delivery.frame());
                    if (delivery.then() != null) {
                        queue(run, runRecipients);
                        runRecipients = null;
                        runSafely(delivery.then());
                    }
                }
            }
            queue(run, runRecipients);
            if (batches.contains(END)) {
                return;
            }
            batches.clear();
        }
    }

    /** Queues a run of frames to each of its recipients with one call per recipient. */
    private void queue(List<Frame> run, Session[] recipients) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            Frame frame = run.getFirst();
            for (Session recipient : recipients) {
                recipient.send(frame);
            }
        } else {
            List<Frame> frames = List.copyOf(run);
            for (Session recipient : recipients) {
                recipient.send(frames);
            }
        }
        run.clear();
    }

    private void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.info("delivery failed: " + e);
        }
    }

    /** Commits and delivers what is queued, then stops both threads. */
    void stop() throws InterruptedException {
        toCommit.add(END);
        committer.join();
        deliverer.join();
    }
}
