package chatroom.server.storage;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.Joined;
import chatroom.api.message.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {
    @TempDir
    Path dir;

    private History history;

    @BeforeEach
    void open() {
        history = new History(Database.open(dir));
    }

    @AfterEach
    void close() throws SQLException {
        history.close();
    }

    private static ChatMessage message(long id, String text) {
        return new ChatMessage(id, 1_000 * id, "alice", text, false);
    }

    @Test
    void anEmptyHistory() throws SQLException {
        assertEquals(0, history.lastId());
        assertEquals(0, history.size());
        assertEquals(List.of(), history.before(Long.MAX_VALUE, 10));
        assertFalse(history.hasBefore(Long.MAX_VALUE));
    }

    @Test
    void entriesComeBackOldestFirstMarkedAsHistory() throws SQLException {
        history.append(List.of(message(1, "one"), new Announcement(2, 2_000, "notice", false)));
        history.append(List.of(message(3, "three")));

        assertEquals(List.of(message(1, "one").asHistory(), new Announcement(2, 2_000, "notice", true),
                message(3, "three").asHistory()), history.before(Long.MAX_VALUE, 10));
        assertEquals(3, history.lastId());
        assertEquals(3, history.size());
    }

    @Test
    void beforeGivesTheNewestEntriesBelowAnId() throws SQLException {
        for (long id = 1; id <= 5; id++) {
            history.append(List.of(message(id, "m" + id)));
        }

        List<ServerMessage> page = history.before(5, 2);

        assertEquals(List.of(message(3, "m3").asHistory(), message(4, "m4").asHistory()), page);
        assertTrue(history.hasBefore(3));
        assertFalse(history.hasBefore(1));
    }

    @Test
    void textInAnyScriptIsKeptExactly() throws SQLException {
        ChatMessage text = new ChatMessage(1, 1, "张伟", "你好 🙂\nzweite Zeile\t'quoted' \"too\"", false);

        history.append(List.of(text));

        assertEquals(List.of(text.asHistory()), history.before(2, 1));
    }

    @Test
    void onlyMessagesAndAnnouncementsAreHistory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> history.append(List.of(new Joined(1, "alice", 1))));

        assertEquals("Not a history entry: join", e.getMessage());
    }

    @Test
    void aFailedBatchIsRolledBackWhole() throws SQLException {
        history.append(List.of(message(1, "one")));

        assertThrows(SQLException.class, () -> history.append(List.of(message(2, "two"), message(1, "again"))));

        assertEquals(List.of(message(1, "one").asHistory()), history.before(Long.MAX_VALUE, 10));
        history.append(List.of(message(2, "two")));
        assertEquals(2, history.size());
    }

    @Test
    void anotherConnectionSeesWhatWasCommitted() throws SQLException {
        history.append(List.of(message(1, "one")));

        try (History reopened = new History(Database.open(dir))) {
            assertEquals(List.of(message(1, "one").asHistory()), reopened.before(Long.MAX_VALUE, 10));
        }
    }
}
