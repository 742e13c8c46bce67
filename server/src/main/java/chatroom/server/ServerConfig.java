package chatroom.server;

import chatroom.api.message.Limits;
import chatroom.api.message.Protocol;
import chatroom.api.rules.Names;
import chatroom.api.rules.Refusal;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;
import chatroom.server.store.StoreSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a server behaves. {@link #defaults(Path)} gives the documented defaults; {@link #toBuilder()} or the
 * {@code with…} methods change settings.
 *
 * @param dataDir                   where the database lives
 * @param historyOnJoin             history entries replayed to someone who logs in
 * @param openRegistration          whether a new name with a password creates an account
 * @param allowGuests               whether a name no account has may join without a password, marked as a guest
 * @param durableHistory            whether history is written to disk before anyone receives it (off only to measure
 *                                  its cost)
 * @param maxLineBytes              longest line a client may send
 * @param maxNameLength             longest name, in characters
 * @param maxTextLength             longest chat text, in characters
 * @param historyPageMax            largest page of older history a client may ask for
 * @param outboxBytes               bytes that may wait for a client that does not read before it is disconnected
 * @param messagesPerSecond         sustained messages per connection before "slow down"
 * @param burst                     messages a connection may send at once
 * @param hashIterations            PBKDF2 iterations for new password hashes
 * @param loginDeadline             how long a connection may stay without logging in
 * @param presenceLimit             above this many people online, join and leave notices go only to the person
 *                                  concerned
 * @param fsync                     whether each history commit waits for the disk (survives power loss, costs a flush)
 * @param maxConnections            open connections the server accepts in all, logged in or not
 * @param maxConnectionsPerAddress  open connections it accepts from one IP address
 * @param bytesPerSecond            sustained bytes a connection may send per second, every line counted, before
 *                                  "slow down"
 * @param byteBurst                 bytes a connection may send at once before that rate applies
 * @param maxJsonDepth              deepest nesting of JSON arrays and objects in a client's line (at most 32)
 * @param resumeValidity            how long after its connection is lost a session can be resumed with its token
 * @param resumeReplayMax           most missed messages replayed to a resuming client (also kept in memory for it)
 * @param maxFileSize               the largest file relayed, in bytes; 0 relays none
 * @param defaultRoom               the room every account is in until it leaves, and the only room protocol-1
 *                                  clients see
 * @param roomCreation              who may create a room by joining it
 * @param maxRoomsPerUser           rooms one account (or guest) may be in at once
 * @param admins                    the server's operators, by account name key: they keep order in every room, as
 *                                  its owner would
 * @param database                  the database that keeps everything, or {@code null} for SQLite in the data folder
 * @param privates                  how private messages wait for offline recipients, and how long they are kept
 * @param maxSessions               places one account may be logged in from at once; one more ends the oldest
 * @param nodeName                  this server's name among several nodes on one database, or {@code null} when it
 *                                  runs alone
 */
public record ServerConfig(Path dataDir, int historyOnJoin, boolean openRegistration, boolean allowGuests,
                           boolean durableHistory, int maxLineBytes, int maxNameLength, int maxTextLength,
                           int historyPageMax, int outboxBytes, int messagesPerSecond, int burst, int hashIterations,
                           Duration loginDeadline, int presenceLimit, boolean fsync, int maxConnections,
                           int maxConnectionsPerAddress, int bytesPerSecond, int byteBurst, int maxJsonDepth,
                           Duration resumeValidity, int resumeReplayMax, long maxFileSize, String defaultRoom,
                           RoomCreation roomCreation, int maxRoomsPerUser, Set<String> admins, Database database,
                           Privates privates, int maxSessions, String nodeName) {
    /** What a node's name may be: it travels in the database's notices, between spaces. */
    public static final String NODE_NAME = "[A-Za-z0-9_.-]{1,64}";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_HASH_ITERATIONS = 600_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Enough for a household or an office behind one NAT address; not enough to exhaust the server from one host. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;
    /** 64 KiB a second sustained: a fast typist sends well under 1 KiB; a paste of a long message still passes. */
    public static final int DEFAULT_BYTES_PER_SECOND = 64 * 1024;
    public static final int DEFAULT_BYTE_BURST = 256 * 1024;
    /** No client message nests deeper than 2; 32 leaves room for extensions and costs nothing. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 32;
    public static final Duration DEFAULT_RESUME_VALIDITY = Duration.ofMinutes(10);
    public static final int DEFAULT_RESUME_REPLAY_MAX = 1000;
    /** Enough for everyone's interests, few enough that one account's memberships stay cheap to load and replay. */
    public static final int DEFAULT_MAX_ROOMS_PER_USER = 100;
    /** A phone, a laptop, a desktop and a spare, with one to grow; a leaked password cannot open hundreds. */
    public static final int DEFAULT_MAX_SESSIONS = 5;

    public ServerConfig {
        if (maxJsonDepth < 1 || maxJsonDepth > DEFAULT_MAX_JSON_DEPTH) {
            throw new IllegalArgumentException("The JSON depth limit must be between 1 and " + DEFAULT_MAX_JSON_DEPTH
                    + ": " + maxJsonDepth);
        }
        Optional<Refusal> badRoom = RoomNames.check(defaultRoom);
        if (badRoom.isPresent()) {
            throw new IllegalArgumentException("The default room '" + defaultRoom + "' is not a room name: "
                    + badRoom.get().message());
        }
        defaultRoom = RoomNames.canonical(defaultRoom);
        if (maxRoomsPerUser < 1) {
            throw new IllegalArgumentException("Everyone must be able to be in at least one room: " + maxRoomsPerUser);
        }
        if (nodeName != null && !nodeName.matches(NODE_NAME)) {
            throw new IllegalArgumentException("A node name is 1 to 64 letters, digits, '_', '-' and '.': '"
                    + nodeName + "'.");
        }
        if (nodeName != null && database == null) {
            throw new IllegalArgumentException("--node-name runs this server as one node of several on one database:"
                    + " give that database with --database.");
        }
        if (nodeName != null && !durableHistory) {
            throw new IllegalArgumentException("The nodes of a cluster share their history through the database: it"
                    + " cannot be kept in memory only.");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("An account must be able to log in from one place: " + maxSessions);
        }
        admins = admins.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());
        privates = privates == null ? Privates.DEFAULTS : privates;
    }

    /**
     * What is kept of private conversations between accounts.
     *
     * @param offlineMax the most messages that wait for one offline account; more are refused, saying so
     * @param retention  how long messages are kept, delivered or not; {@link Duration#ZERO} keeps them
     */
    public record Privates(int offlineMax, Duration retention) {
        public static final Privates DEFAULTS = new Privates(10_000, Duration.ofDays(30));

        public Privates {
            if (offlineMax < 0) {
                throw new IllegalArgumentException("The offline queue cannot be negative: " + offlineMax);
            }
            if (retention.isNegative()) {
                throw new IllegalArgumentException("The retention cannot be negative: " + retention);
            }
        }
    }

    /**
     * A database named by URL that keeps everything instead of the data folder.
     *
     * @param url      a JDBC URL, {@code jdbc:postgresql://HOST:PORT/DB?user=U}
     * @param password its password, or {@code null} when it needs none
     * @param init     whether its schema may be created or migrated at start
     */
    public record Database(String url, String password, boolean init) {
        /** Never shows the password. */
        @Override
        public String toString() {
            return "Database[" + new StoreSettings(null, url, password, false, init) + "]";
        }
    }

    /** Where the store is, as its providers take it. */
    public StoreSettings storeSettings() {
        return database == null ? StoreSettings.dataFolder(dataDir, fsync)
                : new StoreSettings(dataDir, database.url(), database.password(), fsync, database.init());
    }

    /** Whether this account is one of the server's operators. */
    public boolean isAdmin(String account) {
        return admins.contains(Names.key(account));
    }

    /** The settings that existed before connection limits, byte rates and resuming, with their defaults for those. */
    public ServerConfig(Path dataDir, int historyOnJoin, boolean openRegistration, boolean allowGuests,
                        boolean durableHistory, int maxLineBytes, int maxNameLength, int maxTextLength,
                        int historyPageMax, int outboxBytes, int messagesPerSecond, int burst, int hashIterations,
                        Duration loginDeadline, int presenceLimit, boolean fsync) {
        this(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes, maxNameLength,
                maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations, loginDeadline,
                presenceLimit, fsync, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_BYTES_PER_SECOND, DEFAULT_BYTE_BURST, DEFAULT_MAX_JSON_DEPTH, DEFAULT_RESUME_VALIDITY,
                DEFAULT_RESUME_REPLAY_MAX, Protocol.DEFAULT_MAX_FILE_SIZE, RoomNames.DEFAULT_ROOM,
                RoomCreation.ACCOUNTS, DEFAULT_MAX_ROOMS_PER_USER, Set.of(), null, Privates.DEFAULTS,
                DEFAULT_MAX_SESSIONS, null);
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, 100, true, false, true, Protocol.DEFAULT_MAX_LINE_BYTES,
                Names.DEFAULT_MAX_LENGTH, Texts.DEFAULT_MAX_LENGTH, 200, 4 * 1024 * 1024, 20, 40,
                DEFAULT_HASH_ITERATIONS, Duration.ofSeconds(10), 1000, false);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ServerConfig withHistoryOnJoin(int entries) {
        return toBuilder().historyOnJoin(entries).build();
    }

    public ServerConfig withOpenRegistration(boolean open) {
        return toBuilder().openRegistration(open).build();
    }

    public ServerConfig withGuests(boolean allowed) {
        return toBuilder().allowGuests(allowed).build();
    }

    public ServerConfig withDurableHistory(boolean durable) {
        return toBuilder().durableHistory(durable).build();
    }

    public ServerConfig withHashIterations(int iterations) {
        return toBuilder().hashIterations(iterations).build();
    }

    public ServerConfig withRate(int perSecond, int burstSize) {
        return toBuilder().messagesPerSecond(perSecond).burst(burstSize).build();
    }

    public ServerConfig withLoginDeadline(Duration deadline) {
        return toBuilder().loginDeadline(deadline).build();
    }

    public ServerConfig withMaxFileSize(long bytes) {
        return toBuilder().maxFileSize(bytes).build();
    }

    public ServerConfig withConnectionLimits(int total, int perAddress) {
        return toBuilder().maxConnections(total).maxConnectionsPerAddress(perAddress).build();
    }

    public ServerConfig withByteRate(int perSecond, int burstBytes) {
        return toBuilder().bytesPerSecond(perSecond).byteBurst(burstBytes).build();
    }

    public ServerConfig withMaxLineBytes(int bytes) {
        return toBuilder().maxLineBytes(bytes).build();
    }

    public ServerConfig withMaxNameLength(int length) {
        return toBuilder().maxNameLength(length).build();
    }

    public ServerConfig withMaxTextLength(int length) {
        return toBuilder().maxTextLength(length).build();
    }

    public ServerConfig withMaxJsonDepth(int depth) {
        return toBuilder().maxJsonDepth(depth).build();
    }

    public ServerConfig withOutboxBytes(int bytes) {
        return toBuilder().outboxBytes(bytes).build();
    }

    public ServerConfig withResume(Duration validity, int replayMax) {
        return toBuilder().resumeValidity(validity).resumeReplayMax(replayMax).build();
    }

    /** The limits as announced to clients. */
    public Limits limits() {
        return new Limits(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax,
                messagesPerSecond, burst, bytesPerSecond, byteBurst, maxFileSize > 0 ? maxFileSize : null);
    }

    /** How many history entries the room keeps in memory: enough for a login's replay and for a resume's. */
    public int recentWindow() {
        return Math.max(historyOnJoin, resumeReplayMax);
    }

    /** Changes settings one at a time; starts from an existing configuration. */
    public static final class Builder {
        private Path dataDir;
        private int historyOnJoin;
        private boolean openRegistration;
        private boolean allowGuests;
        private boolean durableHistory;
        private int maxLineBytes;
        private int maxNameLength;
        private int maxTextLength;
        private int historyPageMax;
        private int outboxBytes;
        private int messagesPerSecond;
        private int burst;
        private int hashIterations;
        private Duration loginDeadline;
        private int presenceLimit;
        private boolean fsync;
        private int maxConnections;
        private int maxConnectionsPerAddress;
        private int bytesPerSecond;
        private int byteBurst;
        private int maxJsonDepth;
        private Duration resumeValidity;
        private int resumeReplayMax;
        private long maxFileSize;
        private String defaultRoom;
        private RoomCreation roomCreation;
        private int maxRoomsPerUser;
        private Set<String> admins;
        private Database database;
        private Privates privates;
        private int maxSessions;
        private String nodeName;

        private Builder(ServerConfig from) {
            dataDir = from.dataDir;
            historyOnJoin = from.historyOnJoin;
            openRegistration = from.openRegistration;
            allowGuests = from.allowGuests;
            durableHistory = from.durableHistory;
            maxLineBytes = from.maxLineBytes;
            maxNameLength = from.maxNameLength;
            maxTextLength = from.maxTextLength;
            historyPageMax = from.historyPageMax;
            outboxBytes = from.outboxBytes;
            messagesPerSecond = from.messagesPerSecond;
            burst = from.burst;
            hashIterations = from.hashIterations;
            loginDeadline = from.loginDeadline;
            presenceLimit = from.presenceLimit;
            fsync = from.fsync;
            maxConnections = from.maxConnections;
            maxConnectionsPerAddress = from.maxConnectionsPerAddress;
            bytesPerSecond = from.bytesPerSecond;
            byteBurst = from.byteBurst;
            maxJsonDepth = from.maxJsonDepth;
            resumeValidity = from.resumeValidity;
            resumeReplayMax = from.resumeReplayMax;
            maxFileSize = from.maxFileSize;
            defaultRoom = from.defaultRoom;
            roomCreation = from.roomCreation;
            maxRoomsPerUser = from.maxRoomsPerUser;
            admins = from.admins;
            database = from.database;
            privates = from.privates;
            maxSessions = from.maxSessions;
            nodeName = from.nodeName;
        }

        public Builder nodeName(String value) {
            nodeName = value;
            return this;
        }

        public Builder maxSessions(int value) {
            maxSessions = value;
            return this;
        }

        public Builder privates(Privates value) {
            privates = value;
            return this;
        }

        public Builder database(Database value) {
            database = value;
            return this;
        }

        public Builder admins(Set<String> value) {
            admins = value;
            return this;
        }

        public Builder defaultRoom(String value) {
            defaultRoom = value;
            return this;
        }

        public Builder roomCreation(RoomCreation value) {
            roomCreation = value;
            return this;
        }

        public Builder maxRoomsPerUser(int value) {
            maxRoomsPerUser = value;
            return this;
        }

        public Builder historyOnJoin(int value) {
            historyOnJoin = value;
            return this;
        }

        public Builder openRegistration(boolean value) {
            openRegistration = value;
            return this;
        }

        public Builder allowGuests(boolean value) {
            allowGuests = value;
            return this;
        }

        public Builder durableHistory(boolean value) {
            durableHistory = value;
            return this;
        }

        public Builder maxLineBytes(int value) {
            maxLineBytes = value;
            return this;
        }

        public Builder maxNameLength(int value) {
            maxNameLength = value;
            return this;
        }

        public Builder maxTextLength(int value) {
            maxTextLength = value;
            return this;
        }

        public Builder historyPageMax(int value) {
            historyPageMax = value;
            return this;
        }

        public Builder outboxBytes(int value) {
            outboxBytes = value;
            return this;
        }

        public Builder messagesPerSecond(int value) {
            messagesPerSecond = value;
            return this;
        }

        public Builder burst(int value) {
            burst = value;
            return this;
        }

        public Builder hashIterations(int value) {
            hashIterations = value;
            return this;
        }

        public Builder loginDeadline(Duration value) {
            loginDeadline = value;
            return this;
        }

        public Builder presenceLimit(int value) {
            presenceLimit = value;
            return this;
        }

        public Builder fsync(boolean value) {
            fsync = value;
            return this;
        }

        public Builder maxFileSize(long value) {
            maxFileSize = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder bytesPerSecond(int value) {
            bytesPerSecond = value;
            return this;
        }

        public Builder byteBurst(int value) {
            byteBurst = value;
            return this;
        }

        public Builder maxJsonDepth(int value) {
            maxJsonDepth = value;
            return this;
        }

        public Builder resumeValidity(Duration value) {
            resumeValidity = value;
            return this;
        }

        public Builder resumeReplayMax(int value) {
            resumeReplayMax = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory,
                    maxLineBytes, maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst,
                    hashIterations, loginDeadline, presenceLimit, fsync, maxConnections, maxConnectionsPerAddress,
                    bytesPerSecond, byteBurst, maxJsonDepth, resumeValidity, resumeReplayMax, maxFileSize, defaultRoom,
                    roomCreation, maxRoomsPerUser, admins, database, privates, maxSessions, nodeName);
        }
    }
}
