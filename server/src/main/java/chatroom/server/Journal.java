package chatroom.server;

import chatroom.api.message.ServerMessage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The second stage of the room's pipeline: writes each batch's history entries in one transaction, then runs the
 * batch's deliveries. Whatever queued up during a commit is written by the next one (group commit), so durability
 * costs one fsync per batch, not per message, and nobody receives a message that a crash could lose.
 */
final class Journal {
    private record Batch(List<ServerMessage> entries, List<Runnable> deliveries) {
    }

    private static final Batch END = new Batch(List.of(), List.of());

    private final History history;
    private final ServerLog log;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** @param history where entries go, or {@code null} to keep history in memory only */
    Journal(History history, ServerLog log) {
        this.history = history;
        this.log = log;
        this.thread = Thread.ofPlatform().name("journal").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void submit(List<ServerMessage> entries, List<Runnable> deliveries) {
        queue.add(new Batch(entries, deliveries));
    }

    private void run() {
        List<Batch> batches = new ArrayList<>();
        List<ServerMessage> entries = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                batches.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batches);
            for (Batch batch : batches) {
                entries.addAll(batch.entries());
            }
            write(entries);
            for (Batch batch : batches) {
                if (batch == END) {
                    running = false;
                }
                for (Runnable delivery : batch.deliveries()) {
                    try {
                        delivery.run();
                    } catch (RuntimeException e) {
                        log.info("delivery failed: " + e);
                    }
                }
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

    /** Runs what is queued, then stops. */
    void stop() throws InterruptedException {
        queue.add(END);
        thread.join();
    }
}
