package chatroom.app;

import chatroom.api.file.Downloads;
import chatroom.api.message.Protocol;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ChatUiProvider;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code chat client}: joins a room with the chosen transport and user interface. */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = ChatCommand.Version.class,
        description = "Join a chat room.")
final class ClientCommand implements Callable<Integer> {
    /** Without --ui: a window where there is a display, else the terminal. */
    static final List<String> UI_PREFERENCE = List.of("swing", "terminal");

    @Option(names = "--transport", defaultValue = "tcp", paramLabel = "NAME",
            description = "How to reach the room (default: ${DEFAULT-VALUE}); chat --help lists those installed.")
    String transport;

    @Option(names = "--ui", paramLabel = "NAME",
            description = "User interface (default: swing with a display, else terminal).")
    String ui;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = {"Server host (default: ${DEFAULT-VALUE}); for"
            + " the nodes of one chat, several, comma-separated, each 'host' or 'host:port' (IPv6 in brackets),"
            + " or a name with several addresses: the client moves to another when its own is lost."})
    String host;

    @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", paramLabel = "NAME", description = "Your name (asked when missing).")
    String user;

    @Option(names = "--password-stdin", description = "Take the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--tls", description = "tcp: connect with TLS. The server is checked against the system's trust"
            + " store (or --truststore); one it does not vouch for is trusted on first use and remembered, as SSH"
            + " does, and a changed certificate is refused.")
    boolean tls;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "tcp: trust only servers whose certificate this file (PKCS#12, JKS or PEM) vouches for.")
    String truststore;

    @Option(names = "--no-reconnect", description = "tcp: end when the connection drops, instead of reconnecting.")
    boolean noReconnect;

    @Option(names = "--listen", paramLabel = "PORT", description = "udp: the local port to receive on.")
    String listen;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "udp: a peer of the group (repeatable).")
    List<String> peers = List.of();

    @Option(names = "--room", paramLabel = "#NAME", description = "terminal: join this room at start (repeatable;"
            + " the first is where you write).")
    List<String> rooms = List.of();

    @Option(names = "--secret", paramLabel = "FILE", description = "udp: a file holding the group's passphrase.")
    String secret;

    @Option(names = "--downloads", paramLabel = "DIR",
            description = "Where files you receive are saved (default: Downloads/chatroom in your home folder).")
    Path downloads;

    private final Io io;

    ClientCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        ChatServiceProvider chosenTransport = ChatCommand.require(Providers.transports(), transport);
        ChatUiProvider chosenUi = chooseUi(Providers.interfaces());
        char[] password = passwordStdin ? PasswordInput.firstLine(io.in()) : null;
        Path dataDir = DataDirs.defaultDir("client");
        ConnectOptions connect = connectOptions(dataDir);
        return chosenUi.run(new ChatUiContext(chosenTransport, connect, user, password, dataDir, io.in(), io.out(),
                io.err()));
    }

    /** Where and how to connect, with the settings that only some transports read. */
    // Package access for tests
    ConnectOptions connectOptions(Path dataDir) {
        if (truststore != null && !tls) {
            throw new UsageError("--truststore goes with --tls.");
        }
        Map<String, List<String>> settings = new LinkedHashMap<>();
        if (tls) {
            settings.put("tls", List.of("true"));
            settings.put("known-servers", List.of(dataDir.resolve("known_servers").toString()));
        }
        if (truststore != null) {
            settings.put("truststore", List.of(truststore));
        }
        if (noReconnect) {
            settings.put("reconnect", List.of("off"));
        }
        if (listen != null) {
            settings.put("listen", List.of(listen));
        }
        if (!peers.isEmpty()) {
            settings.put("peer", List.copyOf(peers));
        }
        if (secret != null) {
            settings.put("secret", List.of(secret));
        }
        Path folder = downloads != null ? downloads : Downloads.defaultFolder();
        settings.put(Downloads.SETTING, List.of(folder.toAbsolutePath().normalize().toString()));
        if (!rooms.isEmpty()) {
            settings.put("room", List.copyOf(rooms));
        }
        return new ConnectOptions(host, port, settings);
    }

    private ChatUiProvider chooseUi(Providers<ChatUiProvider> interfaces) {
        if (ui == null) {
            return interfaces.preferred(UI_PREFERENCE).orElseThrow(() -> new UsageError(
                    "No user interface can run here; installed: " + String.join(", ", interfaces.names())
                            + ". Add the jar of one to the module folder."));
        }
        ChatUiProvider chosen = ChatCommand.require(interfaces, ui);
        if (!chosen.isAvailable()) {
            throw new UsageError("The " + ui + " UI cannot run here (no display?); use --ui terminal.");
        }
        return chosen;
    }
}
