package chatroom.server.accounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void theRightPasswordMatchesAndOthersDoNot() {
        String stored = hasher.hash("correct horse".toCharArray());

        assertTrue(hasher.verify("correct horse".toCharArray(), stored));
        assertFalse(hasher.verify("correct horse ".toCharArray(), stored));
        assertFalse(hasher.verify("Correct horse".toCharArray(), stored));
        assertFalse(hasher.verify(new char[0], stored));
    }

    @Test
    void passwordsInAnyScriptWork() {
        String stored = hasher.hash("密码🔑".toCharArray());

        assertTrue(hasher.verify("密码🔑".toCharArray(), stored));
        assertFalse(hasher.verify("密码".toCharArray(), stored));
    }

    @Test
    void theStoredFormNamesTheAlgorithmIterationsSaltAndHash() {
        String[] parts = hasher.hash("pw".toCharArray()).split("\\$");

        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void everyHashHasASaltOfItsOwn() {
        String first = hasher.hash("same".toCharArray());
        String second = hasher.hash("same".toCharArray());

        assertNotEquals(first.split("\\$")[2], second.split("\\$")[2]);
        assertNotEquals(first, second);
        assertTrue(hasher.verify("same".toCharArray(), first));
        assertTrue(hasher.verify("same".toCharArray(), second));
    }

    @Test
    void theStoredIterationCountIsTheOneUsed() {
        String storedWithFewer = new PasswordHasher(1000).hash("pw".toCharArray());

        assertTrue(new PasswordHasher(5000).verify("pw".toCharArray(), storedWithFewer));
        assertFalse(hasher.verify("pw".toCharArray(), storedWithFewer.replace("$1000$", "$1001$")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "pbkdf2-sha256$1000$c2FsdA", "md5$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
            "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA",
            "pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", "pbkdf2-sha256$1000$not base64!$aGFzaA",
            "pbkdf2-sha256$1000$$aGFzaA", "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$",
            "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA$extra"})
    void aCorruptedStoredHashMatchesNothing(String stored) {
        assertFalse(hasher.verify("pw".toCharArray(), stored));
    }

    @Test
    void aTamperedHashMatchesNothing() {
        String stored = hasher.hash("pw".toCharArray());
        String[] parts = stored.split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        hash[0] ^= 1;

        String tampered = parts[0] + "$" + parts[1] + "$" + parts[2] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(hash);

        assertFalse(hasher.verify("pw".toCharArray(), tampered));
    }
}
