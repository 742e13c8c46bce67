package chatroom.server;

import chatroom.api.codec.Frame;
import chatroom.api.spi.Connection;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection without a socket: keeps every frame the server sends, in order, and notices when it is closed. Like
 * a real transport it drops frames sent after the close, so a goodbye sent too late is missed in tests too.
 */
public final class StubConnection implements Connection {
    private final String address;
    private final BlockingQueue<Frame> sent = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean stalled;
    private volatile boolean overflowed;
    private volatile Runnable whenClosed = () -> {
    };

    public StubConnection(String address) {
        this.address = address;
    }

    /** What to run once the connection is closed, from either side: the transport then tells the server. */
    public void whenClosed(Runnable action) {
        whenClosed = action;
    }

    @Override
    public String remoteAddress() {
        return address;
    }

    /**
     * The client stops reading: the next frame overflows the queue, as in a real transport, whose connection then
     * closes only after a grace period; here it stays open until closed explicitly.
     */
    public void stall() {
        stalled = true;
    }

    @Override
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public boolean send(Frame frame) {
        if (isClosed() || overflowed) {
            return false;
        }
        if (stalled) {
            overflowed = true;
            return false;
        }
        sent.add(frame);
        return true;
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closed.countDown();
            whenClosed.run();
        }
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The next frame the server sent, or null when none comes in time. */
    public Frame poll(Duration timeout) throws InterruptedException {
        return sent.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The next frame already sent, or null. */
    public Frame poll() {
        return sent.poll();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
