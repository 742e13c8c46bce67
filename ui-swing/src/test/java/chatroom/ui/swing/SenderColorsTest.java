package chatroom.ui.swing;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SenderColorsTest {
    @Test
    void aSmallRoomGetsAColourEach() {
        List<String> room = List.of("alice", "bob", "carol", "dave", "李雷");

        Set<Color> colours = room.stream().map(SenderColors::of).collect(Collectors.toSet());

        assertEquals(room.size(), colours.size());
    }

    @Test
    void noSenderLooksLikeTheUserOrAnError() {
        // A hundred names reach every colour of the palette.
        for (int i = 0; i < 100; i++) {
            Color colour = SenderColors.of("user" + i);
            assertTrue(distance(colour, Theme.ACCENT) > 45, "user" + i + " looks like the user's own name");
            assertTrue(distance(colour, Theme.ERROR) > 45, "user" + i + " looks like an error");
        }
    }

    private static double distance(Color a, Color b) {
        return Math.hypot(Math.hypot(a.getRed() - b.getRed(), a.getGreen() - b.getGreen()), a.getBlue() - b.getBlue());
    }

    @Test
    void aNameKeepsItsColour() {
        assertEquals(new Color(0x9A6700), SenderColors.of("alice"));
    }
}
