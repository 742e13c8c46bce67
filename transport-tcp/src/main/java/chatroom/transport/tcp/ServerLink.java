package chatroom.transport.tcp;

import chatroom.api.codec.Frame;
import chatroom.api.codec.LineReader;
import chatroom.api.codec.ProtocolException;

import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * One connection to the server, plain or TLS: lines in, frames out. A client's session may go through several when
 * it reconnects. Reading is for one thread; writing is synchronized.
 */
final class ServerLink implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final LineReader lines;
    private final String security;

    private ServerLink(Socket socket, String security, int maxLineBytes) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.lines = new LineReader(socket.getInputStream(), maxLineBytes);
        this.security = security;
    }

    /**
     * Connects to the first of the servers that answers, in their turn, each address of a name with several, and
     * with TLS runs the handshake, each within the timeout.
     *
     * @param tls the TLS setup, or {@code null} for plain TCP
     * @throws IOException the last failure, when none answered
     */
    static ServerLink open(Servers servers, ClientTls tls, int timeoutMillis, int maxLineBytes) throws IOException {
        IOException last = null;
        for (Servers.Address server : servers.inTurn()) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(server.host());
            } catch (UnknownHostException e) {
                last = e;
                continue;
            }
            for (InetAddress address : addresses) {
                try {
                    ServerLink link = open(server, address, tls, timeoutMillis, maxLineBytes);
                    servers.connected(server);
                    return link;
                } catch (UntrustedServerException e) {
                    throw e; // a node with another certificate is not one of ours: no other is tried
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw last;
    }

    private static ServerLink open(Servers.Address server, InetAddress address, ClientTls tls, int timeoutMillis,
                                   int maxLineBytes) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, server.port()), timeoutMillis);
            plain.setTcpNoDelay(true);
            if (tls == null) {
                return new ServerLink(plain, null, maxLineBytes);
            }
            SSLSocket secured = tls.handshake(plain, server.host(), server.port(), timeoutMillis);
            String protocol = secured.getSession().getProtocol().replace("TLSv", "TLS ");
            return new ServerLink(secured, protocol, maxLineBytes);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** {@code TLS 1.3}, say; {@code null} when the connection is not encrypted. */
    String security() {
        return security;
    }

    /** The next line from the server; {@code null} at the end. */
    String readLine() throws IOException, ProtocolException {
        return lines.readLine();
    }

    synchronized void write(Frame frame) throws IOException {
        ByteBuffer buffer = frame.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.write(bytes);
        out.flush();
    }

    /** Closes at once, without waiting for anything; the reader then sees the end. Idempotent. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
