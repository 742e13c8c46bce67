package chatroom.server;

import chatroom.server.accounts.Accounts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** What the tests that run a whole server share: a data directory, the server (closed after each test) and helpers. */
public abstract class ServerTestBase {
    @TempDir
    protected Path dir;

    protected TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    public TestServer start(ServerConfig config) {
        server = TestServer.start(config);
        return server;
    }

    /** A new connection that has done the handshake. */
    public TestClient helloed() {
        TestClient client = server.connect();
        client.hello();
        return client;
    }

    /** The accounts in the data directory, as {@code chat users list} shows them. */
    public List<String> accountNames() {
        try (Accounts accounts = Accounts.open(dir)) {
            return accounts.list();
        }
    }
}
