package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineEditorTest {
    private final LineEditor editor = new LineEditor();

    private LineEditor.Result type(String text) {
        LineEditor.Result[] last = {LineEditor.Result.CHANGED};
        KeyDecoder decoder = new KeyDecoder(key -> last[0] = editor.apply(key));
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(b & 0xFF);
        }
        return last[0];
    }

    private void press(Key.Edit... keys) {
        for (Key.Edit key : keys) {
            editor.apply(key);
        }
    }

    @Test
    void typingInsertsAtTheCursor() {
        type("helo");
        press(Key.Edit.LEFT);
        type("l");
        assertEquals("hello", editor.text());
        assertEquals(4, editor.cursor());
    }

    @Test
    void backspaceAndDelete() {
        type("abcd");
        press(Key.Edit.LEFT, Key.Edit.LEFT, Key.Edit.BACKSPACE);
        assertEquals("acd", editor.text());
        assertEquals(1, editor.cursor());
        press(Key.Edit.DELETE);
        assertEquals("ad", editor.text());
        press(Key.Edit.HOME, Key.Edit.BACKSPACE, Key.Edit.END, Key.Edit.DELETE);
        assertEquals("ad", editor.text());
    }

    @Test
    void cursorStaysWithinTheLine() {
        type("ab");
        press(Key.Edit.RIGHT);
        assertEquals(2, editor.cursor());
        press(Key.Edit.HOME, Key.Edit.LEFT);
        assertEquals(0, editor.cursor());
        press(Key.Edit.END);
        assertEquals(2, editor.cursor());
    }

    @Test
    void ctrlAAndCtrlEMoveHomeAndEnd() {
        type("abc\u0001");
        assertEquals(0, editor.cursor());
        type("\u0005");
        assertEquals(3, editor.cursor());
    }

    @Test
    void killsAndWordDelete() {
        type("one two three");
        press(Key.Edit.DELETE_WORD);
        assertEquals("one two ", editor.text());
        press(Key.Edit.LEFT, Key.Edit.LEFT, Key.Edit.KILL_FORWARD);
        assertEquals("one tw", editor.text());
        press(Key.Edit.LEFT, Key.Edit.KILL_BACKWARD);
        assertEquals("w", editor.text());
        assertEquals(0, editor.cursor());
    }

    @Test
    void chineseIsEditedByCharacterAndTakesTwoColumns() {
        type("你好ab");
        assertEquals("你好ab", editor.text());
        assertEquals(4, editor.cursor());
        assertEquals(6, editor.cursorColumn());
        press(Key.Edit.LEFT, Key.Edit.LEFT, Key.Edit.LEFT);
        assertEquals(2, editor.cursorColumn());
        press(Key.Edit.BACKSPACE);
        assertEquals("好ab", editor.text());
        assertEquals(0, editor.cursorColumn());
    }

    @Test
    void emojiIsOneCharacterNotTwoChars() {
        type("a😀");
        press(Key.Edit.BACKSPACE);
        assertEquals("a", editor.text());
    }

    @Test
    void enterSubmitsAndTakeStartsAFreshLine() {
        assertEquals(LineEditor.Result.SUBMITTED, type("hi\r"));
        assertEquals("hi", editor.take(true));
        assertEquals("", editor.text());
        assertEquals(0, editor.cursor());
    }

    @Test
    void upAndDownRecallSentLinesAndTheDraft() {
        type("first\r");
        editor.take(true);
        type("second\r");
        editor.take(true);
        type("draft");
        press(Key.Edit.UP);
        assertEquals("second", editor.text());
        assertEquals(6, editor.cursor());
        press(Key.Edit.UP);
        assertEquals("first", editor.text());
        press(Key.Edit.UP);
        assertEquals("first", editor.text());
        press(Key.Edit.DOWN);
        assertEquals("second", editor.text());
        press(Key.Edit.DOWN);
        assertEquals("draft", editor.text());
        press(Key.Edit.DOWN);
        assertEquals("draft", editor.text());
    }

    @Test
    void answersToQuestionsAndRepeatsAreNotRecalledTwice() {
        type("secret\r");
        editor.take(false);
        type("same\r");
        editor.take(true);
        type("same\r");
        editor.take(true);
        press(Key.Edit.UP, Key.Edit.UP);
        assertEquals("same", editor.text());
    }

    @Test
    void recallIsBounded() {
        for (int i = 0; i <= LineEditor.MAX_RECALL; i++) {
            type("line " + i + "\r");
            editor.take(true);
        }
        for (int i = 0; i < LineEditor.MAX_RECALL + 5; i++) {
            press(Key.Edit.UP);
        }
        assertEquals("line 1", editor.text());
    }

    @Test
    void ctrlCOrCtrlDOnAnEmptyLineQuits() {
        assertEquals(LineEditor.Result.QUIT, editor.apply(Key.Edit.INTERRUPT));
        assertEquals(LineEditor.Result.QUIT, editor.apply(Key.Edit.END_OF_INPUT));
    }

    @Test
    void ctrlCOnALineClearsItAndCtrlDDeletes() {
        type("abc");
        press(Key.Edit.HOME);
        assertEquals(LineEditor.Result.CHANGED, editor.apply(Key.Edit.END_OF_INPUT));
        assertEquals("bc", editor.text());
        assertEquals(LineEditor.Result.CHANGED, editor.apply(Key.Edit.INTERRUPT));
        assertEquals("", editor.text());
    }

    @Test
    void lineLengthIsBounded() {
        type("x".repeat(LineEditor.MAX_LENGTH + 10));
        assertEquals(LineEditor.MAX_LENGTH, editor.text().length());
    }

    @Test
    void controlCharactersAreNeverInserted() {
        editor.apply(new Key.Text(0x1B));
        editor.apply(new Key.Text(0x9B));
        assertEquals("", editor.text());
    }
}
