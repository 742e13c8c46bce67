package chatroom.ui.swing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.swing.LookAndFeel;
import javax.swing.UIManager;
import java.awt.Font;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(OnSwingThread.class)
class ThemeTest {
    private final LookAndFeel before = UIManager.getLookAndFeel();

    @AfterEach
    void restore() throws Exception {
        System.clearProperty(Theme.FONT_SCALE_PROPERTY);
        UIManager.setLookAndFeel(before);
    }

    @Test
    void usesTheLogicalDialogFontSoThatChineseFallsBack() {
        Theme.install();

        assertEquals(Font.DIALOG, UIManager.getFont("TextField.font").getFamily());
        assertEquals(Font.DIALOG, UIManager.getFont("Label.font").getFamily());
        assertEquals(Font.DIALOG, Theme.base().getFamily());
    }

    @Test
    void scalesEveryFontByTheFontScaleProperty() {
        Theme.install();
        int plain = Theme.base().getSize();

        System.setProperty(Theme.FONT_SCALE_PROPERTY, "2");
        Theme.install();

        assertEquals(2 * plain, Theme.base().getSize());
        assertEquals(2 * plain, UIManager.getFont("Button.font").getSize());
    }

    @Test
    void anUnreadableFontScaleChangesNothing() {
        Theme.install();
        int plain = Theme.base().getSize();

        System.setProperty(Theme.FONT_SCALE_PROPERTY, "huge");
        Theme.install();

        assertEquals(plain, Theme.base().getSize());
    }
}
