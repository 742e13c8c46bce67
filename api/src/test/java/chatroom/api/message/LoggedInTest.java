package chatroom.api.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoggedInTest {
    @Test
    void hidesTheResumeTokenWhenPrinted() {
        assertEquals("LoggedIn[name=alice, online=2, resume=***]", new LoggedIn("alice", 2, "secret").toString());
        assertEquals("LoggedIn[name=alice, online=2]", new LoggedIn("alice", 2).toString());
    }

    @Test
    void hasNoTokenFromServersThatDoNotResume() {
        assertNull(new LoggedIn("alice", 2).resume());
    }
}
