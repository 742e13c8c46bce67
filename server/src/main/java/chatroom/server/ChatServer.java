package chatroom.server;

import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Bye;
import chatroom.api.message.RoomInfo;
import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;
import chatroom.api.spi.Connection;
import chatroom.api.spi.InboundHandler;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.RoomReport;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;
import chatroom.api.spi.ServerTransport;
import chatroom.server.accounts.Accounts;
import chatroom.server.accounts.LoginThrottle;
import chatroom.server.accounts.PasswordHasher;
import chatroom.server.accounts.ResumeTokens;
import chatroom.server.files.FileRelay;
import chatroom.server.log.ServerLog;
import chatroom.server.privates.PrivateConversations;
import chatroom.server.cluster.ClusterNode;
import chatroom.server.cluster.ClusterPublisher;
import chatroom.server.rooms.Journal;
import chatroom.server.rooms.Numbering;
import chatroom.server.rooms.Receipts;
import chatroom.server.rooms.Room;
import chatroom.server.rooms.Rooms;
import chatroom.server.sessions.ConnectionLimits;
import chatroom.server.sessions.ServerContext;
import chatroom.server.sessions.Session;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.RoomStore;
import chatroom.server.store.Store;
import chatroom.server.store.Stores;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A running chat server: opens the data directory, starts the room and its journal, and serves every connection the
 * transports accept. {@link #control()} is what the operator's console drives.
 */
public final class ChatServer implements AutoCloseable {
    public static final String VERSION = "chatroom 0.1.0";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final List<ServerTransport> transports;
    private final ServerLog log;
    private final Clock clock;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Control control = new Control();
    private Instant started;
    private volatile ServerContext context;
    private Journal journal;
    /** On a node of several: the link to the others through the database, and what numbers the rooms' entries. */
    private ClusterLink cluster;
    private Numbering numbering;
    private ClusterPublisher publisher;
    private ExecutorService hashing;
    private ScheduledExecutorService deadlines;
    private ScheduledExecutorService checkpoints;
    private Store store;
    private ResumeTokens tokens;
    private final ConnectionLimits connections;
    private final AtomicLong lastRefusalLogged = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL.toNanos());
    private final AtomicLong refusalsNotLogged = new AtomicLong();

    public ChatServer(ServerConfig config, List<ServerTransport> transports, PrintStream logStream) {
        this(config, transports, logStream, Clock.systemUTC());
    }

    ChatServer(ServerConfig config, List<ServerTransport> transports, PrintStream logStream, Clock clock) {
        this.config = config;
        this.transports = List.copyOf(transports);
        this.log = new ServerLog(logStream, clock);
        this.clock = clock;
        this.connections = new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerAddress());
    }

    /**
     * Opens the database and starts listening.
     *
     * @throws IOException      when a transport cannot listen
     * @throws StorageException when the database cannot be opened
     */
    public void start() throws IOException {
        store = Stores.open(config.storeSettings());
        Names names = new Names(config.maxNameLength());
        Accounts accounts = new Accounts(store.accounts(), new PasswordHasher(config.hashIterations()), names);
        HistoryStore history = store.history();
        Rooms room;
        try {
            tokens = new ResumeTokens(store.tokens(), clock, config.resumeValidity(), log);
            tokens.startClock();
            Receipts receipts = new Receipts(Rooms.RECEIPTS_PER_ACCOUNT, Rooms.RECEIPTS_IN_ALL,
                    config.resumeValidity().toMillis());
            for (HistoryStore.Receipt stored : history.receipts(clock.millis() - config.resumeValidity().toMillis(),
                    Rooms.RECEIPTS_IN_ALL)) {
                receipts.add(new Receipts.Receipt(stored.accountKey(), stored.cid(), stored.id(), stored.ts(),
                        stored.from(), null, stored.roomKey()), stored.ts());
            }
            if (config.nodeName() != null) {
                cluster = store.cluster(config.nodeName()).orElseThrow(() -> new StorageException("--node-name"
                        + " runs several nodes on one database, which " + store.where() + " cannot be: give a"
                        + " PostgreSQL database with --database."));
            }
            // On a node of several the numbering writes the rooms' entries and the journal gets none; it still
            // writes private messages and deletes a deleted room's history.
            journal = new Journal(config.durableHistory() ? history : null, store.privates(), log);
            room = new Rooms(config, journal, log, clock, loadRooms(history), tokens, receipts,
                    store.rooms(), store.memberships(), store.serverBans(),
                    new PrivateConversations(store.privates(), accounts, config.privates()), store.readMarkers());
            if (cluster != null) {
                numbering = new Numbering(cluster, log, room::post);
                publisher = new ClusterPublisher(cluster, log);
                room.asNode(numbering, publisher, publisher);
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot read the history in " + store.where() + ": " + e.getMessage(), e);
        }
        // Half the cores at most: a burst of logins must leave the other half to the people already chatting.
        int hashThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        hashing = Executors.newFixedThreadPool(hashThreads,
                Thread.ofPlatform().name("password-hashing-", 1).daemon().factory());
        deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("login-deadline").daemon()
                .factory());
        FileRelay files = new FileRelay(config.maxFileSize(), room, log, clock, System::nanoTime);
        deadlines.scheduleWithFixedDelay(files::tick, 1, 1, TimeUnit.SECONDS);
        deadlines.scheduleWithFixedDelay(() -> room.post(new Rooms.SweepGuests()), 1, 1, TimeUnit.MINUTES);
        checkpoints = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("history-checkpoint")
                .daemon().factory());
        checkpoints.scheduleWithFixedDelay(() -> maintain(history), 1, 1, TimeUnit.SECONDS);
        if (!config.privates().retention().isZero()) {
            checkpoints.scheduleWithFixedDelay(this::expirePrivateMessages, 0, 1, TimeUnit.HOURS);
        }
        context = new ServerContext(config, VERSION, room, names, accounts, history, new LoginThrottle(clock), log,
                hashing, sessions, tokens, connections, files, store.memberships(), store.privates(),
                store.readMarkers());
        journal.start();
        room.start();
        if (cluster != null) {
            numbering.start();
            publisher.start();
            cluster.listen(new ClusterNode(cluster, history, room, log));
            log.info("cluster: node " + cluster.node() + " of the nodes on " + store.where());
        }
        started = clock.instant();
        for (ServerTransport transport : transports) {
            transport.start(this::accept);
        }
    }

    private InboundHandler accept(Connection connection) {
        Optional<String> refusal = connections.admit(connection.remoteAddress());
        if (refusal.isPresent()) {
            logRefusal(connection.remoteAddress(), refusal.get());
            connection.send(MessageCodec.encode(new Bye(Bye.OVERLOADED, refusal.get())));
            connection.close();
            return Ignored.INPUT;
        }
        Session session = new Session(connection, context);
        sessions.add(session);
        log.info("connect " + connection.remoteAddress());
        deadlines.schedule(() -> {
            if (!session.inRoom() && !session.isClosed()) {
                log.info("no login within " + config.loginDeadline().toSeconds() + " s from "
                        + connection.remoteAddress() + ": closed");
                session.send(new Bye(Bye.PROTOCOL, "No login within " + config.loginDeadline().toSeconds()
                        + " s."));
                session.close();
            }
        }, config.loginDeadline().toMillis(), TimeUnit.MILLISECONDS);
        return session;
    }

    /**
     * Logs a refused connection, at most one a second: a flood of connections over the limits must not turn into a
     * flood of log lines, which every thread that logs (the room's too) would queue behind.
     */
    private void logRefusal(String address, String reason) {
        long now = System.nanoTime();
        long last = lastRefusalLogged.get();
        if (now - last < REFUSAL_LOG_INTERVAL.toNanos() || !lastRefusalLogged.compareAndSet(last, now)) {
            refusalsNotLogged.incrementAndGet();
            return;
        }
        long more = refusalsNotLogged.getAndSet(0);
        log.info("refused " + address + ": " + reason + (more == 0 ? "" : " (and " + more
                + " more connections refused since the last such line)"));
    }

    /** Deletes the private messages older than the retention, delivered or not; hourly, from the start. */
    void expirePrivateMessages() {
        try {
            int expired = store.privates().expire(clock.millis() - config.privates().retention().toMillis());
            if (expired > 0) {
                // The first run may come before the rooms start: they count from the store then anyway.
                ServerContext started = context;
                if (started != null) {
                    started.rooms().post(new Rooms.PrivateMessagesDeleted());
                }
                log.info("private messages older than " + config.privates().retention().toDays() + " days: "
                        + expired + " deleted");
            }
        } catch (SQLException | RuntimeException e) {
            log.info("private messages could not be expired: " + e.getMessage());
        }
    }

    /** Where the server keeps its data: the database file, or the database's URL without its password. */
    public String storeLocation() {
        return store.where();
    }

    /** Addresses clients can use. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        transports.forEach(transport -> addresses.addAll(transport.addresses()));
        return addresses;
    }

    /** Files being relayed now; each holds at most a few MiB of its chunks, whatever its size. */
    public int transfers() {
        return context == null ? 0 : context.files().transfers();
    }

    // Package access for tests: the sweep that runs every minute, now.
    void sweepGuests() {
        context.rooms().post(new Rooms.SweepGuests());
    }

    /** What the operator's console drives. */
    public ServerControl control() {
        return control;
    }

    /** Tells everyone, closes every connection, flushes the history and releases the database. Idempotent. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            if (context != null) {
                CompletableFuture<Void> goodbyes = new CompletableFuture<>();
                context.rooms().post(new Rooms.Shutdown(goodbyes));
                goodbyes.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("shutdown: the room did not finish in time: " + e);
        } finally {
            release();
        }
    }

    private void release() {
        transports.forEach(ServerTransport::close);
        try {
            if (cluster != null) {
                publisher.stop();
                cluster.close();
                numbering.stop();
            }
            if (journal != null) {
                journal.stop();
            }
            if (tokens != null) {
                tokens.close();
            }
            if (store != null) {
                store.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            log.info("shutdown: closing the database failed: " + e.getMessage());
        }
        if (hashing != null) {
            hashing.shutdownNow();
            deadlines.shutdownNow();
            checkpoints.shutdownNow();
        }
        log.info("server stopped");
        stopped.countDown();
    }

    /**
     * Every room in the registry with its newest entries, the default room made on the first start with this name.
     * History the single-room server wrote belongs to no room until the default room adopts it, here.
     */
    private List<Room> loadRooms(HistoryStore history) throws SQLException {
        if (store.rooms().create(config.defaultRoom(), null, clock.millis())) {
            log.info("made the default room " + config.defaultRoom());
        }
        int adopted = history.adopt(config.defaultRoom());
        if (adopted > 0) {
            log.info("the default room " + config.defaultRoom() + " took in the " + adopted
                    + " entries of the single room's history");
        }
        List<MembershipStore.Membership> welcomed = store.memberships().welcome(config.defaultRoom(), clock.millis());
        if (!welcomed.isEmpty()) {
            log.info(welcomed.size() + " accounts joined the default room " + config.defaultRoom());
        }
        int forgotten = store.memberships().forgetRemovedAccounts();
        if (forgotten > 0) {
            log.info("forgot " + forgotten + " room memberships of removed accounts");
        }
        Map<String, Room> rooms = new LinkedHashMap<>();
        for (RoomStore.Saved saved : store.rooms().all()) {
            String owner = heirIfRemoved(saved);
            Room room = new Room(saved.name(), saved.topic(), owner,
                    history.before(saved.name(), Long.MAX_VALUE, config.recentWindow()), history.lastId(saved.name()),
                    history.size(saved.name()), config.recentWindow());
            room.topicLocked(!saved.topicOpen());
            room.inviteOnly(saved.inviteOnly());
            rooms.put(RoomNames.key(saved.name()), room);
        }
        for (MembershipStore.Membership membership : store.memberships().all()) {
            Room room = rooms.get(membership.roomKey());
            if (room != null) {
                room.join(membership.accountKey(), membership.name(), membership.joined());
                room.operator(membership.accountKey(), membership.operator());
            }
        }
        for (MembershipStore.Invite invite : store.memberships().invites()) {
            Room room = rooms.get(invite.roomKey());
            if (room != null) {
                room.invite(invite.accountKey(), invite.expires());
            }
        }
        for (MembershipStore.Ban ban : store.memberships().bans()) {
            Room room = rooms.get(ban.roomKey());
            if (room != null) {
                room.ban(ban.accountKey(), ban.name(), true);
            }
        }
        return List.copyOf(rooms.values());
    }

    /**
     * The room's owner, or, when that account was removed, its longest-standing operator, who becomes the owner
     * (null when it has none: then the server's operators keep order there).
     */
    private String heirIfRemoved(RoomStore.Saved saved) throws SQLException {
        String owner = saved.ownerKey();
        if (owner == null || store.memberships().accountName(owner).isPresent()) {
            return owner;
        }
        String heir = store.memberships().longestStandingOperator(saved.name()).orElse(null);
        store.rooms().setOwner(saved.name(), heir);
        if (heir != null) {
            store.memberships().setOperator(saved.name(), heir, false);
        }
        log.info("the owner of " + saved.name() + " was removed; " + (heir == null ? "the server's operators keep"
                + " order there" : heir + " owns it now"));
        return heir;
    }

    private void maintain(HistoryStore history) {
        try {
            history.maintain();
        } catch (SQLException | RuntimeException e) {
            log.info("history upkeep failed: " + e.getMessage());
        }
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a refused connection says until it is closed: nothing the server listens to. */
    private enum Ignored implements InboundHandler {
        INPUT;

        @Override
        public void onLine(String line) {
        }

        @Override
        public void onUnreadableLine(ProtocolException problem) {
        }

        @Override
        public void onClosed() {
        }
    }

    /** The operator's view, backed by the room's own thread for anything that reads its state. */
    private final class Control implements ServerControl {
        @Override
        public ServerStatus status() {
            return new ServerStatus(sessions.size(), context.rooms().online(), context.rooms().roomCount(),
                    context.rooms().messages(),
                    Duration.between(started, clock.instant()), addresses());
        }

        @Override
        public List<OnlineUser> online() {
            CompletableFuture<List<OnlineUser>> users = new CompletableFuture<>();
            context.rooms().post(new Rooms.ListOnline(users));
            return await(users, List.of());
        }

        @Override
        public boolean kick(String name, String reason) {
            CompletableFuture<Boolean> kicked = new CompletableFuture<>();
            context.rooms().post(new Rooms.Kick(name, reason, kicked));
            return await(kicked, false);
        }

        @Override
        public Optional<String> banFromServer(String account, boolean banned) {
            return refusal(answer -> new Rooms.BanFromServer(account, banned, answer));
        }

        @Override
        public List<RoomInfo> rooms() {
            CompletableFuture<List<RoomInfo>> rooms = new CompletableFuture<>();
            context.rooms().post(new Rooms.ListAllRooms(rooms));
            return await(rooms, List.of());
        }

        @Override
        public Optional<RoomReport> room(String name) {
            CompletableFuture<RoomReport> report = new CompletableFuture<>();
            context.rooms().post(new Rooms.DescribeRoom(name, report));
            return Optional.ofNullable(await(report, null));
        }

        @Override
        public Optional<String> kickFromRoom(String room, String name, String reason) {
            return refusal(answer -> new Rooms.KickFromRoom(room, name, reason, answer));
        }

        @Override
        public Optional<String> banFromRoom(String room, String account, boolean banned) {
            return refusal(answer -> new Rooms.BanFromRoom(room, account, banned, answer));
        }

        @Override
        public Optional<String> closeRoom(String room) {
            return refusal(answer -> new Rooms.CloseRoom(room, answer));
        }

        @Override
        public Optional<String> deletePrivateMessages(String account) {
            Optional<String> registered = context.accounts().registeredName(account);
            if (registered.isEmpty()) {
                return Optional.of(account + " has no account here.");
            }
            try {
                int deleted = store.privates().deleteAccount(Names.key(registered.get()));
                context.rooms().post(new Rooms.PrivateMessagesDeleted());
                log.info("private messages of " + registered.get() + " deleted by the operator: " + deleted);
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("The private messages could not be deleted: " + e.getMessage());
            }
        }

        /** Asks the rooms thread; its answer is a refusal, or null when done. */
        private Optional<String> refusal(Function<CompletableFuture<String>, Rooms.Event> request) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            context.rooms().post(request.apply(answer));
            return Optional.ofNullable(await(answer, "The server is stopping."));
        }

        @Override
        public void announce(String text) {
            context.rooms().post(new Rooms.Announce(Texts.clean(text)));
        }

        @Override
        public void shutdown() {
            Thread.ofPlatform().name("shutdown").start(ChatServer.this::close);
        }

        @Override
        public void awaitStopped() throws InterruptedException {
            stopped.await();
        }

        @Override
        public AutoCloseable subscribeLog(Consumer<String> line) {
            return log.subscribe(line);
        }

        private <T> T await(CompletableFuture<T> answer, T whenStopped) {
            try {
                return answer.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return whenStopped;
            } catch (ExecutionException | TimeoutException e) {
                return whenStopped;
            }
        }
    }
}
