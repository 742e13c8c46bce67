package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputViewTest {
    private static int[] points(String text) {
        return text.codePoints().toArray();
    }

    @Test
    void shortLineShowsWhole() {
        assertEquals(new InputView("> hello", 7), InputView.of("> ", points("hello"), 5, 80));
        assertEquals(new InputView("> hello", 4), InputView.of("> ", points("hello"), 2, 80));
    }

    @Test
    void wideCharactersMoveTheCursorTwoColumns() {
        assertEquals(new InputView("> 你好a", 6), InputView.of("> ", points("你好a"), 2, 80));
    }

    @Test
    void longLineScrollsSoTheCursorStaysOnTheRow() {
        // Width 12: 11 usable columns, 2 for the prompt, 9 for input.
        InputView view = InputView.of("> ", points("abcdefghijklmnop"), 16, 12);
        assertEquals(new InputView("> ijklmnop", 10), view);
    }

    @Test
    void longLineWithTheCursorAtTheStartShowsTheStart() {
        assertEquals(new InputView("> abcdefghi", 2), InputView.of("> ", points("abcdefghijklmnop"), 0, 12));
    }

    @Test
    void wideCharacterThatWouldCrossTheEdgeIsLeftOut() {
        // 9 input columns: four wide characters take 8; the fifth does not fit.
        assertEquals(new InputView("> 一二三四", 2), InputView.of("> ", points("一二三四五"), 0, 12));
    }

    @Test
    void scrolledWideTextKeepsTheCursorInside() {
        InputView view = InputView.of("> ", points("一二三四五六"), 6, 12);
        assertEquals(new InputView("> 三四五六", 10), view);
    }

    @Test
    void longPromptIsCutToLeaveRoomForInput() {
        // Width 30: 29 usable columns, at least 14 kept for input.
        InputView view = InputView.of("[" + "n".repeat(40) + " · 3 online] > ", points("hi"), 2, 30);
        assertEquals("[" + "n".repeat(14) + "hi", view.text());
        assertEquals(17, view.cursorColumn());
    }

    @Test
    void tinyTerminalStillKeepsTheCursorOnTheRow() {
        assertEquals(new InputView(">", 1), InputView.of("> ", points("abc"), 3, 1));
    }
}
