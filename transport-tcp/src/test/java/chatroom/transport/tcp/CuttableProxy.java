package chatroom.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stretch of network between clients and a server that a test can cut and mend: cut, it drops every connection and
 * refuses new ones; mended, it accepts again on the same port. It can also swallow what its connections carry.
 */
final class CuttableProxy implements AutoCloseable {
    private final int target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    CuttableProxy(int target) throws IOException {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    int port() {
        return port;
    }

    /** Drops every connection through it and refuses new ones. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /**
     * Lets every connection through it go silent without closing, as when a network vanishes (Wi-Fi switched, NAT
     * entry dropped): bytes still go in and are lost. New connections work.
     */
    void blackHole() {
        silenced.addAll(sockets);
    }

    /** Accepts connections again, on the same port. */
    synchronized void mend() throws IOException {
        listener = listen(port);
        accept(listener);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket from) {
        Thread.ofVirtual().start(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(server);
                    pipe(client, server);
                    pipe(server, client);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!silenced.contains(from)) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
