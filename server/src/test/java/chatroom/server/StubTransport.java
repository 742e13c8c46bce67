package chatroom.server;

import chatroom.api.spi.ConnectionAcceptor;
import chatroom.api.spi.ServerTransport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that listens nowhere: tests hand connections to the acceptor it was started with. */
public final class StubTransport implements ServerTransport {
    public static final String ADDRESS = "stub.example:9000";

    private final List<StubConnection> connections = new CopyOnWriteArrayList<>();
    private volatile ConnectionAcceptor acceptor;
    private volatile boolean closed;

    @Override
    public void start(ConnectionAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** Offers a new connection to the server, as a listening transport does when a client connects. */
    public TestClient connect(String address) {
        if (acceptor == null || closed) {
            throw new IllegalStateException("the transport is not listening");
        }
        StubConnection connection = new StubConnection(address);
        connections.add(connection);
        return new TestClient(connection, acceptor.accept(connection));
    }

    @Override
    public int port() {
        return 9000;
    }

    @Override
    public List<String> addresses() {
        return List.of(ADDRESS);
    }

    @Override
    public void close() {
        closed = true;
        connections.forEach(StubConnection::close);
    }

    public boolean isClosed() {
        return closed;
    }
}
