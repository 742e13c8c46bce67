package chatroom.transport.tcp;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Bye;
import chatroom.api.spi.Connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client connection on the server: a byte-bounded outbox of frames, drained by a writer that exists only while
 * there is something to write. The writer copies what is queued into a pooled off-heap buffer and writes it with one
 * call, so a broadcast costs a memory copy per recipient, not an object or a system call per message. Nothing
 * holds the lock while writing to the socket, so a slow client never blocks whoever queues for it.
 */
final class TcpConnection implements Connection {
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    /** Buffers kept for reuse; only writers that are busy at the same moment hold one. */
    private static final ConcurrentLinkedQueue<ByteBuffer> WRITE_BUFFERS = new ConcurrentLinkedQueue<>();
    private static final Frame OVERFLOW = MessageCodec.encode(new Bye(Bye.OVERLOADED,
            "Your connection could not keep up with the room; disconnected."));

    private final SocketChannel socket;
    private final WritableByteChannel channel;
    private final String remoteAddress;
    private final long outboxLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Frame> outbox = new ArrayDeque<>(4);
    private long queuedBytes;
    private boolean writing;
    private boolean closing;
    /**
     * Whether a TLS handshake is still to come: until it is done nothing is written (a write would start the
     * handshake on the writer's thread), and a close cannot say goodbye, so it is immediate.
     */
    private boolean awaitingHandshake;
    private volatile boolean overflowed;
    /** One closer per connection, however many times it is asked to close. */
    private final AtomicBoolean closerStarted = new AtomicBoolean();
    /** Does the socket I/O when not null; else a virtual thread writes, and the reader reads the socket itself. */
    private final SocketLoop loop;
    private final InboundPipe inbound;
    private final Runnable writeFromLoop = this::writeFromLoop;
    /** A frame too large for a buffer, taken from the outbox to be written by itself. */
    private Frame large;
    // On the loop's thread only.
    private SelectionKey key;
    private ByteBuffer unwritten;
    private boolean unwrittenPooled;
    private boolean waitingToWrite;
    private boolean readingPaused;

    TcpConnection(SocketChannel socket, long outboxLimit) throws IOException {
        this(socket, socket, outboxLimit, false, null, 0);
    }

    /**
     * A plain connection whose socket I/O a {@link SocketLoop} does; its {@link LineDrainer} reads {@link #inbound()}.
     *
     * @param readAhead the most bytes read from the socket and not yet taken by the reader
     */
    TcpConnection(SocketChannel socket, long outboxLimit, SocketLoop loop, int readAhead) throws IOException {
        this(socket, socket, outboxLimit, false, loop, readAhead);
    }

    /**
     * @param socket            the connection underneath, whose sending side ends when the server says goodbye
     * @param out               where the frames go: the socket itself, or TLS over it; closing it ends the connection
     * @param awaitingHandshake whether {@code out} is TLS whose handshake {@link #handshakeDone()} will report
     */
    TcpConnection(SocketChannel socket, WritableByteChannel out, long outboxLimit, boolean awaitingHandshake)
            throws IOException {
        this(socket, out, outboxLimit, awaitingHandshake, null, 0);
    }

    private TcpConnection(SocketChannel socket, WritableByteChannel out, long outboxLimit, boolean awaitingHandshake,
                          SocketLoop loop, int readAhead) throws IOException {
        this.socket = socket;
        this.channel = out;
        this.outboxLimit = outboxLimit;
        this.remoteAddress = peer(socket);
        this.awaitingHandshake = awaitingHandshake;
        this.loop = loop;
        if (loop == null) {
            inbound = null;
            return;
        }
        inbound = new InboundPipe(readAhead, () -> loop.execute(this::resumeReading));
        socket.configureBlocking(false);
        loop.execute(() -> {
            try {
                key = socket.register(loop.selector(), SelectionKey.OP_READ, (SocketLoop.Ready) this::ready);
            } catch (IOException e) {
                inbound.end(); // closed before it was registered
            }
        });
    }

    /** What a loop read from the socket, for the reader; {@code null} without a loop. */
    InboundPipe inbound() {
        return inbound;
    }

    /** The peer's address as the operator sees it: {@code 192.0.2.7:51234} or {@code [2001:db8::7]:51234}. */
    private static String peer(SocketChannel channel) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        String host = remote.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + remote.getPort();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean send(Frame frame) {
        return sendAll(List.of(frame));
    }

    @Override
    public boolean sendAll(List<Frame> frames) {
        long size = 0;
        for (Frame frame : frames) {
            size += frame.size();
        }
        boolean startWriter = false;
        boolean overflow = false;
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            if (queuedBytes + size > outboxLimit) {
                // The client stopped reading: drop what it has not taken and tell it why, as IRC servers do.
                outbox.clear();
                outbox.add(OVERFLOW);
                queuedBytes = OVERFLOW.size();
                closing = true;
                overflow = true;
                overflowed = true;
            } else {
                outbox.addAll(frames);
                queuedBytes += size;
            }
            startWriter = claimWriter();
        } finally {
            lock.unlock();
        }
        if (startWriter) {
            startWriter();
        }
        if (overflow) {
            closeAfterGrace();
        }
        return !overflow;
    }

    /** Under the lock: whether the caller is to start the writer, which it may once a handshake is done. */
    private boolean claimWriter() {
        if (writing || awaitingHandshake || outbox.isEmpty()) {
            return false;
        }
        writing = true;
        return true;
    }

    private void startWriter() {
        if (loop != null) {
            loop.execute(writeFromLoop);
        } else {
            Thread.ofVirtual().name("tcp-writer").start(this::drain);
        }
    }

    /** The TLS handshake succeeded: what was queued meanwhile goes out now. */
    void handshakeDone() {
        boolean startWriter;
        lock.lock();
        try {
            awaitingHandshake = false;
            startWriter = claimWriter();
        } finally {
            lock.unlock();
        }
        if (startWriter) {
            startWriter();
        }
    }

    /** The writer of a connection without a loop: a virtual thread that writes until nothing is queued. */
    private void drain() {
        ByteBuffer buffer = borrowBuffer();
        try {
            while (true) {
                Filled filled = fill(buffer);
                switch (filled) {
                    case BYTES -> {
                        buffer.flip();
                        writeFully(buffer);
                        buffer.clear();
                    }
                    case LARGE -> writeFully(takeLarge().buffer());
                    case CLOSE -> {
                        closeGracefully();
                        return;
                    }
                    case NOTHING -> {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            failed();
        } finally {
            giveBack(buffer);
        }
    }

    /**
     * The writer of a connection on a loop, on the loop's thread: writes what the socket takes without waiting, and
     * when it takes no more, keeps the rest and asks the loop to say when the socket is writable again.
     */
    private void writeFromLoop() {
        try {
            while (true) {
                if (unwritten != null) {
                    socket.write(unwritten);
                    if (unwritten.hasRemaining()) {
                        waitingToWrite = true;
                        updateInterest();
                        return;
                    }
                    if (unwrittenPooled) {
                        giveBack(unwritten);
                    }
                    unwritten = null;
                }
                ByteBuffer buffer = borrowBuffer();
                Filled filled = fill(buffer);
                switch (filled) {
                    case BYTES -> {
                        buffer.flip();
                        unwritten = buffer;
                        unwrittenPooled = true;
                    }
                    case LARGE -> {
                        giveBack(buffer);
                        unwritten = takeLarge().buffer();
                        unwrittenPooled = false;
                    }
                    case CLOSE, NOTHING -> {
                        giveBack(buffer);
                        waitingToWrite = false;
                        updateInterest();
                        if (filled == Filled.CLOSE) {
                            closeGracefully();
                        }
                        return;
                    }
                }
            }
        } catch (IOException e) {
            if (unwritten != null && unwrittenPooled) {
                giveBack(unwritten);
            }
            unwritten = null;
            failed();
        }
    }

    /** On the loop's thread: the socket is ready to read or to write. */
    private void ready(SelectionKey key) {
        if (key.isReadable() && !inbound.readFrom(socket)) {
            readingPaused = true;
            updateInterest();
        }
        if (key.isValid() && key.isWritable()) {
            writeFromLoop();
        }
    }

    /** On the loop's thread: the reader took enough from a full pipe; read the socket again. */
    private void resumeReading() {
        readingPaused = false;
        updateInterest();
    }

    private void updateInterest() {
        if (key != null && key.isValid()) {
            key.interestOps((readingPaused ? 0 : SelectionKey.OP_READ) | (waitingToWrite ? SelectionKey.OP_WRITE : 0));
        }
    }

    private enum Filled { BYTES, LARGE, CLOSE, NOTHING }

    /**
     * Moves queued frames into the buffer, as many as fit: {@code BYTES} when some did; {@code LARGE} when the next
     * frame is larger than any buffer, to be written by itself ({@link #takeLarge()}); otherwise the outbox is empty
     * and the writer is done: {@code CLOSE} when the connection is to close once all is written, else
     * {@code NOTHING}.
     */
    private Filled fill(ByteBuffer buffer) {
        lock.lock();
        try {
            Frame next;
            while ((next = outbox.peek()) != null) {
                if (next.size() > buffer.capacity()) {
                    if (buffer.position() == 0) {
                        large = outbox.poll();
                        queuedBytes -= large.size();
                        return Filled.LARGE;
                    }
                    break;
                }
                if (next.size() > buffer.remaining()) {
                    break;
                }
                outbox.poll();
                queuedBytes -= next.size();
                next.copyTo(buffer);
            }
            if (buffer.position() > 0) {
                return Filled.BYTES;
            }
            writing = false;
            return closing ? Filled.CLOSE : Filled.NOTHING;
        } finally {
            lock.unlock();
        }
    }

    private Frame takeLarge() {
        Frame taken = large;
        large = null;
        return taken;
    }

    private static ByteBuffer borrowBuffer() {
        ByteBuffer buffer = WRITE_BUFFERS.poll();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    }

    private static void giveBack(ByteBuffer buffer) {
        buffer.clear();
        WRITE_BUFFERS.add(buffer);
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void failed() {
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
    }

    /** Whether the connection is ending: nothing more is sent, and what the client still sends is not for anyone. */
    boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public void close() {
        boolean idle;
        boolean insecure;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            idle = !writing;
            insecure = awaitingHandshake;
            closing = true;
        } finally {
            lock.unlock();
        }
        if (insecure) {
            // Nothing can be said before the handshake, and waiting a grace period would stretch the login deadline.
            closeNow();
        } else if (idle) {
            closeGracefully();
        } else {
            closeAfterGrace();
        }
    }

    /**
     * Ends the sending side (the client reads what was written, then the end), and closes when the client has closed
     * too or after a grace period. Closing at once while the client's input is still unread here would reset the
     * connection, and a reset can destroy the last words, such as the bye that says why, before the client reads them.
     */
    private void closeGracefully() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closeNow();
            return;
        }
        closeAfterGrace();
    }

    /**
     * A writer blocked on a client that does not read would wait forever, and a client told goodbye might never close
     * its side; this bounds both.
     */
    private void closeAfterGrace() {
        if (!closerStarted.compareAndSet(false, true)) {
            return;
        }
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
        if (inbound != null) {
            inbound.end();
        }
    }
}
