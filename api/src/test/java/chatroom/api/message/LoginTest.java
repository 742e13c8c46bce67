package chatroom.api.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginTest {
    @Test
    void hidesThePasswordWhenPrinted() {
        Login login = new Login("alice", "s3cret-😀");

        assertEquals("Login[name=alice, password=***]", login.toString());
        assertFalse(login.toString().contains("s3cret"));
    }

    @Test
    void stillComparesThePassword() {
        assertEquals(new Login("alice", "a"), new Login("alice", "a"));
        assertNotEquals(new Login("alice", "a"), new Login("alice", "b"));
    }

    @Test
    void hidesTheResumeTokenWhenPrinted() {
        Login login = Login.resuming("alice", "dG9rZW4", 41);

        assertEquals("Login[name=alice, resume=***, since=41]", login.toString());
        assertTrue(login.isResume());
        assertFalse(new Login("alice", "pw").isResume());
    }

    @Test
    void aResumeTokenStandsInForThePassword() {
        Login login = Login.resuming("alice", "dG9rZW4", 0);

        assertNull(login.password());
        assertEquals(0L, login.since());
    }

    @Test
    void needsANameAndAPassword() {
        assertEquals("missing field 'name'",
                assertThrows(IllegalArgumentException.class, () -> new Login(null, "p")).getMessage());
        assertEquals("missing field 'password'",
                assertThrows(IllegalArgumentException.class, () -> new Login("alice", null)).getMessage());
    }
}
