package chatroom.server.accounts;

import chatroom.api.rules.Names;
import chatroom.server.log.ServerLog;
import chatroom.server.store.TokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resume tokens: random 128-bit secrets, one per session, that log its account in again once without the password
 * after a lost connection. A token stays valid while its session is connected and for {@code validity} after it
 * ends; using it consumes it (the new session gets a new one), and the room revokes it when its session is replaced,
 * kicked or logged out. Kept in a {@link TokenStore}, so a restarted (or crashed) server still knows them, and only as
 * SHA-256 hashes, so a copy of the store logs no one in. Thread-safe; the {@code …Later} methods return at once, for
 * the room's thread.
 */
public final class ResumeTokens implements AutoCloseable {
    /** Who a token logs in. */
    public record Holder(String account, boolean guest) {
    }

    /** Longer strings are not tokens of ours and are refused unhashed. */
    static final int MAX_TOKEN_LENGTH = 64;
    private static final int TOKEN_BYTES = 16;
    /** Beyond this many, the tokens closest to expiring go first: guests logging in and out cannot fill the disk. */
    private static final int MAX_TOKENS = 100_000;
    /** Expired tokens are forgotten after this many new ones. */
    private static final int ISSUES_BETWEEN_PURGES = 1000;

    private final TokenStore store;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService later = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("resume-tokens").daemon().factory());
    private final ServerLog log;
    /** On the tokens' thread only. */
    private int issuedSincePurge;

    /**
     * Tokens waiting to be written, and the future their issuers wait on. Logins come in storms (a server restart,
     * a network back): a transaction per token serialised them behind the database's write lock, a second for 5,000
     * logins; the tokens waiting meanwhile now go in one transaction (group commit), and each issuer still returns
     * only once its token is committed.
     */
    private final Object issuing = new Object();
    private List<TokenStore.NewToken> toWrite = new ArrayList<>();
    private CompletableFuture<Void> written = new CompletableFuture<>();
    private boolean writerQueued;

    public ResumeTokens(TokenStore store, Clock clock, Duration validity, ServerLog log) {
        this.store = store;
        this.clock = clock;
        this.validity = validity;
        this.log = log;
    }

    /**
     * At start, the sessions that were connected when the server last stopped (or crashed) count as ended now: their
     * tokens are valid for {@code validity} from now, so their clients can come back.
     */
    public void startClock() throws SQLException {
        store.endSessions(clock.millis() + validity.toMillis());
        store.forget(clock.millis(), MAX_TOKENS);
    }

    /** A new token for a session of this account, valid while it is connected; returns once it is committed. */
    public String issue(String account, boolean guest) throws SQLException {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CompletableFuture<Void> committed;
        boolean startWriter;
        synchronized (issuing) {
            toWrite.add(new TokenStore.NewToken(hash(token), Names.key(account), account, guest));
            committed = written;
            startWriter = !writerQueued;
            writerQueued = true;
        }
        if (startWriter) {
            try {
                later.execute(this::writeIssued);
            } catch (RejectedExecutionException e) {
                throw new SQLException("The server is stopping.", e);
            }
        }
        try {
            committed.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException failure ? failure
                    : new SQLException("Cannot store a resume token: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while storing a resume token.", e);
        }
        return token;
    }

    /** On the tokens' thread: writes what was issued, a transaction at a time, until nothing waits. */
    private void writeIssued() {
        while (true) {
            List<TokenStore.NewToken> batch;
            CompletableFuture<Void> done;
            synchronized (issuing) {
                if (toWrite.isEmpty()) {
                    writerQueued = false;
                    return;
                }
                batch = toWrite;
                done = written;
                toWrite = new ArrayList<>();
                written = new CompletableFuture<>();
            }
            try {
                issuedSincePurge += batch.size();
                if (issuedSincePurge >= ISSUES_BETWEEN_PURGES) {
                    issuedSincePurge = 0;
                    store.forget(clock.millis(), MAX_TOKENS);
                }
                store.add(batch);
                done.complete(null);
            } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    /**
     * Uses up a token.
     *
     * @param nameKey the {@link Names#key} of the name the client logs in with: a token works only for its account
     * @return who it logs in; empty when it is unknown, used, expired or another account's
     */
    public Optional<Holder> redeem(String token, String nameKey) throws SQLException {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return store.take(hash(token), nameKey, clock.millis())
                .map(stored -> new Holder(stored.account(), stored.guest()));
    }

    /** The token's session ended: it stays valid for a while, for the client to come back. */
    public void expireLater(String token) {
        later(() -> store.setExpiry(hash(token), clock.millis() + validity.toMillis()));
    }

    /** The token's session ended for good (logout, kick): it stops working. */
    public void revokeLater(String token) {
        later(() -> store.delete(hash(token)));
    }

    /** Whether this token would log in its account now; for tests. */
    boolean isValid(String token) throws SQLException {
        return store.find(hash(token)).map(stored -> stored.expires() > clock.millis()).orElse(false);
    }

    /** Waits until what was handed to the {@code …Later} methods is done; for tests and for closing. */
    void settle() throws InterruptedException {
        try {
            later.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // Nothing more to wait for.
        }
    }

    /** Finishes what was handed to the {@code …Later} methods (for a few seconds at most), then closes. */
    @Override
    public void close() throws SQLException {
        later.shutdown();
        try {
            later.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void later(Work work) {
        try {
            later.execute(() -> {
                try {
                    work.run();
                } catch (SQLException | RuntimeException e) {
                    log.info("resume token update failed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // Stopping: the next start counts every open session as ended anyway.
        }
    }

    private static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
