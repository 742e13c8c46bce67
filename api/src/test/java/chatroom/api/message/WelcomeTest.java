package chatroom.api.message;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WelcomeTest {
    private static final Limits LIMITS = new Limits(65536, 32, 2000, 50, 200, 5, 10);

    @Test
    void offersNoFeaturesWhenNoneAreGiven() {
        assertEquals(List.of(), new Welcome(1, "chatroom", LIMITS, null).features());
    }

    @Test
    void keepsItsOwnCopyOfTheFeatures() {
        List<String> features = new ArrayList<>(List.of("history"));
        Welcome welcome = new Welcome(1, "chatroom", LIMITS, features);

        features.add("private");

        assertEquals(List.of("history"), welcome.features());
    }

    @Test
    void refusesMissingParts() {
        assertEquals("missing field 'server'",
                assertThrows(IllegalArgumentException.class, () -> new Welcome(1, null, LIMITS, null)).getMessage());
        assertEquals("missing field 'limits'",
                assertThrows(IllegalArgumentException.class, () -> new Welcome(1, "s", null, null)).getMessage());
        assertEquals("null in field 'features'", assertThrows(IllegalArgumentException.class,
                () -> new Welcome(1, "s", LIMITS, Arrays.asList("history", null))).getMessage());
    }
}
