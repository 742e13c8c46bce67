package chatroom.ui.swing;

import java.awt.Color;

/**
 * A colour per sender name that stays the same across sessions and machines, so people recognise each other by
 * colour. Picked from a palette that reads well on a light background rather than from arbitrary hues.
 */
final class SenderColors {
    private static final Color[] PALETTE = {
        new Color(0xC0392B), new Color(0x2471A3), new Color(0x1E8449), new Color(0x8E44AD),
        new Color(0xB9770E), new Color(0x138D75), new Color(0xAF601A), new Color(0x5B2C6F),
        new Color(0x1F618D), new Color(0x7D6608), new Color(0xA93226), new Color(0x117A65),
    };

    private SenderColors() {
    }

    /** The colour of {@code name}; {@link String#hashCode} is specified, so it is the same everywhere. */
    static Color of(String name) {
        return PALETTE[Math.floorMod(name.hashCode(), PALETTE.length)];
    }
}
