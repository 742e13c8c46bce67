package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColumnsTest {
    @Test
    void latinIsOneColumn() {
        assertEquals(5, Columns.of("héllo"));
    }

    @Test
    void eastAsianWideAndFullwidthAreTwo() {
        assertEquals(4, Columns.of("你好"));
        assertEquals(6, Columns.of("カタカ"));
        assertEquals(4, Columns.of("한국"));
        assertEquals(2, Columns.of("Ａ"));
        assertEquals(2, Columns.of("😀"));
    }

    @Test
    void combiningMarksAndZeroWidthCharactersTakeNone() {
        assertEquals(1, Columns.of("e\u0301"));
        assertEquals(2, Columns.of("a\u200Bb"));
    }
}
