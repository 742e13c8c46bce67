package chatroom.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes a {@link SocketLoop} has read from a connection and its reader has not taken yet, as a blocking stream
 * for that reader. At most {@code capacity} bytes wait here: when full, the loop stops reading the socket until the
 * reader has taken half, so a client that sends faster than the server handles its lines waits in TCP, as it did
 * when a thread read the socket itself. The buffer exists only while bytes wait, so idle connections hold none.
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

    /**
     * @param resume called (from the reader's thread) when a full pipe has room again, to read the socket again
     */
    InboundPipe(int capacity, Runnable resume) {
        this.capacity = capacity;
        this.resume = resume;
    }

    /**
     * The loop's side: reads what the channel has, as much as fits.
     *
     * @return whether to go on reading the socket: false at its end, on an error, or while this pipe is full
     */
    boolean readFrom(ReadableByteChannel channel) {
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
            paused = !ended && end == capacity;
            return !ended && !paused;
        } finally {
            lock.unlock();
        }
    }

    /** The connection is closed: the reader gets what is here, then the end. */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
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
