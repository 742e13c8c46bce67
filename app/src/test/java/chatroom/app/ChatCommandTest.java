package chatroom.app;

import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.Providers;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatCommandTest {
    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return ChatCommand.execute(new Io(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void discoversTheInstalledProviders() {
        assertEquals(java.util.Set.of("tcp", "udp"), java.util.Set.copyOf(Providers.transports().names()));
        assertEquals(java.util.Set.of("terminal", "swing"), java.util.Set.copyOf(Providers.interfaces().names()));
        assertEquals(java.util.List.of("bench"), Providers.commands().names());
        assertEquals(java.util.Set.of("tcp", "irc"), java.util.Set.copyOf(Providers.serverTransports().names()));
        assertEquals(java.util.Set.of("stdin", "swing"), java.util.Set.copyOf(Providers.consoles().names()));
    }

    @Test
    void helpListsSubcommandsAndProviders() {
        assertEquals(0, run("", "--help"));
        String help = out();
        for (String expected : new String[] {"server", "client", "users", "Transports (--transport):",
                "  tcp ", "  udp ", "User interfaces (--ui):", "  terminal ", "  swing ", "Server consoles", "  stdin ",
                "More commands", "  bench ", "Stores (chat server --data, --database):", "  sqlite ",
                "  postgresql "}) {
            assertTrue(help.contains(expected), "missing '" + expected + "' in:\n" + help);
        }
    }

    @Test
    void theServersHelpHasTheOptionsOfTheInstalledTransportsListeners() {
        assertEquals(0, run("", "server", "--help"));
        assertTrue(out().contains("--irc-port=PORT"), out());
        assertTrue(out().contains("Also speak IRC on this port"), out());
    }

    @Test
    void versionNamesTheRelease() {
        assertEquals(0, run("", "--version"));
        assertTrue(out().startsWith("chat 0.1.0"), out());
    }

    @Test
    void aTransportThatIsNotInstalledIsAUsageErrorNamingTheInstalledOnes() {
        assertEquals(2, run("", "client", "--transport", "quic", "--user", "x"));
        assertTrue(err().startsWith("chat: No transport named 'quic'; installed: "), err());
        assertTrue(err().endsWith(". Add its jar to the module folder or pick one of those.\n"), err());
        assertTrue(err().contains("tcp") && err().contains("udp"), err());
    }

    @Test
    void aUiThatIsNotInstalledIsAUsageError() {
        assertEquals(2, run("", "client", "--ui", "curses"));
        assertTrue(err().startsWith("chat: No UI named 'curses'; installed: "), err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("", "client", "--colour"));
        assertTrue(err().contains("Unknown option: '--colour'"), err());
    }

    @Test
    void usersAddListPasswdAndRemove() {
        String dir = data.toString();
        assertEquals(0, run("secret\n", "users", "add", "alice", "--data", dir, "--password-stdin"));
        assertEquals(0, run("secret\n", "users", "add", "张伟", "--data", dir, "--password-stdin"));
        assertEquals(2, run("secret\n", "users", "add", "Alice", "--data", dir, "--password-stdin"));
        assertTrue(err().contains("An account named 'Alice' exists already."), err());
        assertEquals(2, run("secret\n", "users", "add", "admin", "--data", dir, "--password-stdin"));
        assertTrue(err().contains("The name 'admin' is reserved."), err());
        out.reset();
        assertEquals(0, run("", "users", "list", "--data", dir));
        assertEquals("alice\n张伟\n", out());
        assertEquals(0, run("new\n", "users", "passwd", "alice", "--data", dir, "--password-stdin"));
        assertEquals(1, run("new\n", "users", "passwd", "nobody", "--data", dir, "--password-stdin"));
        assertEquals(0, run("", "users", "remove", "alice", "--data", dir));
        assertEquals(1, run("", "users", "remove", "alice", "--data", dir));
        out.reset();
        assertEquals(0, run("", "users", "list", "--data", dir));
        assertEquals("张伟\n", out());
    }

    @Test
    void serverAndUsersKeepEverythingInPostgresqlOnceInitialised() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        String url = postgres.urlWithoutPassword(LocalPostgres.databaseName(postgres.createDatabase()));
        Path passwordFile = data.resolve("db-password");
        Files.writeString(passwordFile, postgres.password() + "\n");
        String[] database = {"--database", url, "--database-password-file", passwordFile.toString()};

        assertEquals(1, run("/shutdown\n", concat(new String[] {"server", "--port", "0", "--data", data.toString()},
                database)));
        assertTrue(err().contains("The database " + url + " holds no chatroom data yet. Start the server once with"
                + " --init to create its tables."), err());
        assertEquals(0, run("secret\n", concat(new String[] {"users", "add", "alice", "--password-stdin", "--init"},
                database)));
        out.reset();
        assertEquals(0, run("/shutdown\n", concat(new String[] {"server", "--bind", "127.0.0.1", "--port", "0",
                "--data", data.toString()}, database)));
        assertTrue(out().contains("Data:      " + url + " (accounts and history)\n"), out());
        out.reset();
        assertEquals(0, run("", concat(new String[] {"users", "list"}, database)));
        assertEquals("alice\n", out());
        assertTrue(Files.notExists(data.resolve("chatroom.db")), "nothing in the data folder's SQLite file");
    }

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }

    @Test
    void databaseOptionsAreCheckedBeforeStarting() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--init"));
        assertEquals("chat: --database-password-file and --init go with --database.\n", err());
        err.reset();
        assertEquals(2, run("", "users", "list", "--database", "jdbc:mysql://db/chat"));
        assertTrue(err().startsWith("chat: No store here opens jdbc:mysql://db/chat: the stores found are "), err());
        err.reset();
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--node-name", "north"));
        assertEquals("chat: --node-name runs this server as one node of several on one database: give that database"
                + " with --database.\n", err());
        err.reset();
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--node-name", "north 1"));
        assertEquals("chat: --node-name takes 1 to 64 letters, digits, '_', '-' and '.'.\n", err());
    }

    @Test
    void aTlsServerPrintsItsFingerprintAndKeepsItsCertificate() {
        String dir = data.toString();
        assertEquals(0, run("/shutdown\n", "server", "--bind", "127.0.0.1", "--port", "0", "--data", dir, "--tls"));
        String first = out();
        assertTrue(first.contains("Security:  TLS 1.3 (1.2 at least), certificate " + data.resolve("tls/server.p12")
                + " (self-signed, made now)\n"), first);
        String fingerprint = first.substring(first.indexOf("SHA-256 fingerprint ") + 20).lines().findFirst()
                .orElseThrow();
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
        assertTrue(first.contains(" --tls --user NAME\n"), first);

        out.reset();
        assertEquals(0, run("/shutdown\n", "server", "--bind", "127.0.0.1", "--port", "0", "--data", dir, "--tls"));
        assertTrue(out().contains("certificate " + data.resolve("tls/server.p12") + "\n           SHA-256 fingerprint "
                + fingerprint + "\n"), out());
    }

    @Test
    void aPlainServerSaysItIsNotEncrypted() {
        assertEquals(0, run("/shutdown\n", "server", "--bind", "127.0.0.1", "--port", "0", "--data", data.toString()));
        assertTrue(out().contains("Security:  plain TCP, not encrypted (--tls to encrypt)\n"), out());
    }

    @Test
    void keyStoreOptionsNeedTls() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--keystore", "x.p12"));
        assertEquals("chat: --keystore and --keystore-password-file go with --tls.\n", err());
    }

    @Test
    void aKeyStoreWithTheWrongPasswordFailsClearly() throws Exception {
        ServerCertificate made = ServerCertificate.selfSigned(data.resolve("made"));
        Path passwordFile = data.resolve("wrong-password");
        Files.writeString(passwordFile, "guess\n");

        assertEquals(1, run("", "server", "--port", "0", "--data", data.toString(), "--tls", "--keystore",
                made.keyStore().toString(), "--keystore-password-file", passwordFile.toString()));
        assertTrue(err().startsWith("chat: Cannot read the key store " + made.keyStore()), err());
        assertTrue(err().endsWith("(wrong password?)\n"), err());
    }

    @Test
    void limitsAreCheckedBeforeStarting() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--max-json-depth", "99"));
        assertEquals("chat: --max-json-depth must be between 2 and 32.\n", err());
    }

    @Test
    void privateMessageOptionsAreCheckedBeforeStarting() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--offline-max", "-1"));
        assertEquals("chat: --offline-max and --dm-retention cannot be negative.\n", err());
    }

    @Test
    void roomOptionsAreCheckedBeforeStarting() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--default-room", "lobby"));
        assertEquals("chat: --default-room 'lobby' is not a room name: A room name is '#' and then 1 to 63 letters,"
                + " digits, '_', '-' and '.', such as #lobby.\n", err());
    }

    @Test
    void whoMayMakeRoomsIsAccountsOpenOrOperatorAndAdminsAreAccountNames() {
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--room-creation", "anyone"));
        assertEquals("chat: --room-creation is 'accounts', 'open' or 'operator', not 'anyone'.\n", err());
        assertEquals(2, run("", "server", "--port", "0", "--data", data.toString(), "--admin", "bad name"));
        assertTrue(err().endsWith("chat: --admin 'bad name' is not an account name: A name may contain only letters,"
                + " digits, '_', '-' and '.'.\n"), err());
    }

    @Test
    void clientTlsOptionsBecomeTransportSettings() {
        ClientCommand client = new ClientCommand(new Io(System.in, System.out, System.err));
        client.host = "chat.example";
        client.port = 9443;
        client.tls = true;
        client.truststore = "ca.pem";
        client.noReconnect = true;

        ConnectOptions options = client.connectOptions(data);

        assertEquals(Optional.of("true"), options.setting("tls"));
        assertEquals(Optional.of(data.resolve("known_servers").toString()), options.setting("known-servers"));
        assertEquals(Optional.of("ca.pem"), options.setting("truststore"));
        assertEquals(Optional.of("off"), options.setting("reconnect"));
    }

    @Test
    void aTrustStoreGoesWithTls() {
        assertEquals(2, run("", "client", "--truststore", "ca.pem", "--user", "x"));
        assertEquals("chat: --truststore goes with --tls.\n", err());
    }

    @Test
    void theServerSaysWhereConsoleCommandsGo() {
        assertEquals("Type /help for console commands.", ServerCommand.consoleHint("stdin"));
        assertEquals("The swing console is open.", ServerCommand.consoleHint("swing"));
    }

    @Test
    void serverRefusesAnUnknownConsole() {
        assertEquals(2, run("", "server", "--console", "web", "--data", data.toString(), "--port", "0"));
        assertTrue(err().startsWith("chat: No console named 'web'; installed: "), err());
    }
}
