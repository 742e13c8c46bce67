package chatroom.server;

import chatroom.api.message.Limits;
import chatroom.api.message.Protocol;
import chatroom.server.store.StoreSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {
    private static final Path DIR = Path.of("data");
    private final ServerConfig defaults = ServerConfig.defaults(DIR);

    @Test
    void theDocumentedDefaults() {
        assertEquals(new ServerConfig(DIR, 100, true, false, true, Protocol.DEFAULT_MAX_LINE_BYTES, 32, 4000, 200,
                4 * 1024 * 1024, 20, 40, 600_000, Duration.ofSeconds(10), 1000, false), defaults);
        assertEquals(100L * 1024 * 1024, defaults.maxFileSize());
        assertEquals("#lobby", defaults.defaultRoom());
        assertEquals(RoomCreation.ACCOUNTS, defaults.roomCreation());
        assertEquals(100, defaults.maxRoomsPerUser());
        assertEquals(5, defaults.maxSessions());
        assertEquals(Set.of(), defaults.admins());
        assertEquals(new ServerConfig.Privates(10_000, Duration.ofDays(30)), defaults.privates());
    }

    @Test
    void aNodeOfSeveralNeedsTheirDatabaseDurableHistoryAndAPlainName() {
        ServerConfig.Database database = new ServerConfig.Database("jdbc:postgresql://db/chat", null, false);
        assertEquals("north-1", defaults.toBuilder().database(database).nodeName("north-1").build().nodeName());
        assertEquals("--node-name runs this server as one node of several on one database: give that database with"
                + " --database.", assertThrows(IllegalArgumentException.class,
                () -> defaults.toBuilder().nodeName("north-1").build()).getMessage());
        assertEquals("A node name is 1 to 64 letters, digits, '_', '-' and '.': 'north 1'.",
                assertThrows(IllegalArgumentException.class,
                        () -> defaults.toBuilder().database(database).nodeName("north 1").build()).getMessage());
        assertEquals("The nodes of a cluster share their history through the database: it cannot be kept in memory"
                + " only.", assertThrows(IllegalArgumentException.class, () -> defaults.toBuilder()
                .database(database).nodeName("north-1").durableHistory(false).build()).getMessage());
    }

    @Test
    void theDefaultRoomMustBeARoomName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> defaults.toBuilder().defaultRoom("lobby").build());
        assertEquals("The default room 'lobby' is not a room name: A room name is '#' and then 1 to 63 letters, digits,"
                + " '_', '-' and '.', such as #lobby.", refused.getMessage());
        assertEquals("#José", defaults.toBuilder().defaultRoom("#Jose\u0301").build().defaultRoom());
    }

    @Test
    void eachWithChangesOneSetting() {
        assertEquals(defaults.toBuilder().historyOnJoin(7).build(), defaults.withHistoryOnJoin(7));
        assertEquals(defaults.toBuilder().openRegistration(false).build(), defaults.withOpenRegistration(false));
        assertEquals(defaults.toBuilder().allowGuests(true).build(), defaults.withGuests(true));
        assertEquals(defaults.toBuilder().durableHistory(false).build(), defaults.withDurableHistory(false));
        assertEquals(defaults.toBuilder().hashIterations(1000).build(), defaults.withHashIterations(1000));
        assertEquals(defaults.toBuilder().loginDeadline(Duration.ofSeconds(3)).build(),
                defaults.withLoginDeadline(Duration.ofSeconds(3)));
        assertEquals(defaults.toBuilder().messagesPerSecond(1).burst(2).build(), defaults.withRate(1, 2));
        assertEquals(defaults.toBuilder().maxConnections(5).maxConnectionsPerAddress(2).build(),
                defaults.withConnectionLimits(5, 2));
        assertEquals(defaults.toBuilder().bytesPerSecond(1000).byteBurst(4000).build(),
                defaults.withByteRate(1000, 4000));
        assertEquals(defaults.toBuilder().maxJsonDepth(4).build(), defaults.withMaxJsonDepth(4));
        assertEquals(defaults.toBuilder().resumeValidity(Duration.ofMinutes(1)).resumeReplayMax(5).build(),
                defaults.withResume(Duration.ofMinutes(1), 5));
    }

    @Test
    void theBuilderSetsEverySetting() {
        ServerConfig all = defaults.toBuilder().historyOnJoin(7).openRegistration(false).allowGuests(true)
                .durableHistory(false).maxLineBytes(5000).maxNameLength(12).maxTextLength(300).historyPageMax(25)
                .outboxBytes(1024).messagesPerSecond(3).burst(9).hashIterations(1000)
                .loginDeadline(Duration.ofSeconds(3)).presenceLimit(50).fsync(true).maxConnections(99)
                .maxConnectionsPerAddress(4).bytesPerSecond(2048).byteBurst(8192).maxJsonDepth(8)
                .resumeValidity(Duration.ofMinutes(2)).resumeReplayMax(30).maxFileSize(77).defaultRoom("#hall")
                .roomCreation(RoomCreation.OPEN).maxRoomsPerUser(5).admins(Set.of("Alice"))
                .database(new ServerConfig.Database("jdbc:postgresql://db/chat", "pw", true))
                .privates(new ServerConfig.Privates(5, Duration.ZERO)).maxSessions(2).build();

        assertEquals(new ServerConfig(DIR, 7, false, true, false, 5000, 12, 300, 25, 1024, 3, 9, 1000,
                Duration.ofSeconds(3), 50, true, 99, 4, 2048, 8192, 8, Duration.ofMinutes(2), 30, 77, "#hall",
                RoomCreation.OPEN, 5, Set.of("alice"),
                new ServerConfig.Database("jdbc:postgresql://db/chat", "pw", true), new ServerConfig.Privates(5,
                Duration.ZERO), 2, null), all);
        assertTrue(all.isAdmin("ALICE"));
        assertEquals(new StoreSettings(DIR, "jdbc:postgresql://db/chat", "pw", true, true), all.storeSettings());
        assertEquals(StoreSettings.dataFolder(DIR, false), defaults.storeSettings());
        assertFalse(all.toString().contains("pw"), "no password in " + all);
        assertEquals(all, all.toBuilder().build());
    }

    @Test
    void limitsAreWhatClientsAreTold() {
        ServerConfig config = defaults.toBuilder().historyOnJoin(7).maxLineBytes(5000).maxNameLength(12)
                .maxTextLength(300).historyPageMax(25).messagesPerSecond(3).burst(9).build();

        assertEquals(new Limits(5000, 12, 300, 7, 25, 3, 9, ServerConfig.DEFAULT_BYTES_PER_SECOND,
                ServerConfig.DEFAULT_BYTE_BURST, 100L * 1024 * 1024), config.limits());
    }
}
