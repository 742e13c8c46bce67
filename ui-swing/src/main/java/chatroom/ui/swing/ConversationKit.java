package chatroom.ui.swing;

import javax.swing.text.AbstractDocument;
import javax.swing.text.Element;
import javax.swing.text.ParagraphView;
import javax.swing.text.StyledEditorKit;
import javax.swing.text.View;
import javax.swing.text.ViewFactory;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.Shape;

/**
 * The editor kit of conversation panes: paragraphs that carry {@link #BAND} are painted with that colour across the
 * whole width, so own, private and announced lines stand out as rows rather than as highlighted words.
 */
final class ConversationKit extends StyledEditorKit {
    private static final long serialVersionUID = 1L;

    /** Paragraph attribute: the background colour of the whole row. */
    static final String BAND = "chatroom.band";

    @Override
    public ViewFactory getViewFactory() {
        return new BandedFactory(super.getViewFactory());
    }

    private record BandedFactory(ViewFactory plain) implements ViewFactory {
        @Override
        public View create(Element element) {
            if (AbstractDocument.ParagraphElementName.equals(element.getName())) {
                return new BandedParagraphView(element);
            }
            return plain.create(element);
        }
    }

    private static final class BandedParagraphView extends ParagraphView {
        BandedParagraphView(Element element) {
            super(element);
        }

        @Override
        public void paint(Graphics g, Shape allocation) {
            if (getAttributes().getAttribute(BAND) instanceof Color band) {
                Rectangle area = allocation.getBounds();
                Color previous = g.getColor();
                g.setColor(band);
                g.fillRect(area.x, area.y, area.width, area.height);
                g.setColor(previous);
            }
            super.paint(g, allocation);
        }
    }
}
