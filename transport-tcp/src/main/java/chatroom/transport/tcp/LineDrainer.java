package chatroom.transport.tcp;

import chatroom.api.codec.LineReader;
import chatroom.api.codec.ProtocolException;
import chatroom.api.spi.ConnectionAcceptor;
import chatroom.api.spi.InboundHandler;

import java.io.IOException;

/**
 * Hands a plain connection's lines to its handler on a virtual thread that exists only while lines wait: the socket
 * loop reads into the connection's {@link InboundPipe}, which starts a drainer when bytes arrive and none runs; the
 * drainer handles every whole line there and ends. An idle connection so holds no thread and no read buffer, where a
 * parked reader thread per connection held its stack (about 5 KiB) for as long as the connection lasted.
 */
final class LineDrainer {
    private final TcpConnection connection;
    private final InboundPipe pipe;
    private final LineReader lines;
    private final ConnectionAcceptor acceptor;
    private final Runnable whenClosed;
    /** Set by the first drainer; later ones see it through the pipe's lock, which orders them. */
    private InboundHandler handler;

    /**
     * @param whenClosed run once the connection is over, before the handler hears of it
     */
    LineDrainer(TcpConnection connection, int maxLineBytes, int readChunk, ConnectionAcceptor acceptor,
                Runnable whenClosed) {
        this.connection = connection;
        this.pipe = connection.inbound();
        this.lines = new LineReader(pipe, maxLineBytes, readChunk);
        this.acceptor = acceptor;
        this.whenClosed = whenClosed;
    }

    /** Takes the connection in (on a drainer, as the acceptor may log), then drains whatever came meanwhile. */
    void start() {
        pipe.drainWith(() -> Thread.ofVirtual().name("tcp-reader").start(this::drain));
        Thread.ofVirtual().name("tcp-reader").start(() -> {
            handler = acceptor.accept(connection);
            drain();
        });
    }

    private void drain() {
        try {
            while (true) {
                String line;
                try {
                    line = lines.readAvailableLine();
                } catch (ProtocolException e) {
                    if (!connection.isClosing()) {
                        handler.onUnreadableLine(e);
                    }
                    continue;
                }
                if (line != null) {
                    // Said goodbye: what the client still sends until it closes is drained, unread.
                    if (!connection.isClosing()) {
                        handler.onLine(line);
                    }
                } else if (pipe.finished()) {
                    break;
                } else if (pipe.park()) {
                    return;
                }
            }
        } catch (IOException e) {
            // Reading the pipe failed: this connection is over.
        } catch (RuntimeException e) {
            // A bug for one connection must not take the transport down; the connection ends below.
            System.err.println("tcp: connection " + connection.remoteAddress() + " failed: " + e);
        }
        connection.closeNow();
        whenClosed.run();
        if (handler != null) {
            handler.onClosed();
        }
    }
}
