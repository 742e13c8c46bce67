package chatroom.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes a {@link SocketLoop} has read from a connection and its reader has not taken yet. At most
 * {@code capacity} bytes wait here: when full, the loop stops reading the socket until the reader has taken half, so
 * a client that sends faster than the server handles its lines waits in TCP, as it did when a thread read the socket
 * itself. The buffer exists only while bytes wait, so idle connections hold none.
 *
 * <p>The reader is a {@link LineDrainer} that runs only while there is something to read: it takes what is here
 * without blocking and then {@link #park parks}; the next bytes, or the end, {@link #drainWith start} it again. One
 * drainer at a time, so the connection's lines are handled in order.
 */
final class InboundPipe extends InputStream {
    private final int capacity;
    private final Runnable resume;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] buffer;
    private int start;
    private int end;
    private boolean ended;
    private IOException failure;
    private boolean paused;
    /** Whether a drainer is running; the first one runs from the start, to take the connection in. */
    private boolean draining = true;
    private Runnable startDrainer;

    /**
     * @param resume called (from the reader's thread) when a full pipe has room again, to read the socket again
     */
    InboundPipe(int capacity, Runnable resume) {
        this.capacity = capacity;
        this.resume = resume;
    }

    /** How to start a drainer when bytes arrive while none runs; given before the first drainer runs. */
    void drainWith(Runnable start) {
        lock.lock();
        try {
            startDrainer = start;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The drainer found nothing left: it stops, unless bytes or the end came meanwhile.
     *
     * @return whether the drainer is to stop (the next bytes start another)
     */
    boolean park() {
        lock.lock();
        try {
            if (start == end && !ended) {
                draining = false;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream ended and everything before the end has been taken. */
    boolean finished() {
        lock.lock();
        try {
            return ended && start == end;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, after bytes or the end arrived: the drainer to start, if none runs. */
    private Runnable wakeDrainer() {
        if (draining || startDrainer == null) {
            return null;
        }
        draining = true;
        return startDrainer;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return end - start;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The loop's side: reads what the channel has, as much as fits.
     *
     * @return whether to go on reading the socket: false at its end, on an error, or while this pipe is full
     */
    boolean readFrom(ReadableByteChannel channel) {
        Runnable wake = null;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            if (buffer == null) {
                buffer = new byte[capacity];
            } else if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int read;
            try {
                read = channel.read(ByteBuffer.wrap(buffer, end, capacity - end));
            } catch (IOException e) {
                failure = e;
                ended = true;
                arrived.signalAll();
                wake = wakeDrainer();
                return false;
            }
            if (read < 0) {
                ended = true;
            } else {
                end += read;
            }
            if (end == start && !ended) {
                buffer = null; // nothing arrived after all
                start = end = 0;
            }
            arrived.signalAll();
            if (end > start || ended) {
                wake = wakeDrainer();
            }
            paused = !ended && end == capacity;
            return !ended && !paused;
        } finally {
            lock.unlock();
            if (wake != null) {
                wake.run();
            }
        }
    }

    /** The connection is closed: the reader gets what is here, then the end. */
    void end() {
        Runnable wake;
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
            wake = wakeDrainer();
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        boolean resumeReading = false;
        int count;
        lock.lock();
        try {
            while (start == end && !ended) {
                arrived.awaitUninterruptibly();
            }
            if (start == end) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            count = Math.min(length, end - start);
            System.arraycopy(buffer, start, target, offset, count);
            start += count;
            if (start == end) {
                buffer = null;
                start = end = 0;
            }
            if (paused && end - start <= capacity / 2) {
                paused = false;
                resumeReading = true;
            }
        } finally {
            lock.unlock();
        }
        if (resumeReading) {
            resume.run();
        }
        return count;
    }
}
