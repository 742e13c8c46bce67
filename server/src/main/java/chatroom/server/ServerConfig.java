package chatroom.server;

import chatroom.api.message.Limits;
import chatroom.api.message.Protocol;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server behaves. {@link #defaults(Path)} gives the documented defaults; the {@code with…} methods change one
 * setting.
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
 * @param maxConnections            open connections the server accepts in all, logged in or not
 * @param maxConnectionsPerAddress  open connections it accepts from one IP address
 * @param bytesPerSecond            sustained bytes a connection may send per second, every line counted, before
 *                                  "slow down"
 * @param byteBurst                 bytes a connection may send at once before that rate applies
 * @param maxJsonDepth              deepest nesting of JSON arrays and objects in a client's line (at most 32)
 * @param resumeValidity            how long after its connection is lost a session can be resumed with its token
 * @param resumeReplayMax           most missed messages replayed to a resuming client (also kept in memory for it)
 */
public record ServerConfig(Path dataDir, int historyOnJoin, boolean openRegistration, boolean allowGuests,
                           boolean durableHistory, int maxLineBytes, int maxNameLength, int maxTextLength,
                           int historyPageMax, int outboxBytes, int messagesPerSecond, int burst, int hashIterations,
                           Duration loginDeadline, int maxConnections, int maxConnectionsPerAddress,
                           int bytesPerSecond, int byteBurst, int maxJsonDepth, Duration resumeValidity,
                           int resumeReplayMax) {
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

    public ServerConfig {
        if (maxJsonDepth < 1 || maxJsonDepth > DEFAULT_MAX_JSON_DEPTH) {
            throw new IllegalArgumentException("The JSON depth limit must be between 1 and " + DEFAULT_MAX_JSON_DEPTH
                    + ": " + maxJsonDepth);
        }
    }

    /** The settings that existed before connection limits, byte rates and resuming, with their defaults for those. */
    public ServerConfig(Path dataDir, int historyOnJoin, boolean openRegistration, boolean allowGuests,
                        boolean durableHistory, int maxLineBytes, int maxNameLength, int maxTextLength,
                        int historyPageMax, int outboxBytes, int messagesPerSecond, int burst, int hashIterations,
                        Duration loginDeadline) {
        this(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes, maxNameLength,
                maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations, loginDeadline,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_BYTES_PER_SECOND,
                DEFAULT_BYTE_BURST, DEFAULT_MAX_JSON_DEPTH, DEFAULT_RESUME_VALIDITY, DEFAULT_RESUME_REPLAY_MAX);
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, 100, true, false, true, Protocol.DEFAULT_MAX_LINE_BYTES, 32, 4000, 200,
                4 * 1024 * 1024, 20, 40, DEFAULT_HASH_ITERATIONS, Duration.ofSeconds(10));
    }

    public ServerConfig withHistoryOnJoin(int entries) {
        return new ServerConfig(dataDir, entries, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withOpenRegistration(boolean open) {
        return new ServerConfig(dataDir, historyOnJoin, open, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withGuests(boolean allowed) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowed, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withDurableHistory(boolean durable) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durable, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withHashIterations(int iterations) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, iterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withRate(int perSecond, int burstSize) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, perSecond, burstSize, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withLoginDeadline(Duration deadline) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                deadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withConnectionLimits(int total, int perAddress) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, total, perAddress, bytesPerSecond, byteBurst, maxJsonDepth, resumeValidity,
                resumeReplayMax);
    }

    public ServerConfig withByteRate(int perSecond, int burstBytes) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, perSecond, burstBytes, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withMaxLineBytes(int bytes) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, bytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withMaxNameLength(int length) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                length, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withMaxTextLength(int length) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, length, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withMaxJsonDepth(int depth) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, depth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withOutboxBytes(int bytes) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, bytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                resumeValidity, resumeReplayMax);
    }

    public ServerConfig withResume(Duration validity, int replayMax) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline, maxConnections, maxConnectionsPerAddress, bytesPerSecond, byteBurst, maxJsonDepth,
                validity, replayMax);
    }

    /** The limits as announced to clients. */
    public Limits limits() {
        return new Limits(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax,
                messagesPerSecond, burst, bytesPerSecond, byteBurst);
    }

    /** How many history entries the room keeps in memory: enough for a login's replay and for a resume's. */
    int recentWindow() {
        return Math.max(historyOnJoin, resumeReplayMax);
    }
}
