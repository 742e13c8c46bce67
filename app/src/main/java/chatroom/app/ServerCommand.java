package chatroom.app;

import chatroom.api.file.TransferText;
import chatroom.api.message.Protocol;
import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerConsoleContext;
import chatroom.api.spi.ServerConsoleProvider;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.ServerTransportProvider;
import chatroom.server.ChatServer;
import chatroom.server.RoomCreation;
import chatroom.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code chat server}: runs the chat room until {@code /shutdown}, SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = ChatCommand.Version.class,
        description = "Run a chat server.")
final class ServerCommand implements Callable<Integer> {
    enum Registration { open, closed }

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: all interfaces).")
    String bind;

    @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: a per-user folder, printed at start).")
    Path data;

    @Mixin
    DatabaseOptions store = new DatabaseOptions();

    @Option(names = "--history", paramLabel = "N", defaultValue = "100",
            description = "Messages replayed to someone who logs in (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--registration", defaultValue = "open",
            description = "open: a new name with a password creates an account; closed: only accounts made with 'chat users add' (default: ${DEFAULT-VALUE}).")
    Registration registration;

    @Option(names = "--allow-guests",
            description = "Let names that no account has join without a password, marked as guests.")
    boolean allowGuests;

    @Option(names = "--rate", paramLabel = "MSGS", defaultValue = "20",
            description = "Messages a second one connection may send before 'slow down' (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--burst", paramLabel = "MSGS", defaultValue = "40",
            description = "Messages one connection may send at once (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--fsync",
            description = "Wait for the disk on every history commit: messages survive a power failure, not only a crash of the server.")
    boolean fsync;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "100MiB",
            converter = ByteSize.class,
            description = "Largest file people may send, such as 500KiB, 20MB or 2GiB; 0 turns files off"
                    + " (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Option(names = "--default-room", paramLabel = "#NAME", defaultValue = RoomNames.DEFAULT_ROOM,
            description = "The room every account is in until it leaves it, and the only room of protocol-1 clients"
                    + " (default: ${DEFAULT-VALUE}).")
    String defaultRoom;

    @Option(names = "--room-creation", paramLabel = "WHO", defaultValue = "accounts",
            description = "Who may make a room by joining one that does not exist: accounts (not guests), open, or"
                    + " operator (the --admin accounts only) (default: ${DEFAULT-VALUE}).")
    String roomCreation;

    @Option(names = "--admin", paramLabel = "NAME",
            description = "An account that keeps order in every room, as its owner would (repeatable).")
    List<String> admins = new ArrayList<>();

    @Option(names = "--max-rooms-per-user", paramLabel = "N", defaultValue = ""
            + ServerConfig.DEFAULT_MAX_ROOMS_PER_USER,
            description = "Rooms one person may be in at once (default: ${DEFAULT-VALUE}).")
    int maxRoomsPerUser;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_SESSIONS,
            description = "Places one account may be logged in from at once; one more ends the oldest"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = {"Run as one node of several on one PostgreSQL database (--database): the nodes share"
                    + " rooms and history, each message numbered by the database. A name per node: letters,"
                    + " digits, '_', '-' and '.'."})
    String nodeName;

    @Option(names = "--offline-max", paramLabel = "N", defaultValue = "10000",
            description = "Private messages that may wait for one offline account; more are refused, saying so"
                    + " (default: ${DEFAULT-VALUE}).")
    int offlineMax;

    @Option(names = "--dm-retention", paramLabel = "DAYS", defaultValue = "30",
            description = "Days private messages are kept, delivered or not; 0 keeps them (default: ${DEFAULT-VALUE}).")
    int dmRetentionDays;

    @Option(names = "--tls", description = "Accept only TLS connections (TLS 1.3, or 1.2). Without --keystore, a"
            + " self-signed certificate is made in the data directory on first start; its fingerprint is printed.")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "With --tls: the server's certificate and key, a PKCS#12 file.")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "The key store's password, on the first line of FILE (asked on the terminal when missing).")
    Path keystorePasswordFile;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Open connections in all (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-per-address", paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Open connections from one IP address (default: ${DEFAULT-VALUE}).")
    int maxPerAddress;

    @Option(names = "--bytes-per-second", paramLabel = "BYTES",
            defaultValue = "" + ServerConfig.DEFAULT_BYTES_PER_SECOND,
            description = "Bytes a second one connection may send before 'slow down' (default: ${DEFAULT-VALUE}).")
    int bytesPerSecond;

    @Option(names = "--byte-burst", paramLabel = "BYTES", defaultValue = "" + ServerConfig.DEFAULT_BYTE_BURST,
            description = "Bytes one connection may send at once (default: ${DEFAULT-VALUE}).")
    int byteBurst;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", defaultValue = "" + Protocol.DEFAULT_MAX_LINE_BYTES,
            description = "Longest line a client may send (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Option(names = "--max-name", paramLabel = "CHARS", defaultValue = "" + Names.DEFAULT_MAX_LENGTH,
            description = "Longest user name (default: ${DEFAULT-VALUE}).")
    int maxName;

    @Option(names = "--max-text", paramLabel = "CHARS", defaultValue = "" + Texts.DEFAULT_MAX_LENGTH,
            description = "Longest message (default: ${DEFAULT-VALUE}).")
    int maxText;

    @Option(names = "--max-json-depth", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_JSON_DEPTH,
            description = "Deepest nesting of JSON in a client's line, at most 32 (default: ${DEFAULT-VALUE}).")
    int maxJsonDepth;

    @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "A connection that has not logged in by then is closed (default: ${DEFAULT-VALUE}).")
    int loginTimeout;

    @Option(names = "--resume-minutes", paramLabel = "MIN", defaultValue = "10",
            description = "How long a lost session may be resumed without the password (default: ${DEFAULT-VALUE}).")
    int resumeMinutes;

    @Option(names = "--console", defaultValue = "stdin", paramLabel = "NAME",
            description = "Operator console (default: ${DEFAULT-VALUE}).")
    String console;

    @Option(names = "--transport", defaultValue = "tcp", paramLabel = "NAME",
            description = "Transport to listen with (default: ${DEFAULT-VALUE}).")
    String transport;

    /** The options of the transports' extra listeners are added to it at start ({@link #extraListenerOptions}). */
    @Spec
    CommandSpec spec;

    private final Io io;

    ServerCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        if (history < 0 || history > 10_000) {
            throw new UsageError("--history must be between 0 and 10000.");
        }
        if (rate < 1 || burst < 1) {
            throw new UsageError("--rate and --burst must be at least 1.");
        }
        checkLimits();
        if ((keystore != null || keystorePasswordFile != null) && !tls) {
            throw new UsageError("--keystore and --keystore-password-file go with --tls.");
        }
        ServerTransportProvider transportProvider = ChatCommand.require(Providers.serverTransports(), transport);
        ServerConsoleProvider consoleProvider = ChatCommand.require(Providers.consoles(), console);
        if (!consoleProvider.isAvailable()) {
            throw new UsageError("The " + console + " console cannot run here (no display?); use --console stdin.");
        }
        ServerConfig.Database database = store.database();
        if (nodeName != null && database == null) {
            throw new UsageError("--node-name runs this server as one node of several on one database: give that"
                    + " database with --database.");
        }
        Path dataDir = data != null ? data : DataDirs.defaultDir("server");
        ServerConfig config = ServerConfig.defaults(dataDir).withHistoryOnJoin(history)
                .withOpenRegistration(registration == Registration.open).withGuests(allowGuests)
                .withRate(rate, burst).withMaxFileSize(maxFileSize).withConnectionLimits(maxConnections, maxPerAddress)
                .withByteRate(bytesPerSecond, byteBurst).withMaxLineBytes(maxLineBytes).withMaxNameLength(maxName)
                .withMaxTextLength(maxText).withMaxJsonDepth(maxJsonDepth)
                .withLoginDeadline(Duration.ofSeconds(loginTimeout))
                .withResume(Duration.ofMinutes(resumeMinutes), ServerConfig.DEFAULT_RESUME_REPLAY_MAX)
                .toBuilder().fsync(fsync).defaultRoom(defaultRoom).roomCreation(roomCreation())
                .maxRoomsPerUser(maxRoomsPerUser).maxSessions(maxSessions).admins(Set.copyOf(admins)).database(database)
                .nodeName(nodeName).privates(new ServerConfig.Privates(offlineMax, Duration.ofDays(dmRetentionDays)))
                .build();
        ServerCertificate certificate = tls ? certificate(dataDir) : null;
        ServerTransport listener = transportProvider.create(new ListenOptions(bind, port, config.maxLineBytes(),
                config.outboxBytes(), certificate == null ? null : certificate.identity()));
        List<ServerTransport> listeners = new ArrayList<>(List.of(listener));
        List<String> extras = new ArrayList<>();
        for (ServerTransportProvider provider : Providers.serverTransports().all()) {
            Optional<ServerTransportProvider.ListenerOption> option = provider.listenerOption();
            Integer extraPort = option.isEmpty() ? null : spec.findOption(option.get().name()).getValue();
            if (extraPort != null) {
                if (extraPort < 1 || extraPort > 65_535) {
                    throw new UsageError(option.get().name() + " takes a port from 1 to 65535.");
                }
                listeners.add(provider.create(new ListenOptions(bind, extraPort, config.maxLineBytes(),
                        config.outboxBytes(), certificate == null ? null : certificate.identity())));
                extras.add(provider.name() + " on port " + extraPort + (tls ? " (TLS)" : ""));
            }
        }
        ChatServer server = new ChatServer(config, listeners, io.err());
        server.start();
        Thread hook = Thread.ofPlatform().name("shutdown-hook").unstarted(server::close);
        Runtime.getRuntime().addShutdownHook(hook);

        io.out().println(ChatServer.VERSION + " on Java " + Runtime.version().feature());
        io.out().println("Data:      " + (database == null ? dataDir.toAbsolutePath() : server.storeLocation())
                + " (accounts and history)");
        io.out().println("Listening: " + String.join(", ", server.addresses()));
        if (certificate == null) {
            io.out().println("Security:  plain TCP, not encrypted (--tls to encrypt)");
        } else {
            io.out().println("Security:  TLS 1.3 (1.2 at least), certificate " + certificate.keyStore()
                    + (certificate.created() ? " (self-signed, made now)" : ""));
            io.out().println("           SHA-256 fingerprint " + certificate.fingerprint());
        }
        io.out().println("Join with: ./chat client --host " + joinHost(server.addresses()) + " --port "
                + listener.port() + (tls ? " --tls" : "") + " --user NAME");
        if (!extras.isEmpty()) {
            io.out().println("Also:      " + String.join(", ", extras));
        }
        io.out().println("Registration " + registration + (allowGuests ? ", guests allowed" : "") + "; the last "
                + history
                + " messages are replayed on login. " + (maxFileSize > 0 ? "Files up to "
                + TransferText.size(maxFileSize) + " are relayed, never stored. " : "Files are turned off. ")
                + consoleHint(console));
        consoleProvider.run(new ServerConsoleContext(server.control(), io.in(), io.out(), io.err()));
        server.close();
        return 0;
    }

    /**
     * Declares the options of the extra listeners the installed transports offer (such as {@code --irc-port}) on
     * the server command, so its help lists only those whose module is there.
     */
    static void extraListenerOptions(CommandSpec server) {
        for (ServerTransportProvider provider : Providers.serverTransports().all()) {
            provider.listenerOption().ifPresent(option -> server.addOption(OptionSpec.builder(option.name())
                    .paramLabel(option.paramLabel()).type(Integer.class).description(option.description()).build()));
        }
    }

    private RoomCreation roomCreation() {
        return switch (roomCreation) {
            case "accounts" -> RoomCreation.ACCOUNTS;
            case "open" -> RoomCreation.OPEN;
            case "operator" -> RoomCreation.OPERATORS;
            default -> throw new UsageError("--room-creation is 'accounts', 'open' or 'operator', not '" + roomCreation
                    + "'.");
        };
    }

    private void checkLimits() {
        if (RoomNames.check(RoomNames.canonical(defaultRoom)).isPresent()) {
            throw new UsageError("--default-room '" + defaultRoom + "' is not a room name: "
                    + RoomNames.check(RoomNames.canonical(defaultRoom)).get().message());
        }
        for (String admin : admins) {
            Names.standard().check(admin).ifPresent(refusal -> {
                throw new UsageError("--admin '" + admin + "' is not an account name: " + refusal.message());
            });
        }
        if (maxRoomsPerUser < 1) {
            throw new UsageError("--max-rooms-per-user must be at least 1.");
        }
        if (nodeName != null && !nodeName.matches(ServerConfig.NODE_NAME)) {
            throw new UsageError("--node-name takes 1 to 64 letters, digits, '_', '-' and '.'.");
        }
        if (maxSessions < 1) {
            throw new UsageError("--max-sessions must be at least 1.");
        }
        if (offlineMax < 0 || dmRetentionDays < 0) {
            throw new UsageError("--offline-max and --dm-retention cannot be negative.");
        }
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new UsageError("--max-connections and --max-per-address must be at least 1.");
        }
        if (bytesPerSecond < 1024 || byteBurst < maxLineBytes + 1) {
            throw new UsageError("--bytes-per-second must be at least 1024, and --byte-burst more than"
                    + " --max-line-bytes (or no full line could ever pass).");
        }
        if (maxLineBytes < 1024 || maxName < 1 || maxText < 1 || maxLineBytes > 16 * 1024 * 1024) {
            throw new UsageError("--max-line-bytes must be between 1024 and 16777216; --max-name and --max-text at"
                    + " least 1.");
        }
        if (maxJsonDepth < 2 || maxJsonDepth > ServerConfig.DEFAULT_MAX_JSON_DEPTH) {
            throw new UsageError("--max-json-depth must be between 2 and " + ServerConfig.DEFAULT_MAX_JSON_DEPTH + ".");
        }
        if (loginTimeout < 1 || resumeMinutes < 0) {
            throw new UsageError("--login-timeout must be at least 1 and --resume-minutes not negative.");
        }
    }

    /** The operator's key store, or the self-signed certificate in the data directory. */
    private ServerCertificate certificate(Path dataDir) throws IOException {
        if (keystore == null) {
            return ServerCertificate.selfSigned(dataDir);
        }
        char[] password = ServerCertificate.readPassword(keystorePasswordFile);
        if (password == null) {
            throw new UsageError("No terminal to ask for the key store's password; pass --keystore-password-file.");
        }
        return ServerCertificate.fromKeyStore(keystore, password);
    }

    /** Where the operator's commands go: typed here for the stdin console, elsewhere (a window) for the others. */
    static String consoleHint(String console) {
        return console.equals("stdin") ? "Type /help for console commands." : "The " + console + " console is open.";
    }

    private static String joinHost(List<String> addresses) {
        String first = addresses.isEmpty() ? "127.0.0.1:0" : addresses.get(0);
        return first.substring(0, first.lastIndexOf(':')).replace("[", "").replace("]", "");
    }
}
