package chatroom.ui.swing;

import javax.swing.JComponent;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JTextPane;
import javax.swing.ScrollPaneConstants;
import javax.swing.SwingUtilities;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultCaret;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;

/**
 * Shows a {@link ConversationDocument} and scrolls the way chat readers expect: it follows new messages while the reader
 * is at the bottom, stays put while they read further up, keeps the same lines in view when older history is
 * put above them, and says when the reader reaches the top, so that older history can be fetched.
 */
final class ConversationPane implements ConversationDocument.ScrollKeeper {
    private final JTextPane text = new JTextPane();
    private final JScrollPane scroll;
    private Runnable topReached = () -> { };
    // While a change is being laid out the scroll bar passes through positions nobody scrolled to.
    private boolean settling;

    ConversationPane(ConversationDocument conversation, String name) {
        text.setEditorKit(new ConversationKit());
        text.setDocument(conversation.document());
        text.setEditable(false);
        text.setName(name);
        // The caret must not drag the view along on every insert; scrolling is decided here instead.
        if (text.getCaret() instanceof DefaultCaret caret) {
            caret.setUpdatePolicy(DefaultCaret.NEVER_UPDATE);
        }
        scroll = new JScrollPane(text, ScrollPaneConstants.VERTICAL_SCROLLBAR_ALWAYS,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
        scroll.setBorder(null);
        JScrollBar bar = scroll.getVerticalScrollBar();
        bar.setUnitIncrement(Math.max(8, text.getFont().getSize()));
        bar.addAdjustmentListener(event -> {
            if (!event.getValueIsAdjusting() && !settling && bar.getValue() == bar.getMinimum()
                    && bar.getMaximum() - bar.getMinimum() > bar.getVisibleAmount()) {
                topReached.run();
            }
        });
        // A conversation shorter than the pane has no scroll bar to drag; wheeling up still asks for more.
        text.addMouseWheelListener(event -> {
            if (event.getWheelRotation() < 0 && bar.getValue() == bar.getMinimum() && !settling) {
                topReached.run();
            }
        });
        conversation.keepScrollWith(this);
    }

    JComponent component() {
        return scroll;
    }

    JTextPane textPane() {
        return text;
    }

    void onTopReached(Runnable action) {
        topReached = action;
    }

    @Override
    public Runnable beforeChange(boolean atTop) {
        if (isAtBottom()) {
            settling = true;
            return () -> SwingUtilities.invokeLater(this::scrollToBottom);
        }
        if (!atTop) {
            return () -> { };
        }
        Anchor anchor = anchor();
        if (anchor == null) {
            return () -> { };
        }
        settling = true;
        int lengthBefore = text.getDocument().getLength();
        return () -> {
            int moved = text.getDocument().getLength() - lengthBefore;
            SwingUtilities.invokeLater(() -> restore(anchor.offset() + moved, anchor.shift()));
        };
    }

    private record Anchor(int offset, int shift) {
    }

    /** The first line in view and how far the view starts below it. */
    private Anchor anchor() {
        Rectangle view = scroll.getViewport().getViewRect();
        int offset = text.viewToModel2D(new Point(0, view.y));
        try {
            Rectangle2D line = text.modelToView2D(offset);
            return line == null ? null : new Anchor(offset, view.y - (int) line.getY());
        } catch (BadLocationException e) {
            return null;
        }
    }

    private void restore(int offset, int shift) {
        scroll.getViewport().validate();
        try {
            Rectangle2D line = text.modelToView2D(Math.min(offset, text.getDocument().getLength()));
            if (line != null) {
                scroll.getViewport().setViewPosition(new Point(0, Math.max(0, (int) line.getY() + shift)));
            }
        } catch (BadLocationException e) {
            // The text changed again before this ran; the next change positions the view.
        } finally {
            settling = false;
        }
    }

    private void scrollToBottom() {
        scroll.getViewport().validate();
        JScrollBar bar = scroll.getVerticalScrollBar();
        bar.setValue(bar.getMaximum() - bar.getVisibleAmount());
        settling = false;
    }

    private boolean isAtBottom() {
        JScrollBar bar = scroll.getVerticalScrollBar();
        int slack = text.getFont().getSize();
        return bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - slack;
    }
}
