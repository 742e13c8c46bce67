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

    private static final String LOBBY = "#lobby";

    private static ChatMessage message(long id, String text) {
        return new ChatMessage(id, 1_000 * id, "alice", text, false, null, LOBBY);
    }

    @Test
    void anEmptyHistory() throws SQLException {
        assertEquals(0, history.lastId(LOBBY));
        assertEquals(0, history.size(LOBBY));
        assertEquals(List.of(), history.before(LOBBY, Long.MAX_VALUE, 10));
        assertFalse(history.hasBefore(LOBBY, Long.MAX_VALUE));
    }

    @Test
    void entriesComeBackOldestFirstMarkedAsHistory() throws SQLException {
        history.append(List.of(message(1, "one"), new Announcement(2, 2_000, "notice", false, LOBBY)));
        history.append(List.of(message(3, "three")));

        assertEquals(List.of(message(1, "one").asHistory(), new Announcement(2, 2_000, "notice", true, LOBBY),
                message(3, "three").asHistory()), history.before(LOBBY, Long.MAX_VALUE, 10));
        assertEquals(3, history.lastId(LOBBY));
        assertEquals(3, history.size(LOBBY));
    }

    @Test
    void beforeGivesTheNewestEntriesBelowAnId() throws SQLException {
        for (long id = 1; id <= 5; id++) {
            history.append(List.of(message(id, "m" + id)));
        }

        List<ServerMessage> page = history.before(LOBBY, 5, 2);

        assertEquals(List.of(message(3, "m3").asHistory(), message(4, "m4").asHistory()), page);
        assertTrue(history.hasBefore(LOBBY, 3));
        assertFalse(history.hasBefore(LOBBY, 1));
    }

    @Test
    void textInAnyScriptIsKeptExactly() throws SQLException {
        ChatMessage text = new ChatMessage(1, 1, "张伟", "你好 🙂\nzweite Zeile\t'quoted' \"too\"", false, null, LOBBY);

        history.append(List.of(text));

        assertEquals(List.of(text.asHistory()), history.before(LOBBY, 2, 1));
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

        assertThrows(IllegalArgumentException.class, () -> history.append(List.of(message(2, "two"),
                new Joined(1, "alice", 1))));

        assertEquals(List.of(message(1, "one").asHistory()), history.before(LOBBY, Long.MAX_VALUE, 10));
        history.append(List.of(message(2, "two")));
        assertEquals(2, history.size(LOBBY));
    }

    @Test
    void anotherConnectionSeesWhatWasCommitted() throws SQLException {
        history.append(List.of(message(1, "one")));

        try (History reopened = new History(Database.open(dir))) {
            assertEquals(List.of(message(1, "one").asHistory()), reopened.before(LOBBY, Long.MAX_VALUE, 10));
        }
    }

    @Test
    void eachRoomCountsItsOwnIdsAndPagesOnlyItsOwnEntries() throws SQLException {
        ChatMessage inOps = new ChatMessage(1, 5_000, "bob", "ops one", false, null, "#Ops");
        history.append(List.of(message(1, "lobby one"), inOps, message(2, "lobby two")));

        assertEquals(List.of(new ChatMessage(1, 5_000, "bob", "ops one", true, null, "#ops")),
                history.before("#ops", Long.MAX_VALUE, 10), "found ignoring case, named as asked");
        assertEquals(2, history.lastId(LOBBY));
        assertEquals(1, history.lastId("#ops"));
        assertEquals(0, history.lastId("#empty"));
        assertEquals(1, history.size("#ops"));
        history.append(List.of(new ChatMessage(1, 1, "eve", "same id", false, null, "#OPS")));
        assertEquals(List.of(new ChatMessage(1, 5_000, "bob", "ops one", true, null, "#ops")),
                history.before("#ops", Long.MAX_VALUE, 10), "an id is unique within its room: the first is kept");
    }

    @Test
    void anEntryWithoutARoomIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> history.append(List.of(new ChatMessage(1, 1, "eve", "where?", false))));

        assertEquals("A history entry names its room: message 1", e.getMessage());
    }
}
