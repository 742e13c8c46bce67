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

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", paramLabel = "NAME", description = "Your name (asked when missing).")
    String user;

    @Option(names = "--password-stdin", description = "Take the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--listen", paramLabel = "PORT", description = "udp: the local port to receive on.")
    String listen;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "udp: a peer of the group (repeatable).")
    List<String> peers = List.of();

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
        ChatServiceProvider chosenTransport = ServerCommand.require(Providers.transports(), transport);
        ChatUiProvider chosenUi = chooseUi(Providers.interfaces());
        char[] password = passwordStdin ? PasswordInput.firstLine(io.in()) : null;
        Map<String, List<String>> settings = new LinkedHashMap<>();
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
        ConnectOptions connect = new ConnectOptions(host, port, settings);
        return chosenUi.run(new ChatUiContext(chosenTransport, connect, user, password,
                DataDirs.defaultDir("client"), io.in(), io.out(), io.err()));
    }

    private ChatUiProvider chooseUi(Providers<ChatUiProvider> interfaces) {
        if (ui == null) {
            return interfaces.preferred(UI_PREFERENCE).orElseThrow(() -> new UsageError(
                    "No user interface can run here; installed: " + String.join(", ", interfaces.names())
                            + ". Add the jar of one to the module folder."));
        }
        ChatUiProvider chosen = ServerCommand.require(interfaces, ui);
        if (!chosen.isAvailable()) {
            throw new UsageError("The " + ui + " UI cannot run here (no display?); use --ui terminal.");
        }
        return chosen;
    }
}
