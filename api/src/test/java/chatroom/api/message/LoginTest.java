package chatroom.api.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void needsANameAndAPassword() {
        assertEquals("missing field 'name'",
                assertThrows(IllegalArgumentException.class, () -> new Login(null, "p")).getMessage());
        assertEquals("missing field 'password'",
                assertThrows(IllegalArgumentException.class, () -> new Login("alice", null)).getMessage());
    }
}
