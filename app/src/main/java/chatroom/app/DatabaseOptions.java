package chatroom.app;

import chatroom.server.ServerConfig;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.Stores;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the server keeps everything when not in its data folder: {@code --database URL}, its password from a file or
 * the environment (never on the command line, where {@code ps} shows it to everyone), and {@code --init}. Shared by
 * {@code chat server} and {@code chat users}.
 */
final class DatabaseOptions {
    static final String PASSWORD_VARIABLE = "CHAT_DATABASE_PASSWORD";

    @Option(names = "--database", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Keep everything in this database instead of the data folder, e.g."
                    + " jdbc:postgresql://HOST:5432/chat?user=chat (start once with --init to create its tables).")
    String url;

    @Option(names = "--database-password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The database's password, in a file (else from the " + PASSWORD_VARIABLE
                    + " environment variable).")
    Path passwordFile;

    @Option(names = "--init", scope = ScopeType.INHERIT,
            description = "Create the database's tables, or migrate them from an older chatroom (back it up first).")
    boolean init;

    /** Where environment variables come from. Package access for tests. */
    UnaryOperator<String> environment = System::getenv;

    /** The database named, or {@code null} for the data folder; refuses options that do not go together. */
    ServerConfig.Database database() throws IOException {
        if (url == null) {
            if (passwordFile != null || init) {
                throw new UsageError("--database-password-file and --init go with --database.");
            }
            return null;
        }
        if (!url.startsWith("jdbc:")) {
            // Not repeated: what was given may hold a password (postgresql://chat:secret@db/chat).
            throw new UsageError("--database takes a JDBC URL, such as jdbc:postgresql://HOST:5432/chat?user=chat.");
        }
        String password = password(passwordFile, environment);
        requireProvider(new StoreSettings(null, url, password, false, init));
        return new ServerConfig.Database(url, password, init);
    }

    /** The database's password: from the file when one is given, else from the environment, else none. */
    static String password(Path file, UnaryOperator<String> environment) throws IOException {
        if (file == null) {
            return environment.apply(PASSWORD_VARIABLE);
        }
        if (!Files.isReadable(file)) {
            throw new UsageError("Cannot read the database password file " + file + ".");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** Refuses, as the user's mistake, a database no installed store opens. */
    static void requireProvider(StoreSettings settings) {
        if (Stores.providerFor(settings).isEmpty()) {
            throw new UsageError(Stores.noProviderFor(settings));
        }
    }

    /** The store's settings: the database named, or the data folder. */
    StoreSettings settings(Path dataDir) throws IOException {
        ServerConfig.Database database = database();
        return database == null ? StoreSettings.dataFolder(dataDir, false)
                : new StoreSettings(dataDir, database.url(), database.password(), false, database.init());
    }
}
