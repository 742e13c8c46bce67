package chatroom.ui.swing;

import chatroom.api.spi.ChatUiProvider;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerConsoleProvider;
import org.junit.jupiter.api.Test;

import java.awt.GraphicsEnvironment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvidersTest {
    @Test
    void theWindowIsFoundAsTheSwingInterface() {
        Providers<ChatUiProvider> interfaces = Providers.interfaces();

        assertTrue(interfaces.names().contains("swing"), interfaces.names().toString());
        ChatUiProvider swing = interfaces.all().stream().filter(p -> p.name().equals("swing")).findFirst().orElseThrow();
        assertEquals(SwingUiProvider.class, swing.getClass());
        assertEquals("A chat window (needs a display)", swing.description());
        assertEquals(!GraphicsEnvironment.isHeadless(), swing.isAvailable());
    }

    @Test
    void theConsoleWindowIsFoundAsTheSwingConsole() {
        Providers<ServerConsoleProvider> consoles = Providers.consoles();

        assertTrue(consoles.names().contains("swing"), consoles.names().toString());
        ServerConsoleProvider swing = consoles.all().stream().filter(p -> p.name().equals("swing")).findFirst()
                .orElseThrow();
        assertEquals(SwingConsoleProvider.class, swing.getClass());
        assertEquals(!GraphicsEnvironment.isHeadless(), swing.isAvailable());
    }
}
