package chatroom.transport.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One platform thread doing the socket I/O of many plain connections with a selector: it reads what arrives into
 * each connection's {@link InboundPipe} and writes what is queued for them, without blocking on any. A broadcast
 * to a hundred connections then costs this thread a hundred writes after one wake-up, where a writer thread per
 * connection cost a hundred thread starts and hand-offs between cores (and the garbage of each).
 */
final class SocketLoop implements Closeable {
    /** What a registered connection does when its socket is ready. */
    interface Ready {
        void ready(SelectionKey key);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Whether a wake-up is on its way: many tasks queued at once cost one system call to wake the loop. */
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile boolean open = true;

    SocketLoop(String name) throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        thread.start();
    }

    /** Runs the task on this loop's thread, soon; in order with the other tasks given to it. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread && wakeUpPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    private void run() {
        try {
            while (open) {
                selector.select();
                wakeUpPending.set(false);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runSafely(task);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        runSafely(() -> ((Ready) key.attachment()).ready(key));
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // Closed with the transport.
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A bug for one connection must not stop the I/O of all the others.
            System.err.println("tcp: an I/O task failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.close();
    }
}
