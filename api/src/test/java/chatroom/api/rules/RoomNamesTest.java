package chatroom.api.rules;

import chatroom.api.message.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomNamesTest {
    private static final String LONGEST = "#abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0";

    @ParameterizedTest
    @ValueSource(strings = {"#lobby", "#a", "#ops-2.0_test", "#中文", "#José", LONGEST})
    void aHashThenLettersDigitsAndAFewMarks(String name) {
        assertEquals(Optional.empty(), RoomNames.check(RoomNames.canonical(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "lobby", "##x", "#with space", "#a/b", LONGEST + "z", "#\u0007"})
    void otherNamesAreRefusedSayingWhatARoomNameIs(String name) {
        assertEquals(Optional.of(new Refusal(ErrorCode.INVALID_ROOM_NAME, "A room name is '#' and then 1 to 63"
                + " letters, digits, '_', '-' and '.', such as #lobby.")), RoomNames.check(name));
    }

    @Test
    void roomsAreTheSameIgnoringCaseAndWidth() {
        assertEquals(RoomNames.key("#Lobby"), RoomNames.key("#ｌｏｂｂｙ"));
        assertEquals("#lobby", RoomNames.key(RoomNames.DEFAULT_ROOM));
    }

    @Test
    void topicsAreOneCleanLine() {
        assertEquals("a b c", Topics.clean("  a\nb\tc\u0007 ".replace("\u0007", "")));
        assertEquals("x y", Topics.clean("x\u001by"));
        assertTrue(Topics.fits("t".repeat(Topics.MAX_LENGTH)));
        assertTrue(!Topics.fits("t".repeat(Topics.MAX_LENGTH + 1)));
    }
}
