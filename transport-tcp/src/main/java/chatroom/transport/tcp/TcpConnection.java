package chatroom.transport.tcp;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Bye;
import chatroom.api.spi.Connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client connection on the server: a byte-bounded outbox drained by a writer that exists only while there is
 * something to write, and that writes everything queued with one gathering write. Nothing holds the lock while
 * writing to the socket, so a slow client never blocks whoever queues for it.
 */
final class TcpConnection implements Connection {
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final int MAX_GATHER = 256;
    private static final Frame OVERFLOW = MessageCodec.encode(new Bye(Bye.OVERLOADED,
            "Your connection could not keep up with the room; disconnected."));

    private final SocketChannel channel;
    private final String remoteAddress;
    private final long outboxLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closing;

    TcpConnection(SocketChannel channel, long outboxLimit) throws IOException {
        this.channel = channel;
        this.outboxLimit = outboxLimit;
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        String host = remote.getAddress().getHostAddress();
        this.remoteAddress = (host.contains(":") ? "[" + host + "]" : host) + ":" + remote.getPort();
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean send(Frame frame) {
        boolean startWriter = false;
        boolean overflow = false;
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            if (queuedBytes + frame.size() > outboxLimit) {
                // The client stopped reading: drop what it has not taken and tell it why, as IRC servers do.
                outbox.clear();
                outbox.add(OVERFLOW.buffer());
                queuedBytes = OVERFLOW.size();
                closing = true;
                overflow = true;
            } else {
                outbox.add(frame.buffer());
                queuedBytes += frame.size();
            }
            if (!writing) {
                writing = true;
                startWriter = true;
            }
        } finally {
            lock.unlock();
        }
        if (startWriter) {
            Thread.ofVirtual().name("tcp-writer").start(this::drain);
        }
        if (overflow) {
            closeAfterGrace();
        }
        return !overflow;
    }

    private void drain() {
        ByteBuffer[] batch = new ByteBuffer[MAX_GATHER];
        while (true) {
            int count = 0;
            boolean closeNow = false;
            lock.lock();
            try {
                while (count < MAX_GATHER && !outbox.isEmpty()) {
                    ByteBuffer buffer = outbox.poll();
                    queuedBytes -= buffer.remaining();
                    batch[count++] = buffer;
                }
                if (count == 0) {
                    writing = false;
                    closeNow = closing;
                }
            } finally {
                lock.unlock();
            }
            if (count == 0) {
                if (closeNow) {
                    closeNow();
                }
                return;
            }
            try {
                writeFully(batch, count);
            } catch (IOException e) {
                closeNow();
                lock.lock();
                try {
                    closing = true;
                    writing = false;
                    outbox.clear();
                    queuedBytes = 0;
                } finally {
                    lock.unlock();
                }
                return;
            }
            Arrays.fill(batch, 0, count, null);
        }
    }

    private void writeFully(ByteBuffer[] batch, int count) throws IOException {
        int first = 0;
        while (first < count) {
            channel.write(batch, first, count - first);
            while (first < count && !batch[first].hasRemaining()) {
                first++;
            }
        }
    }

    @Override
    public void close() {
        boolean idle;
        lock.lock();
        try {
            idle = !writing;
            closing = true;
        } finally {
            lock.unlock();
        }
        if (idle) {
            closeNow();
        } else {
            closeAfterGrace();
        }
    }

    /** A writer blocked on a client that does not read would wait forever; this bounds the wait. */
    private void closeAfterGrace() {
        Thread.ofVirtual().name("tcp-close").start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeNow();
        });
    }

    void closeNow() {
        try {
            channel.close();
        } catch (IOException e) {
            // Already broken; closed either way.
        }
    }
}
