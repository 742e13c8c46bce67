package chatroom.api.rules;

import chatroom.api.message.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

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

    @Test
    void blankTextIsNotSent() {
        assertEquals(Optional.of(new Refusal(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.")),
                Texts.check(" \n\t", 10));
    }

    @Test
    void lengthCountsCharactersAsPeopleDo() {
        assertEquals(Optional.empty(), Texts.check("😀".repeat(4), 4));
        assertEquals(Optional.of(new Refusal(ErrorCode.TEXT_TOO_LONG, "A message has at most 4 characters.")),
                Texts.check("😀".repeat(5), 4));
    }
}
