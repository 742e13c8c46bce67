package chatroom.transport.tcp;

import chatroom.api.codec.LineReader;
import chatroom.api.codec.ProtocolException;
import chatroom.api.spi.ConnectionAcceptor;
import chatroom.api.spi.InboundHandler;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;

import jdk.net.ExtendedSocketOptions;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketOption;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens on a TCP port, in plain text or, given a TLS identity, only TLS. Plain connections do their socket I/O on
 * {@link SocketLoop}s and hand their lines to a {@link LineDrainer} that runs only while lines wait, so an idle one
 * costs no thread. A TLS connection gets a virtual thread that reads its lines after the handshake, and a writer
 * that runs only while something is queued for it.
 */
final class TcpServerTransport implements ServerTransport {
    private static final int BACKLOG = 1024;
    /** Lines are read in chunks of this size; a small buffer keeps thousands of idle connections cheap. */
    private static final int READ_CHUNK = 1024;
    /** A vanished client is noticed after 60 s of silence and 3 probes 10 s apart: within 90 s. */
    static final int KEEPALIVE_IDLE_SECONDS = 60;
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    static final int KEEPALIVE_PROBES = 3;

    private final ListenOptions options;
    /** Bytes a loop reads ahead of a connection's reader, at most; held only while they wait for it. */
    private static final int READ_AHEAD = 8 * 1024;
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    /** The socket I/O of plain connections, one loop per core; TLS connections keep a thread each. */
    private final List<SocketLoop> loops = new ArrayList<>();
    private int nextLoop;
    private ServerSocketChannel listener;
    private ServerTls tls;
    private volatile boolean closed;

    TcpServerTransport(ListenOptions options) {
        this.options = options;
    }

    @Override
    public void start(ConnectionAcceptor acceptor) throws IOException {
        if (options.tls() != null) {
            tls = ServerTls.load(options.tls());
        }
        listener = ServerSocketChannel.open();
        listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        InetSocketAddress address = options.bind() == null || options.bind().isBlank()
                ? new InetSocketAddress(options.port())
                : new InetSocketAddress(options.bind(), options.port());
        try {
            listener.bind(address, BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw new IOException("Cannot listen on " + describe(address) + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            loops.add(new SocketLoop("tcp-io-" + i));
        }
        Thread.ofPlatform().name("tcp-accept").daemon().start(() -> acceptLoop(acceptor));
    }

    private void acceptLoop(ConnectionAcceptor acceptor) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Running out of file descriptors, say: back off instead of spinning.
                pause();
                continue;
            }
            try {
                configure(channel);
                if (tls != null) {
                    Thread.ofVirtual().name("tls-reader").start(() -> serveTls(channel, acceptor));
                    continue;
                }
                SocketLoop loop = loops.get(nextLoop++ % loops.size());
                TcpConnection connection = new TcpConnection(channel, options.outboxBytes(), loop, READ_AHEAD);
                connections.add(connection);
                new LineDrainer(connection, options.maxLineBytes(), READ_CHUNK, acceptor,
                        () -> connections.remove(connection)).start();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /**
     * No delay for small lines, and TCP keep-alive probes after a minute of silence: a client whose network vanished
     * without a reset (a laptop closed, a NAT that forgot the connection) would otherwise stay online forever, since
     * nothing ends a blocked read and a quiet room writes nothing that could fail. The kernel gives up after
     * {@link #KEEPALIVE_PROBES} unanswered probes; the reader then ends, and the room says the person left. (While
     * something sent to it is unacknowledged, TCP's retransmission timeout or the full outbox ends it instead.)
     */
    static void configure(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
        setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
        setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
    }

    /** Where the system lacks an option (not Linux, say), its own default applies. */
    private static void setIfSupported(SocketChannel channel, SocketOption<Integer> option, int value)
            throws IOException {
        if (channel.supportedOptions().contains(option)) {
            channel.setOption(option, value);
        }
    }

    /**
     * The handshake runs on the connection's own thread, after the server has taken the connection: a slow or silent
     * client holds up no one else, and counts against the connection limits and the login deadline like any other.
     */
    private void serveTls(SocketChannel channel, ConnectionAcceptor acceptor) {
        SSLSocket secured;
        TcpConnection connection;
        InputStream in;
        try {
            secured = tls.wrap(channel);
            in = secured.getInputStream();
            connection = new TcpConnection(channel, new TlsChannel(secured, channel), options.outboxBytes(), true);
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        connections.add(connection);
        if (closed) {
            connection.closeNow();
        }
        serve(connection, in, secured, acceptor);
    }

    /** Reads a TLS connection's lines on its own thread, after the handshake. */
    private void serve(TcpConnection connection, InputStream in, SSLSocket tlsSocket, ConnectionAcceptor acceptor) {
        InboundHandler handler = acceptor.accept(connection);
        LineReader lines = new LineReader(in, options.maxLineBytes(), READ_CHUNK);
        try {
            ServerTls.handshake(tlsSocket);
            connection.handshakeDone();
            while (true) {
                try {
                    String line = lines.readLine();
                    if (line == null) {
                        break;
                    }
                    if (connection.isClosing()) {
                        continue; // said goodbye: drain what the client still sends until it closes, unread
                    }
                    handler.onLine(line);
                } catch (ProtocolException e) {
                    if (!connection.isClosing()) {
                        handler.onUnreadableLine(e);
                    }
                }
            }
        } catch (IOException e) {
            // The peer reset the connection or we closed it: either way this connection is over.
        } catch (RuntimeException e) {
            // A bug for one connection must not take the transport down; the connection ends below.
            System.err.println("tcp: connection " + connection.remoteAddress() + " failed: " + e);
        } finally {
            connection.closeNow();
            connections.remove(connection);
            handler.onClosed();
        }
    }

    @Override
    public int port() {
        return listener.socket().getLocalPort();
    }

    @Override
    public List<String> addresses() {
        InetAddress bound = listener.socket().getInetAddress();
        int port = port();
        if (!bound.isAnyLocalAddress()) {
            return List.of(hostPort(bound, port));
        }
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(hostPort(address, port));
                    }
                }
            }
        } catch (SocketException e) {
            addresses.add("0.0.0.0:" + port);
        }
        addresses.sort((a, b) -> Boolean.compare(a.startsWith("["), b.startsWith("[")));
        return addresses;
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    private static String describe(InetSocketAddress address) {
        return address.getAddress() == null ? address.toString() : hostPort(address.getAddress(), address.getPort());
    }

    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            closeQuietly(listener);
        }
        for (TcpConnection connection : connections) {
            connection.close();
        }
        // The loops write the goodbyes and close what the clients leave open: they stop after the grace for that.
        Thread.ofVirtual().name("tcp-loops-close").start(() -> {
            try {
                Thread.sleep(TcpConnection.CLOSE_GRACE.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loops.forEach(TcpServerTransport::closeQuietly);
        });
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is best effort; nothing more can be done with it.
        }
    }
}
