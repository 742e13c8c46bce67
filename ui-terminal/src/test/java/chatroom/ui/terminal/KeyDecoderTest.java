package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyDecoderTest {
    private final List<Key> keys = new ArrayList<>();
    private final KeyDecoder decoder = new KeyDecoder(keys::add);

    private List<Key> feed(int... bytes) {
        for (int b : bytes) {
            decoder.feed(b);
        }
        return keys;
    }

    private List<Key> feed(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(b & 0xFF);
        }
        return keys;
    }

    private static Key.Text text(int codePoint) {
        return new Key.Text(codePoint);
    }

    @Test
    void asciiIsText() {
        assertEquals(List.of(text('h'), text('i')), feed("hi"));
    }

    @Test
    void chineseIsAssembledFromItsUtf8Bytes() {
        assertEquals(List.of(text('你'), text('好')), feed(0xE4, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD));
    }

    @Test
    void fourByteCharactersBecomeOneCodePoint() {
        assertEquals(List.of(text(0x1F600)), feed("😀"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        // A stray continuation byte, a sequence cut short by ASCII, an overlong encoding, a surrogate.
        assertEquals(List.of(text(0xFFFD), text(0xFFFD), text('a'), text(0xFFFD), text(0xFFFD)),
                feed(0x80, 0xE4, 0xBD, 'a', 0xC0, 0xED, 0xA0, 0x80));
    }

    @Test
    void enterIsCarriageReturnOrLineFeed() {
        assertEquals(List.of(Key.Edit.ENTER, Key.Edit.ENTER), feed('\r', '\n'));
    }

    @Test
    void arrowKeysInBothModes() {
        assertEquals(List.of(Key.Edit.UP, Key.Edit.DOWN, Key.Edit.RIGHT, Key.Edit.LEFT, Key.Edit.LEFT),
                feed("\u001b[A\u001b[B\u001b[C\u001b[D\u001bOD"));
    }

    @Test
    void homeEndAndDeleteInTheirCommonSpellings() {
        assertEquals(List.of(Key.Edit.HOME, Key.Edit.END, Key.Edit.HOME, Key.Edit.END, Key.Edit.HOME,
                        Key.Edit.END, Key.Edit.DELETE),
                feed("\u001b[H\u001b[F\u001bOH\u001bOF\u001b[1~\u001b[4~\u001b[3~"));
    }

    @Test
    void modifiedKeysStillMove() {
        assertEquals(List.of(Key.Edit.RIGHT, Key.Edit.DELETE), feed("\u001b[1;5C\u001b[3;5~"));
    }

    @Test
    void controlKeys() {
        assertEquals(List.of(Key.Edit.HOME, Key.Edit.END, Key.Edit.KILL_BACKWARD, Key.Edit.KILL_FORWARD,
                        Key.Edit.DELETE_WORD, Key.Edit.INTERRUPT, Key.Edit.END_OF_INPUT, Key.Edit.BACKSPACE,
                        Key.Edit.BACKSPACE, Key.Edit.UP, Key.Edit.DOWN),
                feed(0x01, 0x05, 0x15, 0x0B, 0x17, 0x03, 0x04, 0x7F, 0x08, 0x10, 0x0E));
    }

    @Test
    void unknownSequencesAndControlsAreSkipped() {
        // F5, bracketed paste marks, Ctrl-G, and an ESC before a plain key (Alt-x).
        assertEquals(List.of(text('a'), text('x')), feed("\u001b[15~\u001b[200~a\u0007\u001b[201~\u001bx"));
    }

    @Test
    void altAndADigitSwitchesRooms() {
        assertEquals(List.of(new Key.SwitchRoom(2), text('0'), new Key.SwitchRoom(9)), feed("\u001b2\u001b0\u001b9"));
    }

    @Test
    void overlongSequencesAreAbandoned() {
        feed("\u001b[" + "1;".repeat(20));
        keys.clear();
        assertEquals(List.of(text('o'), text('k')), feed("ok"));
    }
}
