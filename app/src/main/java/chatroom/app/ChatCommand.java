package chatroom.app;

import chatroom.api.spi.CommandProvider;
import chatroom.api.spi.NamedProvider;
import chatroom.api.spi.ProviderNotFoundException;
import chatroom.api.spi.Providers;
import chatroom.server.store.StoreProvider;
import chatroom.server.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The top-level {@code chat} command: its subcommands, and the providers found on the module path. */
@Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = ChatCommand.Version.class,
        description = "A chat room: run a server, or join one from a terminal or a window.",
        subcommands = {ServerCommand.class, ClientCommand.class, UsersCommand.class, MigrateCommand.class,
                CommandLine.HelpCommand.class})
final class ChatCommand implements Callable<Integer> {
    static final String VERSION = "chat 0.1.0";

    @Option(names = "--verbose", description = "Print stack traces of failures.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    private final Io io;

    ChatCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.out().print(new CommandLine(this).getUsageMessage());
        return 0;
    }

    /** Runs the command line and returns the exit code: 0 done, 1 failed, 2 usage error. */
    static int execute(Io io, String... args) {
        if (args.length > 0) {
            Optional<CommandProvider> extra = Providers.commands().find(args[0]);
            if (extra.isPresent()) {
                return extra.get().run(List.of(args).subList(1, args.length), io.in(), io.out(), io.err());
            }
        }
        return commandLine(io).execute(args);
    }

    /** The installed provider with this name; a name nothing installed has is the user's mistake (exit code 2). */
    static <P extends NamedProvider> P require(Providers<P> providers, String name) {
        try {
            return providers.require(name);
        } catch (ProviderNotFoundException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static CommandLine commandLine(Io io) {
        CommandLine commandLine = new CommandLine(new ChatCommand(io), new Factory(io));
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        // Wide enough that the providers' one-line descriptions stay one line each.
        commandLine.setUsageHelpWidth(120);
        commandLine.getCommandSpec().usageMessage().footer(providersFooter());
        ServerCommand.extraListenerOptions(commandLine.getSubcommands().get("server").getCommandSpec());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            boolean verbose = parseResult.matchedOption("--verbose") != null
                    || parseResult.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
            if (verbose) {
                e.printStackTrace(io.err());
            }
            if (e instanceof UsageError) {
                io.err().println("chat: " + e.getMessage());
                return 2;
            }
            io.err().println("chat: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return commandLine;
    }

    private static String providersFooter() {
        StringBuilder footer = new StringBuilder("%n");
        section(footer, "Transports (--transport)", Providers.transports().all());
        section(footer, "User interfaces (--ui)", Providers.interfaces().all());
        section(footer, "Server consoles (chat server --console)", Providers.consoles().all());
        footer.append("Stores (chat server --data, --database):%n");
        for (StoreProvider store : Stores.providers()) {
            footer.append(String.format("  %-10s %s", store.name(), store.description()).replace("%", "%%"))
                    .append("%n");
        }
        List<CommandProvider> extras = Providers.commands().all();
        if (!extras.isEmpty()) {
            section(footer, "More commands (chat NAME --help)", extras);
        }
        return footer.toString();
    }

    private static void section(StringBuilder footer, String title, List<? extends NamedProvider> providers) {
        footer.append(title).append(":%n");
        if (providers.isEmpty()) {
            footer.append("  (none installed)%n");
        }
        List<? extends NamedProvider> byName = providers.stream()
                .sorted(java.util.Comparator.comparing(NamedProvider::name)).toList();
        for (NamedProvider provider : byName) {
            footer.append(String.format("  %-10s %s%s", provider.name(), provider.description(),
                    provider.isAvailable() ? "" : " (not available here)").replace("%", "%%")).append("%n");
        }
    }

    /** The version line of {@code chat --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VERSION, "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    /** Creates commands with the streams they run with. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ServerCommand.class) {
                return type.cast(new ServerCommand(io));
            }
            if (type == ClientCommand.class) {
                return type.cast(new ClientCommand(io));
            }
            if (type == UsersCommand.class) {
                return type.cast(new UsersCommand(io));
            }
            if (type == MigrateCommand.class) {
                return type.cast(new MigrateCommand(io));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
