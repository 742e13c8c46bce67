package chatroom.store.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests: a cluster of its own made with Debian's {@code initdb} in a temporary folder and
 * started with {@code pg_ctl} on a free port of 127.0.0.1, one per test JVM, stopped and deleted when the JVM exits.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user the package creates.
 *
 * <p>Where PostgreSQL is not installed the tests that need it skip, saying why, or fail under {@code CI=true}, so that
 * a CI machine cannot pass without having run them.
 */
public final class LocalPostgres {
    private static final String USER = "postgres";
    private static final String FOLDER_PREFIX = "chat-postgres-";
    private static final String OWNER_FILE = "owner.pid";
    /** The superuser's password over TCP: a throwaway cluster's, reachable from 127.0.0.1 only. */
    private static final String PASSWORD = "chat-test-password";
    private static LocalPostgres shared;
    private static String unavailable;

    private final Path bin;
    private final Path folder;
    private final Path data;
    private int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * The test JVM's cluster, started on first use. Where PostgreSQL cannot be started here, hands the reason to
     * {@code skip} (a test passes JUnit's {@code Assumptions::abort}); under {@code CI=true} it fails instead.
     */
    public static synchronized LocalPostgres get(Consumer<String> skip) {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting PostgreSQL";
            }
        }
        if (shared == null) {
            String why = "PostgreSQL is not available here (" + unavailable + "); install Debian's postgresql package";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + ". CI=true: the PostgreSQL tests must run.");
            }
            skip.accept(why + " to run this test.");
            throw new IllegalStateException(why);
        }
        return shared;
    }

    private static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no initdb under /usr/lib/postgresql/*/bin or on the PATH"));
        boolean root = "root".equals(System.getProperty("user.name"));
        removeOrphans(bin, root);
        Path folder = Files.createTempDirectory(FOLDER_PREFIX);
        // Whose cluster this is: a test JVM killed outright runs no shutdown hook, and the next one cleans up.
        Files.writeString(folder.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        if (root) {
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(USER);
            Files.setOwner(folder, postgres);
        }
        LocalPostgres cluster = new LocalPostgres(bin, folder, freePort(), root);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "postgres-cleanup"));
        // A password over TCP, as a real server asks one; none on the cluster's own socket, for createdb.
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        cluster.run("initdb", "-D", cluster.data.toString(), "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + passwordFile, "-U", USER, "-E", "UTF8", "--no-sync");
        // The free port was let go before PostgreSQL takes it: another process may take it first, so try again.
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.startServer();
                return cluster;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                cluster.port = freePort();
            }
        }
    }

    /**
     * Stops and deletes the clusters of test JVMs that were killed before their shutdown hook ran (a timeout, an
     * interrupted build), so that they do not pile up on a CI machine. Package access for tests.
     */
    static void removeOrphans(Path bin, boolean root) throws IOException, InterruptedException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> orphans;
        try (Stream<Path> folders = Files.list(temp)) {
            orphans = folders.filter(folder -> folder.getFileName().toString().startsWith(FOLDER_PREFIX))
                    .filter(LocalPostgres::ownerIsGone).toList();
        }
        for (Path folder : orphans) {
            LocalPostgres orphan = new LocalPostgres(bin, folder, 0, root);
            orphan.destroy();
        }
    }

    private static boolean ownerIsGone(Path folder) {
        try {
            long owner = Long.parseLong(Files.readString(folder.resolve(OWNER_FILE)).strip());
            return ProcessHandle.of(owner).map(process -> !process.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false; // not one of ours, or still being made: leave it
        }
    }

    /** The newest PostgreSQL's binaries: Debian keeps each major version's under /usr/lib/postgresql. */
    private static Optional<Path> binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                        .max(Comparator.comparingInt(dir -> majorVersion(dir.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
                return Optional.of(Path.of(dir));
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(String folderName) {
        try {
            return Integer.parseInt(folderName);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the server (again, after {@link #stopServer}) on the same port and data. */
    public void startServer() throws IOException, InterruptedException {
        // fsync off: a test cluster lives as long as the JVM; a stopped server (even -m immediate) loses nothing.
        run("pg_ctl", "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server at once, as a crash or a lost network would end every connection. */
    public void stopServer() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** A new, empty database in the cluster; its URL. */
    public String createDatabase() {
        String name = "chat_test_" + databases.incrementAndGet();
        try {
            run("createdb", "-h", folder.toString(), "-p", Integer.toString(port), "-U", USER, name);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the database " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the database " + name, e);
        }
        return url(name);
    }

    /** The URL of a database in the cluster, its password in it. */
    public String url(String database) {
        return urlWithoutPassword(database) + "&password=" + PASSWORD;
    }

    /** The URL of a database in the cluster, as an operator would give it, the password given apart. */
    public String urlWithoutPassword(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** The password the URLs need. */
    public String password() {
        return PASSWORD;
    }

    /** The name of the database a URL from {@link #createDatabase} names. */
    public static String databaseName(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = folder.resolve(program + ".out");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(output).strip());
        }
    }

    private void destroy() {
        try {
            stopServer();
        } catch (IOException | RuntimeException e) {
            // Already stopped, by a test or by a crash: the files still go.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Cannot delete the test cluster in " + folder + ": " + e.getMessage());
        }
    }
}
