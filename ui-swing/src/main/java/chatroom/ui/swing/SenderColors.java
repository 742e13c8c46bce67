package chatroom.ui.swing;

import java.awt.Color;

/**
 * A colour per sender name that stays the same across sessions and machines, so people recognise each other by
 * colour. Picked from a palette that reads well on a light background rather than from arbitrary hues.
 */
final class SenderColors {
    // Hues far apart, so that names next to each other differ at a glance; none near the navy of the user's own
    // name or the red of errors, and all dark enough to read on white.
    private static final Color[] PALETTE = {
        new Color(0x9A6700), new Color(0x1E7F4F), new Color(0x0F766E), new Color(0xA23B72), new Color(0xC05621),
        new Color(0x4D7C0F), new Color(0x6D28D9), new Color(0xBE185D), new Color(0x8B5E34),
    };

    private SenderColors() {
    }

    /** The colour of {@code name}; {@link String#hashCode} is specified, so it is the same everywhere. */
    static Color of(String name) {
        return PALETTE[Math.floorMod(name.hashCode(), PALETTE.length)];
    }
}
