package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** What the tests that run a whole server share: a data directory, the server (closed after each test) and helpers. */
abstract class ServerTestBase {
    @TempDir
    Path dir;

    TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    TestServer start(ServerConfig config) {
        server = TestServer.start(config);
        return server;
    }

    /** A new connection that has done the handshake. */
    TestClient helloed() {
        TestClient client = server.connect();
        client.hello();
        return client;
    }

    /** The accounts in the data directory, as {@code chat users list} shows them. */
    List<String> accountNames() {
        try (Accounts accounts = Accounts.open(dir)) {
            return accounts.list();
        }
    }
}
