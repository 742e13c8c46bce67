package chatroom.app;

import chatroom.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseOptionsTest {
    private static final String URL = "jdbc:postgresql://db:5432/chat?user=chat";

    @TempDir
    Path dir;

    private final DatabaseOptions options = new DatabaseOptions();

    @Test
    void withoutADatabaseTheDataFolderKeepsEverything() throws Exception {
        assertNull(options.database());
        options.init = true;
        assertEquals("--database-password-file and --init go with --database.",
                assertThrows(UsageError.class, options::database).getMessage());
    }

    @Test
    void thePasswordComesFromTheEnvironmentOrAFileWhichWins() throws Exception {
        options.url = URL;
        options.environment = name -> name.equals("CHAT_DATABASE_PASSWORD") ? "from-env" : null;
        assertEquals(new ServerConfig.Database(URL, "from-env", false), options.database());

        Path file = dir.resolve("db-password");
        Files.writeString(file, "from-file\n");
        options.passwordFile = file;
        options.init = true;
        assertEquals(new ServerConfig.Database(URL, "from-file", true), options.database());

        options.passwordFile = dir.resolve("missing");
        assertEquals("Cannot read the database password file " + dir.resolve("missing") + ".",
                assertThrows(UsageError.class, options::database).getMessage());
    }

    @Test
    void aUrlNoStoreTakesIsAUsageErrorNamingTheStoresInstalled() {
        options.url = "postgresql://chat:secret@db/chat";
        assertEquals("--database takes a JDBC URL, such as jdbc:postgresql://HOST:5432/chat?user=chat.",
                assertThrows(UsageError.class, options::database).getMessage());
        options.url = "jdbc:mysql://db/chat?password=secret";
        assertEquals("No store here opens jdbc:mysql://db/chat?password=***: the stores found are postgresql, sqlite."
                + " Is the store's jar in the module folder?",
                assertThrows(UsageError.class, options::database).getMessage());
    }
}
