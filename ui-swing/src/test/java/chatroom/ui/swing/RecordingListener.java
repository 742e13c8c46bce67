package chatroom.ui.swing;

import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Records what a second, windowless client receives, so a test can wait for a particular event. */
final class RecordingListener implements ChatListener {
    private static final long PATIENCE_SECONDS = 20;

    private final String who;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    RecordingListener(String who) {
        this.who = who;
    }

    record Disconnected(String reason, boolean error) {
    }

    @Override
    public void onMessage(ServerMessage message) {
        events.add(message);
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        events.add(new Disconnected(reason, error));
    }

    /** Waits for the next event of this type that matches, skipping others; fails saying what came instead. */
    <T> T await(Class<T> type, Predicate<T> matching) throws InterruptedException {
        List<Object> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            Object event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            if (type.isInstance(event) && matching.test(type.cast(event))) {
                return type.cast(event);
            }
            skipped.add(event);
        }
        return fail(who + " did not receive the expected " + type.getSimpleName() + "; got " + skipped);
    }
}
