package chatroom.client;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task on the model's thread after a delay: a read reported once reports may go again. */
@FunctionalInterface
public interface Later {
    void after(long nanos, Runnable task);

    /** Waits on one daemon thread shared by every model, then hands the task to the model's thread. */
    static Later through(Executor modelThread) {
        return (nanos, task) -> LaterThread.SCHEDULER.schedule(() -> modelThread.execute(task), nanos,
                TimeUnit.NANOSECONDS);
    }
}

/** The one thread that waits for every model's delayed work; it never runs that work itself. */
final class LaterThread {
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("chat-later").unstarted(task));

    private LaterThread() {
    }
}
