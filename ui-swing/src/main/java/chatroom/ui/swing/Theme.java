package chatroom.ui.swing;

import javax.swing.UIDefaults;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import javax.swing.plaf.FontUIResource;
import javax.swing.plaf.nimbus.NimbusLookAndFeel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Toolkit;
import java.util.ArrayList;
import java.util.List;

/**
 * The look shared by both windows: Nimbus with logical fonts scaled to the desktop, and the few colours that carry
 * meaning (own messages, private ones, notices, errors).
 *
 * <p>Fonts are the logical {@code Dialog} family on purpose: logical fonts fall back to whatever font covers a
 * character (Noto CJK, WenQuanYi, …), where a physical font would draw boxes for Chinese text.
 */
final class Theme {
    /** Multiplies every font size; for people who want bigger text than the desktop gives them. */
    static final String FONT_SCALE_PROPERTY = "chatroom.fontScale";

    static final Color ACCENT = new Color(0x2E5C8A);
    static final Color MUTED = new Color(0x6B7280);
    static final Color NOTICE = new Color(0x4B5563);
    static final Color ERROR = new Color(0xB42318);
    static final Color PRIVATE = new Color(0x7A3E9D);
    static final Color OWN_BACKGROUND = new Color(0xEAF2FB);
    static final Color PRIVATE_BACKGROUND = new Color(0xF4ECF9);
    static final Color ANNOUNCEMENT_BACKGROUND = new Color(0xFFF4D6);
    static final Color BANNER_BACKGROUND = new Color(0xFDE8E7);
    /** The window's chrome behind the content: a light neutral grey rather than Nimbus's blue-grey. */
    static final Color CHROME = new Color(0xF1F3F6);
    /** Hairlines between areas, and the frames of cards. */
    static final Color LINE = new Color(0xD9DEE5);

    private static final int FALLBACK_SIZE = 12;

    private Theme() {
    }

    /** Switches to Nimbus, when present, and scales the default fonts. Call on the event dispatch thread. */
    static void install() {
        try {
            UIManager.setLookAndFeel(new LightNimbus());
        } catch (UnsupportedLookAndFeelException e) {
            // The default look still works; only the styling is plainer.
        }
        int size = Math.round(defaultSize() * scale());
        // Into the look's own defaults rather than UIManager.put, so that the next look installed starts afresh.
        UIDefaults defaults = UIManager.getLookAndFeelDefaults();
        defaults.put("defaultFont", new FontUIResource(Font.DIALOG, Font.PLAIN, size));
        List<Object> fontKeys = new ArrayList<>();
        for (Object key : defaults.keySet()) {
            if (key.toString().endsWith(".font")) {
                fontKeys.add(key);
            }
        }
        for (Object key : fontKeys) {
            Font old = defaults.getFont(key);
            int style = old == null ? Font.PLAIN : old.getStyle();
            defaults.put(key, new FontUIResource(Font.DIALOG, style, size));
        }
    }

    /** The font everything else is sized from: the look's default, after {@link #install}. */
    static Font base() {
        Font font = UIManager.getFont("Label.font");
        return font == null ? new Font(Font.DIALOG, Font.PLAIN, FALLBACK_SIZE) : font;
    }

    /** The base font at {@code factor} times its size, in the logical family so that fallback works. */
    static Font sized(int style, float factor) {
        return new Font(Font.DIALOG, style, Math.round(base().getSize() * factor));
    }

    /**
     * Nimbus on lighter, flatter base colours. They must be in place when the look is installed: that is when Nimbus
     * derives every other shade from them.
     */
    private static final class LightNimbus extends NimbusLookAndFeel {
        private static final long serialVersionUID = 1L;

        @Override
        public UIDefaults getDefaults() {
            UIDefaults defaults = super.getDefaults();
            defaults.put("control", CHROME);
            defaults.put("nimbusBase", new Color(0x50698A));
            defaults.put("nimbusBlueGrey", new Color(0xC4CCD6));
            defaults.put("nimbusFocus", new Color(0x7FA6D1));
            defaults.put("nimbusSelectionBackground", ACCENT);
            return defaults;
        }
    }

    private static int defaultSize() {
        Font font = UIManager.getLookAndFeelDefaults().getFont("defaultFont");
        if (font == null) {
            font = UIManager.getLookAndFeelDefaults().getFont("Label.font");
        }
        return font == null ? FALLBACK_SIZE : font.getSize();
    }

    private static float scale() {
        float scale = 1f;
        // GNOME publishes the text scaling the user chose as Xft DPI times 1024; 96 DPI is unscaled.
        Object xftDpi = Toolkit.getDefaultToolkit().getDesktopProperty("gnome.Xft/DPI");
        if (xftDpi instanceof Integer dpi && dpi > 0) {
            scale *= dpi / 1024f / 96f;
        }
        String property = System.getProperty(FONT_SCALE_PROPERTY);
        if (property != null) {
            try {
                scale *= Float.parseFloat(property);
            } catch (NumberFormatException e) {
                // An unreadable value means no extra scaling, not a window that fails to open.
            }
        }
        return Math.max(0.5f, Math.min(4f, scale));
    }
}
