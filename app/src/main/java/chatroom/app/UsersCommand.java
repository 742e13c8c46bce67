package chatroom.app;

import chatroom.server.accounts.Accounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code chat users}: manages accounts in a server's data directory or database (the server may be running). */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = ChatCommand.Version.class,
        description = "Manage accounts: add, remove, list, passwd.")
final class UsersCommand {
    @Option(names = "--data", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The server's data directory (default: the per-user folder).")
    Path data;

    @Mixin
    DatabaseOptions store = new DatabaseOptions();

    @Option(names = "--password-stdin", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Take the password from the first line of standard input.")
    boolean passwordStdin;

    private final Io io;

    UsersCommand(Io io) {
        this.io = io;
    }

    @Command(name = "add", description = "Create an account.")
    int add(@Parameters(paramLabel = "NAME") String name) throws IOException {
        char[] password = password("Password for " + name + ": ");
        try (Accounts accounts = open()) {
            accounts.add(name, password);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        io.out().println("Created account " + name + ".");
        return 0;
    }

    @Command(name = "remove", description = "Delete an account.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
        try (Accounts accounts = open()) {
            if (!accounts.remove(name)) {
                io.err().println("chat: no account named '" + name + "'.");
                return 1;
            }
        }
        io.out().println("Removed account " + name + ".");
        return 0;
    }

    @Command(name = "list", description = "List the accounts.")
    int list() {
        try (Accounts accounts = open()) {
            List<String> names = accounts.list();
            names.forEach(io.out()::println);
            io.err().println(names.size() + (names.size() == 1 ? " account" : " accounts"));
        }
        return 0;
    }

    @Command(name = "passwd", description = "Set an account's password.")
    int passwd(@Parameters(paramLabel = "NAME") String name) throws IOException {
        char[] password = password("New password for " + name + ": ");
        try (Accounts accounts = open()) {
            if (!accounts.setPassword(name, password)) {
                io.err().println("chat: no account named '" + name + "'.");
                return 1;
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        io.out().println("Password changed for " + name + ".");
        return 0;
    }

    private Accounts open() {
        try {
            return Accounts.open(store.settings(data != null ? data : DataDirs.defaultDir("server")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private char[] password(String prompt) throws IOException {
        if (passwordStdin) {
            return PasswordInput.firstLine(io.in());
        }
        char[] first = PasswordInput.prompt(prompt);
        if (first == null) {
            throw new UsageError("No terminal to ask for the password; pass it with --password-stdin.");
        }
        char[] again = PasswordInput.prompt("Again: ");
        if (again == null || !Arrays.equals(first, again)) {
            throw new UsageError("The passwords differ.");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
