package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SafeTextTest {
    @Test
    void replacesEscapeAndOtherC0Controls() {
        assertEquals("\uFFFD[2J\uFFFDhi\uFFFD\uFFFD\uFFFD", SafeText.of("\u001b[2J\u0000hi\r\n\u0007"));
    }

    @Test
    void replacesC1ControlsAndDelete() {
        assertEquals("\uFFFD31m\uFFFD", SafeText.of("\u009b31m\u007f"));
    }

    @Test
    void replacesBidiOverridesThatWouldDisguiseText() {
        assertEquals("a\uFFFDcba\uFFFD", SafeText.of("a\u202Ecba\u2069"));
    }

    @Test
    void replacesLoneSurrogatesAndUnicodeLineBreaks() {
        assertEquals("x\uFFFDy\uFFFDz\uFFFD", SafeText.of("x\uD800y\u2028z\u2029"));
    }

    @Test
    void turnsTabsIntoSpaces() {
        assertEquals("a b", SafeText.of("a\tb"));
    }

    @Test
    void keepsEveryPrintableScript() {
        assertEquals("héllo 你好 😀 Ω", SafeText.of("héllo 你好 😀 Ω"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", SafeText.of(null));
    }
}
