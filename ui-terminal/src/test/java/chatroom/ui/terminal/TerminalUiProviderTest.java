package chatroom.ui.terminal;

import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ChatUiProvider;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.Providers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class TerminalUiProviderTest {
    @Test
    void nameAndDescription() {
        TerminalUiProvider provider = new TerminalUiProvider();
        assertEquals("terminal", provider.name());
        assertEquals("Chat in this terminal: colours and line editing on a TTY, plain lines in pipes",
                provider.description());
        assertTrue(provider.isAvailable());
    }

    @Test
    void isFoundByServiceLoader() throws Exception {
        ChatUiProvider found = Providers.interfaces().require("terminal");
        assertInstanceOf(TerminalUiProvider.class, found);
    }

    @Test
    void streamsOtherThanTheProcessesAreNeverATerminal() {
        ChatServiceProvider transport = mock(ChatServiceProvider.class);
        when(transport.usesPasswords()).thenReturn(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChatUiContext context = new ChatUiContext(transport, new ConnectOptions("localhost", 7000), "alice", null,
                Path.of("data"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        int exit = new TerminalUiProvider().run(context);

        assertEquals(2, exit);
        assertEquals("No terminal to ask for a password; pass it with --password-stdin.\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        verify(transport, never()).create(any(), any());
    }
}
