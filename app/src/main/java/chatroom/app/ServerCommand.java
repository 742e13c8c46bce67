package chatroom.app;

import chatroom.api.file.TransferText;
import chatroom.api.message.Protocol;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ProviderNotFoundException;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerConsoleContext;
import chatroom.api.spi.ServerConsoleProvider;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.ServerTransportProvider;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--console", defaultValue = "stdin", paramLabel = "NAME",
            description = "Operator console (default: ${DEFAULT-VALUE}).")
    String console;

    @Option(names = "--transport", defaultValue = "tcp", paramLabel = "NAME",
            description = "Transport to listen with (default: ${DEFAULT-VALUE}).")
    String transport;

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
        ServerTransportProvider transportProvider = require(Providers.serverTransports(), transport);
        ServerConsoleProvider consoleProvider = require(Providers.consoles(), console);
        if (!consoleProvider.isAvailable()) {
            throw new UsageError("The " + console + " console cannot run here (no display?); use --console stdin.");
        }
        Path dataDir = data != null ? data : DataDirs.defaultDir("server");
        ServerConfig config = ServerConfig.defaults(dataDir).withHistoryOnJoin(history)
                .withOpenRegistration(registration == Registration.open).withGuests(allowGuests)
                .withRate(rate, burst).withMaxFileSize(maxFileSize).toBuilder().fsync(fsync).build();
        ServerTransport listener = transportProvider.create(new ListenOptions(bind, port, config.maxLineBytes(),
                config.outboxBytes()));
        ChatServer server = new ChatServer(config, List.of(listener), io.err());
        server.start();
        Thread hook = Thread.ofPlatform().name("shutdown-hook").unstarted(server::close);
        Runtime.getRuntime().addShutdownHook(hook);

        io.out().println(ChatServer.VERSION + " on Java " + Runtime.version().feature());
        io.out().println("Data:      " + dataDir.toAbsolutePath() + " (accounts and history)");
        io.out().println("Listening: " + String.join(", ", server.addresses()));
        io.out().println("Join with: ./chat client --host " + joinHost(server.addresses()) + " --port "
                + listener.port() + " --user NAME");
        io.out().println("Registration " + registration + (allowGuests ? ", guests allowed" : "") + "; the last "
                + history
                + " messages are replayed on login. " + (maxFileSize > 0 ? "Files up to "
                + TransferText.size(maxFileSize) + " are relayed, never stored. " : "Files are turned off. ")
                + consoleHint(console));
        consoleProvider.run(new ServerConsoleContext(server.control(), io.in(), io.out(), io.err()));
        server.close();
        return 0;
    }

    /** Where the operator's commands go: typed here for the stdin console, elsewhere (a window) for the others. */
    static String consoleHint(String console) {
        return console.equals("stdin") ? "Type /help for console commands." : "The " + console + " console is open.";
    }

    private static String joinHost(List<String> addresses) {
        String first = addresses.isEmpty() ? "127.0.0.1:0" : addresses.get(0);
        return first.substring(0, first.lastIndexOf(':')).replace("[", "").replace("]", "");
    }

    static <P extends chatroom.api.spi.NamedProvider> P require(Providers<P> providers, String name) {
        try {
            return providers.require(name);
        } catch (ProviderNotFoundException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
