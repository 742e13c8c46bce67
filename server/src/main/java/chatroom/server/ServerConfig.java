package chatroom.server;

import chatroom.api.message.Limits;
import chatroom.api.message.Protocol;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server behaves. {@link #defaults(Path)} gives the documented defaults; the {@code with…} methods change one
 * setting.
 *
 * @param dataDir           where the database lives
 * @param historyOnJoin     history entries replayed to someone who logs in
 * @param openRegistration  whether a new name with a password creates an account
 * @param allowGuests       whether a name no account has may join without a password, marked as a guest
 * @param durableHistory    whether history is written to disk before anyone receives it (off only to measure its cost)
 * @param maxLineBytes      longest line a client may send
 * @param maxNameLength     longest name, in characters
 * @param maxTextLength     longest chat text, in characters
 * @param historyPageMax    largest page of older history a client may ask for
 * @param outboxBytes       bytes that may wait for a client that does not read before it is disconnected
 * @param messagesPerSecond sustained messages per connection before "slow down"
 * @param burst             messages a connection may send at once
 * @param hashIterations    PBKDF2 iterations for new password hashes
 * @param loginDeadline     how long a connection may stay without logging in
 */
public record ServerConfig(Path dataDir, int historyOnJoin, boolean openRegistration, boolean allowGuests,
                           boolean durableHistory, int maxLineBytes, int maxNameLength, int maxTextLength,
                           int historyPageMax, int outboxBytes, int messagesPerSecond, int burst,
                           int hashIterations, Duration loginDeadline) {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_HASH_ITERATIONS = 600_000;

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, 100, true, false, true, Protocol.DEFAULT_MAX_LINE_BYTES, 32, 4000, 200,
                4 * 1024 * 1024, 20, 40, DEFAULT_HASH_ITERATIONS, Duration.ofSeconds(10));
    }

    public ServerConfig withHistoryOnJoin(int entries) {
        return new ServerConfig(dataDir, entries, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline);
    }

    public ServerConfig withOpenRegistration(boolean open) {
        return new ServerConfig(dataDir, historyOnJoin, open, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline);
    }

    public ServerConfig withGuests(boolean allowed) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowed, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline);
    }

    public ServerConfig withDurableHistory(boolean durable) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durable, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                loginDeadline);
    }

    public ServerConfig withHashIterations(int iterations) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, iterations,
                loginDeadline);
    }

    public ServerConfig withRate(int perSecond, int burstSize) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, perSecond, burstSize, hashIterations,
                loginDeadline);
    }

    public ServerConfig withLoginDeadline(Duration deadline) {
        return new ServerConfig(dataDir, historyOnJoin, openRegistration, allowGuests, durableHistory, maxLineBytes,
                maxNameLength, maxTextLength, historyPageMax, outboxBytes, messagesPerSecond, burst, hashIterations,
                deadline);
    }

    /** The limits as announced to clients. */
    public Limits limits() {
        return new Limits(maxLineBytes, maxNameLength, maxTextLength, historyOnJoin, historyPageMax,
                messagesPerSecond, burst);
    }
}
