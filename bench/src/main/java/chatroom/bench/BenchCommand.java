package chatroom.bench;

import com.google.gson.GsonBuilder;
import chatroom.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code chat bench}: runs one scenario, or a sweep over client counts, and reports what it measured. */
@Command(name = "chat bench", mixinStandardHelpOptions = true, version = "chat bench 0.1.0",
        description = {"Loads a chat server with light protocol clients (guests) and reports connect time,",
                "deliveries per second (messages x recipients), latency percentiles, losses, and the server's",
                "CPU and memory when it runs in this process (the default)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "A running server to load (it must allow guests and a high --rate); default: one in this process.")
    String server;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "With --server: the server's process, to report its RSS growth (no forced GC) and CPU.")
    Long serverPid;

    @Option(names = "--clients", defaultValue = "100", description = "Connections, all in the room (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--senders", description = "Connections that send (default: 10; with --rooms, one per room).")
    Integer senders;

    @Option(names = "--rooms", paramLabel = "N",
            description = "Protocol 2 with N rooms: each client joins --rooms-per-client of them; a sender's messages"
                    + " go to its rooms in turn. Default: protocol 1 in the one room.")
    Integer rooms;

    @Option(names = "--rooms-per-client", paramLabel = "K", defaultValue = "10",
            description = "With --rooms: rooms each client joins, one round trip each (default: ${DEFAULT-VALUE}).")
    int roomsPerClient;

    @Option(names = "--resume-rooms", paramLabel = "N", description = {"Instead of a load: a guest in N rooms (the"
            + " default room included) misses --missed messages in each and resumes with one request;",
            "reports the joins' round trips and the resume time."})
    Integer resumeRooms;

    @Option(names = "--missed", paramLabel = "M", defaultValue = "100", description = "With --resume-rooms:"
            + " messages missed per room (default: ${DEFAULT-VALUE}).")
    int missed;

    @Option(names = "--pairs", description = {"The clients are accounts in pairs: each sender writes privately to"
            + " its partner (half the clients further on), stored as private conversations are;",
            "every message counts twice, delivered and as the sender's copy. The bench's own server lowers password"
            + " hashing for these logins."})
    boolean pairs;

    @Option(names = "--offline", paramLabel = "N", description = {"Instead of a load: N private messages wait for"
            + " an account that is offline, and it logs in; times their delivery and checks each came once, in"
            + " order."})
    Integer offline;

    @Option(names = "--conversations", paramLabel = "N", description = {"Instead of a load: an account with N"
            + " conversations (half rooms, half private), something unread in each, logs in again by resuming and"
            + " with its password; times logged_in and the conversation list, and checks every unread count.",
            "The bench's own server lowers password hashing for these logins."})
    Integer conversations;

    @Option(names = "--protocol", paramLabel = "native|irc", defaultValue = "native",
            description = {"The clients speak our protocol (the default) or IRC, to the server's --irc-port (the"
                    + " bench's own server listens for IRC too); the scenarios are the same."})
    String protocol;

    @Option(names = "--messages", defaultValue = "2000", description = "Messages per sender (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--rate", defaultValue = "0",
            description = "Total messages a second over all senders; 0 = as fast as the server takes (default).")
    int rate;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Send for this long at --rate instead of --messages per sender.")
    Integer duration;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "100", description = "Text size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--database", paramLabel = "URL",
            description = "The local server keeps everything in this database (jdbc:postgresql://..., its password in"
                    + " CHAT_DATABASE_PASSWORD; tables made if missing) instead of a temporary data folder.")
    String database;

    @Option(names = "--cluster", paramLabel = "N",
            description = {"Run the load scenarios against N nodes of one cluster in this process, on the --database"
                    + " (PostgreSQL); client i connects to node i modulo N."})
    Integer cluster;

    @Option(names = "--history", defaultValue = "on",
            description = "on: durable history (the default); off: no history writes, to measure their cost. Local server only.")
    String history;

    @Option(names = "--login-burst", paramLabel = "N", defaultValue = "0",
            description = "Also make N password logins (new accounts) while the others chat.")
    int loginBurst;

    @Option(names = "--sweep", paramLabel = "C1,C2,...", split = ",",
            description = "Run the scenario once for each client count.")
    List<Integer> sweep;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "With --sweep: draw deliveries/s and p99 against clients (needs gnuplot).")
    Path plot;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "Keep the connections open this long after the run, to look at the server meanwhile.")
    int holdSeconds;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run each scenario N times and also report the median run (by throughput; by p99 with --rate).")
    int repeat;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "First a short run that is not reported, so the JIT has compiled the hot paths (default: on).")
    boolean warmup;

    @Option(names = "--json", description = "Print results as JSON instead of a summary line.")
    boolean json;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for deliveries after the last send (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive = System.console() != null;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (senders == null) {
            senders = pairs ? clients / 2 : rooms == null ? 10 : Math.min(rooms, clients);
        }
        validate();
        if (resumeRooms != null) {
            return resumeProbe();
        }
        if (offline != null) {
            return offlineProbe();
        }
        if (conversations != null) {
            return conversationsProbe();
        }
        if (warmup) {
            warmUp();
        }
        List<BenchResult> results = new ArrayList<>();
        List<BenchResult> all = new ArrayList<>();
        for (int count : sweep != null ? sweep : List.of(clients)) {
            List<BenchResult> runs = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                BenchResult result = run(count);
                runs.add(result);
                if (!json) {
                    out.println(scenario() + result.summary());
                }
            }
            BenchResult median = median(runs, rate > 0);
            if (!json && repeat > 1) {
                out.println("median of " + repeat + ": " + scenario()
                        + median.summary());
            }
            results.add(median);
            all.addAll(runs);
        }
        if (json) {
            Object shown = sweep == null && repeat == 1 ? results.get(0)
                    : java.util.Map.of("runs", all, "medians", results);
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(shown));
        }
        if (plot != null) {
            new SweepPlot(results).write(plot);
            err.println("Plot written to " + plot.toAbsolutePath());
        }
        return results.stream().anyMatch(r -> r.lost() > 0) ? 1 : 0;
    }

    /**
     * The run in the middle, the worse of the two middle ones for an even count: by deliveries per second for a run
     * as fast as the server takes, by p99 latency for a paced run, whose throughput is the rate it was given.
     */
    static BenchResult median(List<BenchResult> runs, boolean paced) {
        List<BenchResult> sorted = new ArrayList<>(runs);
        sorted.sort(paced ? Comparator.comparingLong(BenchResult::p99)
                : Comparator.comparingDouble(BenchResult::deliveriesPerSecond));
        return sorted.get(paced ? sorted.size() / 2 : (sorted.size() - 1) / 2);
    }

    private void warmUp() throws Exception {
        int savedLogins = loginBurst;
        long savedMessages = messages;
        Integer savedDuration = duration;
        int savedHold = holdSeconds;
        holdSeconds = 0;
        loginBurst = 0;
        duration = null;
        try {
            int warmClients = Math.min(sweep != null ? sweep.get(0) : clients, 50);
            int savedSenders = senders;
            senders = Math.min(senders, warmClients);
            // About 5,000 messages in all: enough for the JIT, five seconds at a paced run's usual 1,000 a second.
            messages = Math.min(messages, Math.max(1, 5_000 / senders));
            try {
                run(warmClients);
            } finally {
                senders = savedSenders;
            }
        } finally {
            loginBurst = savedLogins;
            holdSeconds = savedHold;
            messages = savedMessages;
            duration = savedDuration;
        }
    }

    private int resumeProbe() throws Exception {
        ResumeProbe.Result result = null;
        for (int i = 0; i < (warmup ? 1 : 0) + repeat; i++) {
            LocalServer local = server == null ? new LocalServer(history.equals("on"), true, database()) : null;
            try {
                InetSocketAddress address = local != null ? local.address() : parse(server);
                result = new ResumeProbe(address, resumeRooms, missed, runPrefix()).run();
                if (i > 0 || !warmup) {
                    out.println(result.summary());
                }
            } finally {
                if (local != null) {
                    local.close();
                }
            }
        }
        return result.lost() > 0 || result.doubled() > 0 ? 1 : 0;
    }

    private int offlineProbe() throws Exception {
        OfflineProbe.Result result = repeatProbe(false,
                address -> new OfflineProbe(address, offline, runPrefix()).run(), OfflineProbe.Result::summary);
        return result.complete() ? 0 : 1;
    }

    private int conversationsProbe() throws Exception {
        ConversationsProbe.Result result = repeatProbe(true,
                address -> new ConversationsProbe(address, conversations, runPrefix()).run(),
                ConversationsProbe.Result::summary);
        return result.complete() ? 0 : 1;
    }

    /** One run of a probe against a server. */
    @FunctionalInterface
    private interface Probe<R> {
        R run(InetSocketAddress server) throws IOException;
    }

    /**
     * Runs a probe after its warm-up, {@code --repeat} times, each on a fresh local server (with password hashing
     * lowered when {@code accounts}) unless {@code --server} names one; prints each result and returns the last.
     */
    private <R> R repeatProbe(boolean accounts, Probe<R> probe, Function<R, String> summary) throws Exception {
        R result = null;
        for (int i = 0; i < (warmup ? 1 : 0) + repeat; i++) {
            LocalServer local = server == null ? new LocalServer(history.equals("on"), true, database(), accounts)
                    : null;
            try {
                result = probe.run(local != null ? local.address() : parse(server));
                if (i > 0 || !warmup) {
                    out.println(summary.apply(result) + (local == null ? "" : " store=" + local.store()));
                }
            } finally {
                if (local != null) {
                    local.close();
                }
            }
        }
        return result;
    }

    /** What a summary line starts with beside the figures: IRC, pairs. */
    private String scenario() {
        return (cluster != null ? "cluster=" + cluster + " " : "") + (protocol.equals("irc") ? "protocol=irc " : "")
                + (pairs ? "pairs=" + senders + " private " : "");
    }

    private static String runPrefix() {
        return "b" + Long.toString(System.nanoTime() % 1_000_000, 36) + "-";
    }

    private void validate() {
        List<Integer> counts = sweep != null ? sweep : List.of(clients);
        for (int count : counts) {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException("Client counts must be between 1 and 100000.");
            }
            if (senders > count) {
                throw new IllegalArgumentException("--senders (" + senders + ") exceeds the clients (" + count + ").");
            }
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1.");
        }
        if (senders < 1 || messages < 0 || size < 1 || size > 3_900 || rate < 0 || loginBurst < 0) {
            throw new IllegalArgumentException("--senders must be at least 1, --size between 1 and 3900, and"
                    + " --messages, --rate and --login-burst not negative.");
        }
        if (duration != null && rate == 0) {
            throw new IllegalArgumentException("--duration needs a --rate.");
        }
        if (plot != null && sweep == null) {
            throw new IllegalArgumentException("--plot needs --sweep.");
        }
        if (!history.equals("on") && !history.equals("off")) {
            throw new IllegalArgumentException("--history is on or off.");
        }
        if (server != null && history.equals("off")) {
            throw new IllegalArgumentException("--history off applies to the local server only.");
        }
        if (serverPid != null && server == null) {
            throw new IllegalArgumentException("--server-pid needs --server.");
        }
        if (rooms != null && (rooms < 1 || roomsPerClient < 1 || roomsPerClient > rooms)) {
            throw new IllegalArgumentException("--rooms must be at least 1 and --rooms-per-client between 1 and it.");
        }
        if (resumeRooms != null && (resumeRooms < 1 || missed < 1)) {
            throw new IllegalArgumentException("--resume-rooms and --missed must be at least 1.");
        }
        if (pairs && (rooms != null || senders > clients / 2 || sweep != null)) {
            throw new IllegalArgumentException("--pairs takes no --rooms or --sweep, and at most half the clients as"
                    + " --senders.");
        }
        if (offline != null && (offline < 1 || offline > 10_000)) {
            throw new IllegalArgumentException("--offline takes 1 to 10000 messages, the most that may wait.");
        }
        if (!protocol.equals("native") && !protocol.equals("irc")) {
            throw new IllegalArgumentException("--protocol is native or irc.");
        }
        if (cluster != null && (cluster < 2 || cluster > 16)) {
            throw new IllegalArgumentException("--cluster takes 2 to 16 nodes.");
        }
        if (cluster != null && (database == null || !database.startsWith("jdbc:postgresql:") || server != null)) {
            throw new IllegalArgumentException("--cluster runs its nodes here, on one PostgreSQL database: give it with"
                    + " --database jdbc:postgresql://..., and no --server.");
        }
        if (cluster != null && (offline != null || conversations != null || resumeRooms != null)) {
            throw new IllegalArgumentException("--cluster runs the load scenarios; the probes run on one server.");
        }
        if (protocol.equals("irc") && (offline != null || conversations != null || resumeRooms != null)) {
            throw new IllegalArgumentException("--protocol irc runs the load scenarios; the probes speak our"
                    + " protocol.");
        }
        if (conversations != null && (conversations < 2 || conversations > 200)) {
            throw new IllegalArgumentException("--conversations takes 2 to 200: half are rooms, at most the 100 an"
                    + " account may be in.");
        }
    }

    /** The database the local server keeps everything in, or {@code null} for a temporary data folder. */
    private ServerConfig.Database database() {
        return database == null ? null : new ServerConfig.Database(database, System.getenv("CHAT_DATABASE_PASSWORD"),
                true);
    }

    private BenchResult run(int clientCount) throws Exception {
        boolean durable = history.equals("on");
        LocalServer local = server == null ? new LocalServer(durable, rooms != null, database(), pairs,
                protocol.equals("irc"), cluster == null ? 1 : cluster) : null;
        ServerProcess process = serverPid != null ? new ServerProcess(serverPid) : null;
        try {
            InetSocketAddress address = local != null ? local.address() : parse(server);
            long perSender = duration != null ? Math.max(1, (long) rate * duration / senders) : messages;
            Long rssBefore = local != null ? Rss.current() : process != null ? process.rss() : null;
            String prefix = runPrefix();
            RoomPlan roomPlan = rooms == null ? null : new RoomPlan(rooms, roomsPerClient, prefix);
            LoadClients.Plan plan = new LoadClients.Plan(local != null ? local.addresses() : List.of(address),
                    clientCount, senders, perSender, rate, size, prefix, roomPlan, pairs, protocol.equals("irc"));
            try (LoadClients load = new LoadClients(plan, ioThreads())) {
                double connectSeconds = connect(load, clientCount);
                Long rssAfter = local != null ? Rss.current() : process != null ? process.rss() : null;
                long cpuBefore = process != null ? process.cpuNanos() : serverCpuNanos(load);
                long benchCpuBefore = benchCpuNanos(load);
                LoginBurst burst = loginBurst > 0 ? LoginBurst.start(address, loginBurst, prefix) : null;
                load.startSending();
                long total = perSender * senders;
                long expected = plan.expectedDeliveries();
                awaitSent(load, total);
                long end = awaitDelivered(load, expected);
                long cpuAfter = process != null ? process.cpuNanos() : serverCpuNanos(load);
                long benchCpuAfter = benchCpuNanos(load);
                if (holdSeconds > 0) {
                    err.println("holding " + clientCount + " connections for " + holdSeconds + " s");
                    Thread.sleep(holdSeconds * 1000L);
                }
                if (burst != null) {
                    burst.stop();
                }
                LatencyHistogram latencies = load.latencies();
                LatencyHistogram joins = load.joinRoundTrips();
                double seconds = Math.max(1e-9, (end - load.sendStartNanos()) / 1e9);
                long delivered = load.delivered();
                progressDone();
                return new BenchResult(clientCount, senders, load.sent(), expected, delivered, expected - delivered,
                        connectSeconds, seconds, delivered / seconds, latencies.percentile(50),
                        latencies.percentile(90), latencies.percentile(99), latencies.percentile(99.9),
                        latencies.max(), local != null || process != null ? (cpuAfter - cpuBefore) / 1e9 : null,
                        (benchCpuAfter - benchCpuBefore) / 1e9,
                        rssBefore, rssAfter, rssBefore != null ? (rssAfter - rssBefore) / clientCount : null,
                        local != null, durable, local != null ? local.store() : null, load.errors(), load.firstError(),
                        burst != null ? burst.completed() : null, burst != null ? burst.seconds() : null,
                        rooms, rooms != null ? roomsPerClient : null, rooms != null ? joins.percentile(50) : null,
                        rooms != null ? joins.percentile(99) : null);
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /**
     * Selector threads for the clients: two to keep up with a burst; one for a paced run, which one thread
     * receives easily, so that the measuring side takes fewer of the cores the server needs.
     */
    private int ioThreads() {
        return rate > 0 ? 1 : 2;
    }

    private double connect(LoadClients load, int clientCount) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60 + clientCount / 100).toNanos();
        while (load.loggedIn() < clientCount) {
            // Bounded in-flight logins keep the server's accept backlog from overflowing.
            if (load.opened() < clientCount && load.opened() - load.loggedIn() < 500) {
                load.connectNext();
                continue;
            }
            if (load.closedByServer() > 0 || System.nanoTime() > deadline) {
                throw new IOException("Only " + load.loggedIn() + " of " + clientCount + " clients logged in"
                        + (load.firstError() != null ? "; first problem: " + load.firstError() : "") + ".");
            }
            progress(String.format(Locale.ROOT, "logging in %d/%d", load.loggedIn(), clientCount));
            Thread.sleep(1);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void awaitSent(LoadClients load, long total) throws InterruptedException {
        while (load.sent() < total && load.closedByServer() == 0) {
            progress(String.format(Locale.ROOT, "sent %d/%d, delivered %d", load.sent(), total, load.delivered()));
            Thread.sleep(5);
        }
    }

    /** Waits until everything arrived, or nothing arrived for a while; returns when the last delivery was seen. */
    private long awaitDelivered(LoadClients load, long expected) throws InterruptedException {
        long lastCount = load.delivered();
        long lastChange = System.nanoTime();
        long quiet = Duration.ofSeconds(drainSeconds).toNanos();
        while (lastCount < expected && System.nanoTime() - lastChange < quiet) {
            Thread.sleep(2);
            long count = load.delivered();
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.nanoTime();
            }
            progress(String.format(Locale.ROOT, "delivered %d/%d", count, expected));
        }
        return lastChange;
    }

    /** CPU of this process minus the bench's own threads: the server's share when it runs here. */
    private static long serverCpuNanos(LoadClients load) {
        long process = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long bench = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + benchCpuNanos(load);
        return process - bench;
    }

    /** CPU of the light clients' selector threads: what measuring costs on a machine the server shares. */
    private static long benchCpuNanos(LoadClients load) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bench = 0;
        for (Thread thread : load.threads()) {
            bench += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
        }
        return bench;
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--server takes HOST:PORT, not '" + hostPort + "'.");
        }
        return new InetSocketAddress(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private long lastProgress;

    private void progress(String text) {
        long now = System.nanoTime();
        if (interactive && now - lastProgress > 200_000_000L) {
            lastProgress = now;
            err.print("\r\033[2K" + text);
            err.flush();
        }
    }

    private void progressDone() {
        if (interactive) {
            err.print("\r\033[2K");
            err.flush();
        }
    }

    /** Resident memory of this process, from /proc (Linux); 0 elsewhere. */
    static final class Rss {
        private Rss() {
        }

        /** After a full collection, so that garbage of the warm-up does not count as growth. */
        static long current() throws IOException {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path status = Path.of("/proc/self/status");
            if (!Files.exists(status)) {
                return 0;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        }
    }
}
