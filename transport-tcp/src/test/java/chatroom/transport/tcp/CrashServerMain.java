package chatroom.transport.tcp;

import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A chat server as a process of its own, for {@link CrashTest} to kill: {@code DATA_DIR PORT DATABASE [NODE]}, the
 * database empty for SQLite in the data folder, else a PostgreSQL URL (its schema made at the first start), and
 * with a node name, one node of several on it ({@link ClusterCrashTest}). Prints
 * {@code listening PORT} once it accepts connections, then serves until killed. alice is a server operator.
 */
final class CrashServerMain {
    private CrashServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.defaults(Path.of(args[0])).withHashIterations(1_000)
                .withRate(10_000, 10_000).withByteRate(64 * 1024 * 1024, 64 * 1024 * 1024)
                .toBuilder().admins(Set.of("alice"))
                .database(args[2].isEmpty() ? null : new ServerConfig.Database(args[2], null, true))
                .nodeName(args.length > 3 ? args[3] : null).build();
        ServerTransport transport = new TcpServerTransportProvider().create(new ListenOptions("127.0.0.1",
                Integer.parseInt(args[1]), config.maxLineBytes(), config.outboxBytes()));
        ChatServer server = new ChatServer(config, List.of(transport), System.err);
        server.start();
        System.out.println("listening " + transport.port());
        System.out.flush();
        server.control().awaitStopped();
    }
}
