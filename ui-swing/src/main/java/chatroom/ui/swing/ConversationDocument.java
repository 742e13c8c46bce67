package chatroom.ui.swing;

import chatroom.api.file.TransferText;
import chatroom.client.Entry;

import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultStyledDocument;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One conversation as a styled, read-only document: the room or a private exchange. Live entries are appended at
 * the bottom; history pages go above everything else, between an "earlier messages" and a "now" divider, so the
 * past never mixes with what is said live.
 *
 * <p>Holds at most {@link #MAX_ENTRIES} entries: live entries push the oldest out, and no more history is shown
 * once it is full. Swing's thread only.
 */
final class ConversationDocument {
    static final int MAX_ENTRIES = 5000;
    static final String EARLIER_DIVIDER = "— earlier messages —";
    static final String NOW_DIVIDER = "— now —";

    /** Lets the pane showing this conversation keep its scroll position across a change. */
    interface ScrollKeeper {
        ScrollKeeper NONE = atTop -> () -> { };

        /**
         * Called before an entry is added; the returned action runs right after.
         *
         * @param atTop whether the change is above what is shown (older history) rather than at the bottom
         */
        Runnable beforeChange(boolean atTop);
    }

    private record Paragraph(long id, int length, String divider) {
    }

    private record Run(String text, AttributeSet style) {
    }

    // Antialiased, as Swing draws text on today's desktops; the width only needs to be close.
    private static final FontRenderContext MEASURING = new FontRenderContext(null, true, true);

    private final DefaultStyledDocument document = new DefaultStyledDocument();
    private final Timestamps times;
    private final float fontSize;
    // In document order; lengths rather than positions, because a position at offset 0 does not move on insert.
    private final List<Paragraph> entries = new ArrayList<>();
    private boolean historyShown;
    private ScrollKeeper keeper = ScrollKeeper.NONE;

    ConversationDocument(Timestamps times, Font base) {
        this.times = times;
        this.fontSize = base.getSize2D() * 1.15f;
    }

    StyledDocument document() {
        return document;
    }

    void keepScrollWith(ScrollKeeper keeper) {
        this.keeper = keeper;
    }

    /** A chat message said live (or missed while reconnecting); the user's own are set apart. */
    void message(Entry.Message message) {
        append(message.id(), messageRuns(message.ts(), message.from(), message.text(), message.own()),
                band(message.own() ? Theme.OWN_BACKGROUND : null));
    }

    /**
     * A private message, in its own colour, named as in the room; one that arrived while the user was away, or one
     * of the user's that waits for someone offline, says so.
     */
    void privateMessage(Entry.Private whisper) {
        append(whisper.id(), privateRuns(whisper), band(Theme.PRIVATE_BACKGROUND));
    }

    void announcement(Entry.Announcement announcement) {
        append(announcement.id(), announcementRuns(announcement), band(Theme.ANNOUNCEMENT_BACKGROUND));
    }

    /** A file shared with the room, as the room recorded it. */
    void fileShared(Entry.SharedFile shared) {
        append(shared.id(), fileRuns(shared), band(null));
    }

    /** Something that happened in the room (join, leave, rename) or to the connection. */
    void notice(long ts, String text) {
        append(0, List.of(time(ts), new Run(text, notice())), band(null));
    }

    /** A request that failed, in the server's words. */
    void error(String text) {
        append(0, List.of(time(times.now()), new Run(text, colored(Theme.ERROR, false, false))), band(null));
    }

    /** A page of history (chat messages, announcements and shared files), placed above everything shown. */
    void history(List<Entry> page) {
        List<Entry> sorted = new ArrayList<>(page);
        sorted.sort(Comparator.comparingLong(Entry::id));
        if (sorted.isEmpty() || isFull()) {
            return;
        }
        Runnable restore = keeper.beforeChange(true);
        int index = 0;
        if (!historyShown) {
            historyShown = true;
            insertDivider(0, EARLIER_DIVIDER);
            insertDivider(1, NOW_DIVIDER);
        }
        // Right below the "earlier" divider, or at the very top once that divider was pushed out.
        if (EARLIER_DIVIDER.equals(entries.get(0).divider())) {
            index = 1;
        }
        for (Entry entry : sorted) {
            switch (entry) {
                case Entry.Message message -> insert(index, lengthBefore(index), messageRuns(message.ts(),
                        message.from(), message.text(), message.own()),
                        band(message.own() ? Theme.OWN_BACKGROUND : null), message.id());
                case Entry.Announcement announcement -> insert(index, lengthBefore(index),
                        announcementRuns(announcement), band(Theme.ANNOUNCEMENT_BACKGROUND), announcement.id());
                case Entry.SharedFile shared -> insert(index, lengthBefore(index), fileRuns(shared), band(null),
                        shared.id());
                case Entry.Private whisper -> insert(index, lengthBefore(index), privateRuns(whisper),
                        band(Theme.PRIVATE_BACKGROUND), whisper.id());
            }
            index++;
        }
        restore.run();
    }

    /** The id of the oldest message or announcement shown, or 0 when none is. */
    long oldestId() {
        long oldest = 0;
        for (Paragraph entry : entries) {
            if (entry.id() > 0 && (oldest == 0 || entry.id() < oldest)) {
                oldest = entry.id();
            }
        }
        return oldest;
    }

    /** Whether no more history can be shown. */
    boolean isFull() {
        return entries.size() >= MAX_ENTRIES;
    }

    int size() {
        return entries.size();
    }

    /** Empties the conversation, as for a new login. */
    void clear() {
        try {
            document.remove(0, document.getLength());
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        entries.clear();
        historyShown = false;
    }

    /** The plain text, one entry a line. */
    String text() {
        try {
            return document.getText(0, document.getLength());
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void append(long id, List<Run> runs, AttributeSet paragraph) {
        Runnable restore = keeper.beforeChange(false);
        insert(entries.size(), document.getLength(), runs, paragraph, id);
        if (entries.size() > MAX_ENTRIES) {
            int drop = entries.size() - MAX_ENTRIES;
            int length = lengthBefore(drop);
            entries.subList(0, drop).clear();
            try {
                document.remove(0, length);
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
        }
        restore.run();
    }

    private void insertDivider(int index, String text) {
        insert(index, lengthBefore(index), List.of(new Run(text, colored(Theme.MUTED, false, true))), divider(), 0,
                text);
    }

    private void insert(int index, int offset, List<Run> runs, AttributeSet paragraph, long id) {
        insert(index, offset, runs, paragraph, id, null);
    }

    private void insert(int index, int offset, List<Run> runs, AttributeSet paragraph, long id, String divider) {
        if (divider == null) {
            paragraph = hangingBelow(runs.get(0), paragraph);
        }
        try {
            int at = offset;
            for (Run run : runs) {
                document.insertString(at, run.text(), run.style());
                at += run.text().length();
            }
            document.insertString(at, "\n", runs.get(runs.size() - 1).style());
            at++;
            // Up to the newline and not past it: the paragraph after this entry keeps its own attributes.
            document.setParagraphAttributes(offset, at - offset - 1, paragraph, true);
            entries.add(index, new Paragraph(id, at - offset, divider));
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
    }

    private int lengthBefore(int index) {
        int length = 0;
        for (int i = 0; i < index; i++) {
            length += entries.get(i).length();
        }
        return length;
    }

    private List<Run> messageRuns(long ts, String from, String text, boolean own) {
        return List.of(time(ts), new Run(from, colored(own ? Theme.ACCENT : SenderColors.of(from), true, false)),
                new Run(": " + text, plain()));
    }

    private List<Run> privateRuns(Entry.Private whisper) {
        List<Run> runs = new ArrayList<>(messageRuns(whisper.ts(), whisper.from(), whisper.text(), whisper.own()));
        if (whisper.away()) {
            runs.add(new Run("  (while you were away)", notice()));
        } else if (whisper.waiting()) {
            runs.add(new Run("  (" + whisper.to() + " is offline; they will get it when they return)", notice()));
        }
        return runs;
    }

    private List<Run> announcementRuns(Entry.Announcement announcement) {
        return List.of(time(announcement.ts()), new Run("Announcement: ", colored(Theme.NOTICE, true, false)),
                new Run(announcement.text(), plain()));
    }

    private List<Run> fileRuns(Entry.SharedFile shared) {
        return List.of(time(shared.ts()), new Run(shared.from(), colored(SenderColors.of(shared.from()), true, false)),
                new Run(" shared " + shared.name() + " (" + TransferText.size(shared.size()) + ")", notice()));
    }

    private Run time(long ts) {
        SimpleAttributeSet style = colored(Theme.MUTED, false, false);
        StyleConstants.setFontSize(style, Math.round(fontSize * 0.85f));
        return new Run(times.format(ts) + "  ", style);
    }

    private SimpleAttributeSet plain() {
        SimpleAttributeSet style = new SimpleAttributeSet();
        StyleConstants.setFontFamily(style, Font.DIALOG);
        StyleConstants.setFontSize(style, Math.round(fontSize));
        return style;
    }

    private SimpleAttributeSet notice() {
        return colored(Theme.NOTICE, false, true);
    }

    private SimpleAttributeSet colored(Color color, boolean bold, boolean italic) {
        SimpleAttributeSet style = plain();
        StyleConstants.setForeground(style, color);
        StyleConstants.setBold(style, bold);
        StyleConstants.setItalic(style, italic);
        return style;
    }

    private AttributeSet band(Color color) {
        SimpleAttributeSet paragraph = new SimpleAttributeSet();
        StyleConstants.setSpaceAbove(paragraph, 2f);
        StyleConstants.setSpaceBelow(paragraph, 2f);
        StyleConstants.setLeftIndent(paragraph, 6f);
        StyleConstants.setRightIndent(paragraph, 6f);
        if (color != null) {
            paragraph.addAttribute(ConversationKit.BAND, color);
        }
        return paragraph;
    }

    /** Lines a wrapped entry's further lines up after its time, so the time column stays clear. */
    private static AttributeSet hangingBelow(Run time, AttributeSet paragraph) {
        AttributeSet style = time.style();
        Font font = new Font(StyleConstants.getFontFamily(style),
                StyleConstants.isBold(style) ? Font.BOLD : Font.PLAIN, StyleConstants.getFontSize(style));
        float width = (float) font.getStringBounds(time.text(), MEASURING).getWidth();
        SimpleAttributeSet hanging = new SimpleAttributeSet(paragraph);
        StyleConstants.setLeftIndent(hanging, StyleConstants.getLeftIndent(paragraph) + width);
        StyleConstants.setFirstLineIndent(hanging, -width);
        return hanging;
    }

    private AttributeSet divider() {
        SimpleAttributeSet paragraph = new SimpleAttributeSet(band(null));
        StyleConstants.setAlignment(paragraph, StyleConstants.ALIGN_CENTER);
        StyleConstants.setSpaceAbove(paragraph, 6f);
        StyleConstants.setSpaceBelow(paragraph, 6f);
        return paragraph;
    }
}
