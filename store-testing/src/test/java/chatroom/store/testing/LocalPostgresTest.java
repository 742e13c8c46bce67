package chatroom.store.testing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {
    @Test
    void theClusterOfAKilledTestJvmIsRemovedAndALiveOnesIsLeft() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path orphan = Files.createTempDirectory(temp, "chat-postgres-");
        Files.writeString(orphan.resolve("owner.pid"), Long.toString(gone.pid()));
        Files.createDirectories(orphan.resolve("data/base"));
        Path alive = Files.createTempDirectory(temp, "chat-postgres-");
        Files.writeString(alive.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        try {
            // No binaries: stopping the orphan's server fails, as when it is not running; its files go anyway.
            LocalPostgres.removeOrphans(Path.of("/nonexistent"), false);

            assertFalse(Files.exists(orphan), "the killed JVM's cluster");
            assertTrue(Files.exists(alive), "a running JVM's cluster");
        } finally {
            Files.deleteIfExists(alive.resolve("owner.pid"));
            Files.deleteIfExists(alive);
        }
    }
}
