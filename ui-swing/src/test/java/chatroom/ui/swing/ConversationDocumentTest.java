package chatroom.ui.swing;

import chatroom.client.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.swing.text.AttributeSet;
import javax.swing.text.Element;
import javax.swing.text.StyleConstants;
import java.awt.Color;
import java.awt.Font;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(OnSwingThread.class)
class ConversationDocumentTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final long T0915 = Instant.parse("2026-11-21T09:15:00Z").toEpochMilli();
    static final long YESTERDAY = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();

    static Timestamps times() {
        return new Timestamps(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final ConversationDocument conversation = new ConversationDocument(times(), new Font(Font.DIALOG, Font.PLAIN, 12));

    @Test
    void aWrappedEntryContinuesBelowItsTextNotBelowItsTime() {
        conversation.message(new Entry.Message(7, T0915, "bob", "a long line ".repeat(40), false, false));

        AttributeSet paragraph = conversation.document().getParagraphElement(0).getAttributes();
        float hang = -StyleConstants.getFirstLineIndent(paragraph);
        assertTrue(hang > 10, "the time is wider than " + hang);
        assertEquals(6f + hang, StyleConstants.getLeftIndent(paragraph), 0.01f);
    }

    @Test
    void writesMessagesWithTimeSenderAndText() {
        conversation.message(new Entry.Message(7, T0915, "bob", "你好，世界", false, false));
        conversation.announcement(new Entry.Announcement(8, T0915, "restart at noon", false));
        conversation.notice(T0915, "carol joined · 3 online");

        assertEquals("09:15  bob: 你好，世界\n09:15  Announcement: restart at noon\n09:15  carol joined · 3 online\n",
                conversation.text());
    }

    @Test
    void setsOwnMessagesApartWithABand() {
        conversation.message(new Entry.Message(1, T0915, "bob", "hi", false, false));
        conversation.message(new Entry.Message(2, T0915, "alice", "hello", true, false));

        assertNull(paragraphBand(0));
        assertEquals(Theme.OWN_BACKGROUND, paragraphBand(1));
        // The empty paragraph after the last entry must not inherit the band.
        assertNull(paragraphBand(2));
    }

    @Test
    void putsHistoryAboveEverythingBetweenDividersOldestFirst() {
        conversation.notice(T0915, "You joined as alice · 2 online");
        conversation.history(List.of(new Entry.Message(5, YESTERDAY, "bob", "second", false, true),
                new Entry.Message(4, YESTERDAY, "alice", "first", true, true)));
        conversation.message(new Entry.Message(9, T0915, "bob", "live", false, false));

        assertEquals("— earlier messages —\n"
                + "2026-11-20 18:30  alice: first\n"
                + "2026-11-20 18:30  bob: second\n"
                + "— now —\n"
                + "09:15  You joined as alice · 2 online\n"
                + "09:15  bob: live\n", conversation.text());
        assertEquals(Theme.OWN_BACKGROUND, paragraphBand(1));
        assertEquals(4, conversation.oldestId());
    }

    @Test
    void putsOlderPagesRightBelowTheTopDivider() {
        conversation.history(List.of(new Entry.Message(10, YESTERDAY, "bob", "ten", false, true)));
        conversation.history(List.of(new Entry.Announcement(8, YESTERDAY, "eight", true),
                new Entry.Message(9, YESTERDAY, "carol", "nine", false, true)));

        assertEquals("— earlier messages —\n"
                + "2026-11-20 18:30  Announcement: eight\n"
                + "2026-11-20 18:30  carol: nine\n"
                + "2026-11-20 18:30  bob: ten\n"
                + "— now —\n", conversation.text());
        assertEquals(8, conversation.oldestId());
    }

    @Test
    void anEmptyHistoryPageAddsNoDividers() {
        conversation.history(List.of());

        assertEquals("", conversation.text());
        assertEquals(0, conversation.oldestId());
    }

    @Test
    void dropsTheOldestEntriesBeyondTheLimit() {
        for (int i = 1; i <= ConversationDocument.MAX_ENTRIES + 3; i++) {
            conversation.message(new Entry.Message(i, T0915, "bob", "m" + i, false, false));
        }

        assertEquals(ConversationDocument.MAX_ENTRIES, conversation.size());
        assertTrue(conversation.text().startsWith("09:15  bob: m4\n"), conversation.text().substring(0, 40));
        assertEquals(4, conversation.oldestId());
        assertTrue(conversation.isFull());
    }

    @Test
    void clearEmptiesEverything() {
        conversation.history(List.of(new Entry.Message(10, YESTERDAY, "bob", "ten", false, true)));
        conversation.clear();
        conversation.notice(T0915, "again");

        assertEquals("09:15  again\n", conversation.text());
        assertEquals(0, conversation.oldestId());
    }

    @Test
    void theUsersOwnNameHasTheSameColourInPrivateAsInTheRoom() {
        conversation.privateMessage(new Entry.Private(T0915, "alice", "bob", "sure", true));
        conversation.privateMessage(new Entry.Private(T0915, "bob", "alice", "thanks", false));

        assertEquals(Theme.ACCENT, nameColour(0));
        assertEquals(SenderColors.of("bob"), nameColour(1));
        assertEquals(Theme.PRIVATE_BACKGROUND, paragraphBand(0));
    }

    /** The colour of the sender's name, right after the time, in this paragraph. */
    private Color nameColour(int paragraph) {
        Element line = conversation.document().getDefaultRootElement().getElement(paragraph);
        int name = line.getStartOffset() + "09:15  ".length();
        return StyleConstants.getForeground(conversation.document().getCharacterElement(name).getAttributes());
    }

    private Color paragraphBand(int paragraph) {
        Element root = conversation.document().getDefaultRootElement();
        return (Color) root.getElement(paragraph).getAttributes().getAttribute(ConversationKit.BAND);
    }
}
