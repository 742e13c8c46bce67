package chatroom.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TextsTest {
    @Test
    void cleanTextIsReturnedAsItIs() {
        String text = "Hello, 世界! Ça va? 🙂\n\tindented";

        assertSame(text, Texts.clean(text));
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertEquals(" [31mred [0m", Texts.clean("\u001b[31mred\u001b[0m"));
        assertEquals("bell  nul  del  cr ", Texts.clean("bell\u0007 nul\u0000 del\u007f cr\r"));
        assertEquals("c1  csi ", Texts.clean("c1\u0085 csi\u009b"));
    }

    @Test
    void newlinesAndTabsStay() {
        assertEquals("line one\nline two\tcolumn", Texts.clean("line one\nline two\tcolumn"));
    }

    @Test
    void theLengthStaysTheSame() {
        String dirty = "\u0001\u0002\u0003abc\u0004";

        assertEquals("   abc ", Texts.clean(dirty));
        assertEquals(dirty.length(), Texts.clean(dirty).length());
    }

    @Test
    void emptyTextStaysEmpty() {
        assertEquals("", Texts.clean(""));
    }
}
