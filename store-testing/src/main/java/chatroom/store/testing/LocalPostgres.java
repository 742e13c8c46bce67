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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests: a cluster of its own made with Debian's {@code initdb} in a temporary folder and
 * started with {@code pg_ctl} on a free port of 127.0.0.1, one per test JVM, stopped and deleted when the JVM exits.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user the package creates.
 *
 * <p>Where PostgreSQL is not installed, {@link #shared} is empty and says why: the tests that need it skip, or fail
 * under {@code CI=true}, so that a CI machine cannot pass without having run them.
 */
public final class LocalPostgres {
    private static final String USER = "postgres";
    private static LocalPostgres shared;
    private static String unavailable;

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
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
     * The test JVM's cluster, started on first use, or empty when PostgreSQL cannot be started here
     * ({@link #unavailableReason} says why).
     */
    public static synchronized Optional<LocalPostgres> shared() {
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
        return Optional.ofNullable(shared);
    }

    /** Why {@link #shared} is empty, and what to install. */
    public static synchronized String unavailableReason() {
        return "PostgreSQL is not available here (" + unavailable + "); install Debian's postgresql package";
    }

    private static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no initdb under /usr/lib/postgresql/*/bin or on the PATH"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("chat-postgres-");
        if (root) {
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(USER);
            Files.setOwner(folder, postgres);
        }
        LocalPostgres cluster = new LocalPostgres(bin, folder, freePort(), root);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "postgres-cleanup"));
        cluster.run("initdb", "-D", cluster.data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                "--no-sync");
        cluster.startServer();
        return cluster;
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

    /** The URL of a database in the cluster, as the server's {@code --database} takes it. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
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
