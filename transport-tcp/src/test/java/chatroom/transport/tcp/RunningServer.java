package chatroom.transport.tcp;

import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.TlsIdentity;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.Assumptions;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real server in this process on a loopback port, over the TCP transport, with its log kept for reading. */
final class RunningServer implements AutoCloseable {
    /** Fast enough for tests that reconnect, slow enough not to spin. */
    static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 0.2,
            Duration.ofMinutes(1));

    private final ChatServer server;
    private final ServerTransport transport;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private RunningServer(ServerConfig config, int port, TlsIdentity tls) throws IOException {
        transport = new TcpServerTransportProvider().create(
                new ListenOptions("127.0.0.1", port, config.maxLineBytes(), config.outboxBytes(), tls));
        server = new ChatServer(config, List.of(transport), new PrintStream(log, true, StandardCharsets.UTF_8));
        server.start();
    }

    /** The defaults with fast hashing. */
    static ServerConfig config(Path data) {
        return ServerConfig.defaults(data).withHashIterations(1_000);
    }

    /**
     * The configuration on a store: {@code sqlite} as it is, or {@code postgresql} in a new database of a local
     * PostgreSQL (the test is skipped when there is none).
     */
    static ServerConfig onStore(ServerConfig config, String store) {
        if (!store.equals("postgresql")) {
            return config;
        }
        String url = LocalPostgres.get(Assumptions::abort).createDatabase();
        return config.toBuilder().database(new ServerConfig.Database(url, null, true)).build();
    }

    static RunningServer start(ServerConfig config) throws IOException {
        return new RunningServer(config, 0, null);
    }

    /** On a given port (0 for any), with TLS when an identity is given. */
    static RunningServer start(ServerConfig config, int port, TlsIdentity tls) throws IOException {
        return new RunningServer(config, port, tls);
    }

    int port() {
        return transport.port();
    }

    ChatServer server() {
        return server;
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** A client that reconnects quickly. */
    ChatService client(RecordingListener listener) {
        return client(listener, Map.of());
    }

    ChatService client(RecordingListener listener, Map<String, List<String>> settings) {
        ConnectOptions options = new ConnectOptions("127.0.0.1", port(), settings);
        return new TcpChatService(options, listener, ClientTls.from(options), QUICK);
    }

    @Override
    public void close() {
        server.close();
    }
}
