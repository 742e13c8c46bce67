package chatroom.api.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ChatMessageTest {
    @Test
    void marksItselfAsHistory() {
        ChatMessage live = new ChatMessage(3, 1000, "alice", "hi", false);

        assertEquals(new ChatMessage(3, 1000, "alice", "hi", true), live.asHistory());
    }

    @Test
    void theSendersCopyCarriesTheClientIdButHistoryDoesNot() {
        ChatMessage echo = new ChatMessage(3, 1000, "alice", "hi", false).withCid("c-1");

        assertEquals("c-1", echo.cid());
        assertEquals(new ChatMessage(3, 1000, "alice", "hi", true), echo.asHistory());
    }

    @Test
    void staysTheSameWhenAlreadyHistory() {
        ChatMessage old = new ChatMessage(3, 1000, "alice", "hi", true);

        assertSame(old, old.asHistory());
    }

    @Test
    void announcementsBecomeHistoryToo() {
        Announcement live = new Announcement(4, 2000, "Restart at 22:00", false);

        assertEquals(new Announcement(4, 2000, "Restart at 22:00", true), live.asHistory());
        Announcement old = live.asHistory();
        assertSame(old, old.asHistory());
    }
}
