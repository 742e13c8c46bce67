package chatroom.server.console;

import chatroom.api.spi.ServerConsoleContext;
import chatroom.api.spi.ServerControl;
import chatroom.server.TestClient;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class StdinConsoleProviderTest {
    @Test
    void itIsTheStdinConsole() {
        StdinConsoleProvider provider = new StdinConsoleProvider();

        assertEquals("stdin", provider.name());
        assertEquals("Operator commands typed on the server's standard input (/help lists them)",
                provider.description());
    }

    @Test
    void runReadsCommandsUntilTheServerStops() throws Exception {
        ServerControl server = mock(ServerControl.class, "server");
        CountDownLatch stopped = new CountDownLatch(1);
        doAnswer(call -> {
            stopped.countDown();
            return null;
        }).when(server).shutdown();
        doAnswer(call -> {
            stopped.await();
            return null;
        }).when(server).awaitStopped();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServerConsoleContext context = new ServerConsoleContext(server,
                new ByteArrayInputStream("/say hello\n/shutdown\n/say too late\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertTimeoutPreemptively(TestClient.TIMEOUT, () -> new StdinConsoleProvider().run(context));

        InOrder order = inOrder(server);
        order.verify(server).announce("hello");
        order.verify(server).shutdown();
        verify(server).awaitStopped();
        verifyNoMoreInteractions(server);
        assertEquals("Shutting down." + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
