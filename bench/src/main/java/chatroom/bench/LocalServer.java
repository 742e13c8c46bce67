package chatroom.bench;

import chatroom.api.message.Protocol;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ProviderNotFoundException;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.RoomCreation;
import chatroom.server.ServerConfig;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.Stores;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server in this process on an ephemeral loopback port, with a temporary data directory it deletes at the end; or
 * several, the nodes of one cluster on one database.
 */
final class LocalServer implements AutoCloseable {
    private static final int UNLIMITED = 1_000_000_000;
    private final Path dataDir;
    private final List<ChatServer> servers = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final String store;

    /**
     * With {@code openRooms}, guests may make rooms, as the many-room scenario's guests do by joining them; with a
     * {@code database}, everything is kept there rather than in the temporary data folder.
     */
    LocalServer(boolean durableHistory, boolean openRooms, ServerConfig.Database database) throws IOException {
        this(durableHistory, openRooms, database, false);
    }

    /**
     * With {@code accounts}, the clients log in with passwords, hashed at 1,000 iterations rather than 600,000: two
     * thousand logins at full strength take minutes on two cores, and the run measures messages, not logins.
     */
    LocalServer(boolean durableHistory, boolean openRooms, ServerConfig.Database database, boolean accounts)
            throws IOException {
        this(durableHistory, openRooms, database, accounts, false);
    }

    /** With {@code irc}, the server also listens for IRC, and {@link #address} is that listener's. */
    LocalServer(boolean durableHistory, boolean openRooms, ServerConfig.Database database, boolean accounts,
                boolean irc) throws IOException {
        this(durableHistory, openRooms, database, accounts, irc, 1);
    }

    /** With {@code nodes} above 1, that many servers, nodes of one cluster on the {@code database}. */
    LocalServer(boolean durableHistory, boolean openRooms, ServerConfig.Database database, boolean accounts,
                boolean irc, int nodes) throws IOException {
        dataDir = Files.createTempDirectory("chat-bench-");
        // Guests spare 10,000 connections 10,000 password hashes; the bench's senders go faster than any person.
        // All the load comes from one address, and from clients faster than any person: lift the limits meant
        // for people, keep everything else (hashing cost, durability, presence) as a real server has it.
        ServerConfig config = ServerConfig.defaults(dataDir).withGuests(true).withDurableHistory(durableHistory)
                .withRate(UNLIMITED, UNLIMITED).withByteRate(UNLIMITED, UNLIMITED)
                .withConnectionLimits(UNLIMITED, UNLIMITED).withHistoryOnJoin(0);
        if (openRooms) {
            config = config.toBuilder().roomCreation(RoomCreation.OPEN).build();
        }
        config = config.toBuilder().database(database).build();
        if (accounts) {
            config = config.withHashIterations(1_000);
        }
        store = Stores.providerFor(config.storeSettings()).map(StoreProvider::name).orElse("unknown");
        for (int node = 1; node <= nodes; node++) {
            start(nodes == 1 ? config : config.toBuilder().nodeName("bench-node-" + node).build(), irc);
        }
    }

    private void start(ServerConfig config, boolean irc) throws IOException {
        ServerTransport transport;
        ServerTransport ircTransport;
        try {
            transport = Providers.serverTransports().require("tcp").create(
                    new ListenOptions("127.0.0.1", 0, Protocol.DEFAULT_MAX_LINE_BYTES, config.outboxBytes()));
            ircTransport = irc ? Providers.serverTransports().require("irc").create(
                    new ListenOptions("127.0.0.1", 0, Protocol.DEFAULT_MAX_LINE_BYTES, config.outboxBytes())) : null;
        } catch (ProviderNotFoundException e) {
            throw new IOException(e.getMessage(), e);
        }
        ChatServer server = new ChatServer(config, ircTransport == null ? List.of(transport)
                : List.of(transport, ircTransport), new PrintStream(OutputStream.nullOutputStream()));
        servers.add(server);
        server.start();
        addresses.add(new InetSocketAddress("127.0.0.1", (ircTransport == null ? transport : ircTransport).port()));
    }

    /** The name of the store the server keeps its data in. */
    String store() {
        return store;
    }

    /** The (first) server's address. */
    InetSocketAddress address() {
        return addresses.getFirst();
    }

    /** Every node's address, in order. */
    List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    @Override
    public void close() throws IOException {
        servers.forEach(ChatServer::close);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
