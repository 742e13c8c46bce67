package chatroom.transport.tcp;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The writing side of a TLS connection as a channel, so that {@link TcpConnection}'s writer sends over TLS as it does
 * over plain TCP. Closing closes the socket underneath at once: a writer blocked on a client that does not read is
 * released, where closing the TLS socket itself could wait for that writer. Used by one writer at a time.
 */
final class TlsChannel implements WritableByteChannel {
    /** One TLS record's worth: each write call becomes one record. */
    private static final int CHUNK = 16 * 1024;

    private final SocketChannel raw;
    private final OutputStream out;
    private final byte[] chunk = new byte[CHUNK];

    TlsChannel(SSLSocket tls, SocketChannel raw) throws IOException {
        this.raw = raw;
        this.out = tls.getOutputStream();
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        if (!raw.isOpen()) {
            throw new ClosedChannelException();
        }
        int written = 0;
        while (source.hasRemaining()) {
            int length = Math.min(chunk.length, source.remaining());
            source.get(chunk, 0, length);
            out.write(chunk, 0, length);
            written += length;
        }
        out.flush();
        return written;
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
