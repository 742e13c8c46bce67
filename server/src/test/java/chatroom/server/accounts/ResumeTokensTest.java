package chatroom.server.accounts;

import chatroom.api.rules.Names;
import chatroom.server.log.ServerLog;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeTokensTest {
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final AdjustableClock clock = new AdjustableClock();
    private final ServerLog log = new ServerLog(new PrintStream(OutputStream.nullOutputStream()), clock);
    private ResumeTokens tokens;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(dir);
        tokens = new ResumeTokens(new SqliteTokenStore(database), clock, VALIDITY, log);
    }

    @AfterEach
    void close() throws Exception {
        tokens.close();
    }

    @Test
    void aTokenIsRandom128BitsInBase64Url() throws Exception {
        String token = tokens.issue("alice", false);

        assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
        assertNotEquals(token, tokens.issue("bob", false));
    }

    @Test
    void tokensIssuedTogetherAreCommittedBeforeTheyAreGivenAndAllWork() throws Exception {
        List<Thread> issuers = new ArrayList<>();
        Map<String, String> issued = new ConcurrentHashMap<>();
        database.writes().lock();
        try {
            for (int i = 0; i < 200; i++) {
                String account = "guest" + i;
                issuers.add(Thread.ofVirtual().start(() -> {
                    try {
                        issued.put(account, tokens.issue(account, true));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            Thread.sleep(200);
            assertEquals(Map.of(), issued, "nothing is given while the database cannot take it");
        } finally {
            database.writes().unlock();
        }
        for (Thread issuer : issuers) {
            assertTrue(issuer.join(Duration.ofSeconds(10)), "every issuer returns once its token is stored");
        }
        assertEquals(200, issued.size());
        assertEquals(200, Set.copyOf(issued.values()).size());
        tokens.close();
        tokens = new ResumeTokens(new SqliteTokenStore(Database.open(dir)), clock, VALIDITY, log);
        for (Map.Entry<String, String> token : issued.entrySet()) {
            assertEquals(Optional.of(new ResumeTokens.Holder(token.getKey(), true)),
                    tokens.redeem(token.getValue(), Names.key(token.getKey())));
        }
    }

    @Test
    void aTokenUsedTwiceAtOnceLogsInOnce() throws Exception {
        String token = tokens.issue("alice", false);
        List<Thread> users = new ArrayList<>();
        List<Optional<ResumeTokens.Holder>> all = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            users.add(Thread.ofVirtual().start(() -> {
                try {
                    all.add(tokens.redeem(token, "alice"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread user : users) {
            assertTrue(user.join(Duration.ofSeconds(10)));
        }
        assertEquals(20, all.size());
        assertEquals(List.of(Optional.of(new ResumeTokens.Holder("alice", false))),
                all.stream().filter(Optional::isPresent).toList(), "one use, nineteen refusals");
    }

    @Test
    void logsInItsAccountOnceAndOnlyThatAccount() throws Exception {
        String token = tokens.issue("Alice", false);

        assertEquals(Optional.empty(), tokens.redeem(token, "bob"));
        assertEquals(Optional.of(new ResumeTokens.Holder("Alice", false)), tokens.redeem(token, Names.key("Alice")));
        assertEquals(Optional.empty(), tokens.redeem(token, "alice"));
    }

    @Test
    void staysValidWhileConnectedAndForTheValidityAfterTheConnectionIsLost() throws Exception {
        String token = tokens.issue("alice", false);
        clock.advance(Duration.ofDays(3));
        assertTrue(tokens.isValid(token));

        tokens.expireLater(token);
        tokens.settle();
        clock.advance(VALIDITY.minusSeconds(1));
        assertTrue(tokens.isValid(token));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(tokens.isValid(token));
        assertEquals(Optional.empty(), tokens.redeem(token, "alice"));
    }

    @Test
    void aLogoutOrKickRevokesIt() throws Exception {
        String token = tokens.issue("alice", false);

        tokens.revokeLater(token);
        tokens.settle();

        assertFalse(tokens.isValid(token));
    }

    @Test
    void survivesARestartAndTheRestartCountsAsTheLostConnection() throws Exception {
        String guest = tokens.issue("visitor", true);
        tokens.close();
        clock.advance(Duration.ofHours(5));

        tokens = new ResumeTokens(new SqliteTokenStore(Database.open(dir)), clock, VALIDITY, log);
        tokens.startClock();
        assertTrue(tokens.isValid(guest));
        clock.advance(VALIDITY);
        assertFalse(tokens.isValid(guest));
    }

    @Test
    void keepsOnlyHashes() throws Exception {
        String token = tokens.issue("alice", false);
        tokens.close();

        byte[] database = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
        Path walFile = dir.resolve(Database.FILE_NAME + "-wal");
        byte[] wal = Files.exists(walFile) ? Files.readAllBytes(walFile) : new byte[0];
        String stored = new String(database, StandardCharsets.ISO_8859_1)
                + new String(wal, StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains(token));
        tokens = new ResumeTokens(new SqliteTokenStore(Database.open(dir)), clock, VALIDITY, log);
    }

    @Test
    void refusesAnythingThatCannotBeAToken() throws Exception {
        assertEquals(Optional.empty(), tokens.redeem("", "alice"));
        assertEquals(Optional.empty(), tokens.redeem("x".repeat(10_000), "alice"));
    }

    /** A clock that moves only when told. */
    private static final class AdjustableClock extends Clock {
        private volatile Instant now = Instant.parse("2024-05-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
