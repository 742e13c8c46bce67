package chatroom.server;

import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Protocol;
import chatroom.api.spi.ServerControl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A {@link ChatServer} on a {@link StubTransport}, with a clock that stands still and its log kept for reading. */
public final class TestServer implements AutoCloseable {
    /** Hashing at the production strength would make every login take most of a second. */
    public static final int FAST_HASHING = 1000;

    private final StubTransport transport = new StubTransport();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final MutableClock clock;
    private final ChatServer server;
    private int clients;

    private TestServer(ServerConfig config, MutableClock clock) {
        this.clock = clock;
        this.server = new ChatServer(config, List.of(transport),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock);
    }

    /** The defaults, but with fast hashing. */
    public static ServerConfig config(Path dataDir) {
        return ServerConfig.defaults(dataDir).withHashIterations(FAST_HASHING);
    }

    public static TestServer start(ServerConfig config) {
        return start(config, new MutableClock());
    }

    public static TestServer start(ServerConfig config, MutableClock clock) {
        TestServer server = new TestServer(config, clock);
        try {
            server.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** A new client from 127.0.0.1, each on a port of its own: 50001, 50002, … */
    public TestClient connect() {
        return connect("127.0.0.1:" + (50001 + clients));
    }

    public TestClient connect(String address) {
        clients++;
        return transport.connect(address);
    }

    /** A client that is in the room under this name already. */
    public TestClient enter(String name) {
        TestClient client = connect();
        client.enter(name, password(name));
        return client;
    }

    /** A protocol-2 client logged in under this name, through its rooms' replays and its own arrival in them. */
    public TestClient enter2(String name) {
        TestClient client = connect();
        client.hello(Protocol.ROOMS_VERSION);
        LoggedIn in = client.login2(new Login(name, password(name)));
        if (!name.equals(in.name())) {
            throw new AssertionError("Logged in as " + in.name() + ", not " + name);
        }
        return client;
    }

    /** The password {@link #enter} uses for a name. */
    public static String password(String name) {
        return "secret of " + name;
    }

    /** Ends the memberships of guests who can no longer resume, as the server does every minute. */
    public void sweepGuests() {
        server.sweepGuests();
    }

    /** Deletes the private messages past their retention, as the server does every hour. */
    public void expirePrivateMessages() {
        server.expirePrivateMessages();
    }

    public ServerControl control() {
        return server.control();
    }

    public MutableClock clock() {
        return clock;
    }

    public StubTransport transport() {
        return transport;
    }

    /** What the server logged to its stream so far. */
    public String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** A log line as the server writes it now. */
    public String logLine(String event) {
        return clock.instant() + " " + event;
    }

    @Override
    public void close() {
        server.close();
    }
}
