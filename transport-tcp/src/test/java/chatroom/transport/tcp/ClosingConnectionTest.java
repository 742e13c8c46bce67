package chatroom.transport.tcp;

import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Bye;
import chatroom.api.spi.InboundHandler;
import chatroom.api.spi.ListenOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the server's side of a connection ends when the server ends it: the last words arrive, nothing after counts. */
class ClosingConnectionTest {
    private final TcpServerTransport transport =
            new TcpServerTransport(new ListenOptions("127.0.0.1", 0, 4096, 1 << 20));
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<ProtocolException> unreadable = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @AfterEach
    void stop() {
        transport.close();
    }

    /** Says goodbye and closes on the line "go"; records every line it is given. */
    private void start() throws Exception {
        transport.start(connection -> new InboundHandler() {
            @Override
            public void onLine(String line) {
                handled.add(line);
                if (line.equals("go")) {
                    connection.send(MessageCodec.encode(new Bye(Bye.KICKED, "Goodbye.")));
                    connection.close();
                }
            }

            @Override
            public void onUnreadableLine(ProtocolException problem) {
                unreadable.add(problem);
            }

            @Override
            public void onClosed() {
                closed.countDown();
            }
        });
    }

    @Test
    void theByeArrivesThenTheEndAndWhatFollowsIsNotHandled() throws Exception {
        start();
        try (Socket client = new Socket("127.0.0.1", transport.port())) {
            OutputStream out = client.getOutputStream();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            // Lines behind "go" are unread by the server when it closes: a close then would reset the connection.
            out.write(("go\n" + "after\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
            byte[] notUtf8 = {(byte) 0xFF, '\n'};
            for (int i = 0; i < 10_000; i++) {
                out.write(notUtf8);
            }
            out.flush();

            assertEquals(MessageCodec.encode(new Bye(Bye.KICKED, "Goodbye.")).toString().strip(), in.readLine());
            assertNull(in.readLine(), "then the end of the stream");
        }
        assertTrue(closed.await(5, TimeUnit.SECONDS), "the handler is told once the client has closed too");
        assertEquals(List.of("go"), handled.subList(0, 1));
        assertEquals(0, handled.stream().filter("after"::equals).count(), "lines after the goodbye are not handled");
        assertEquals(List.of(), unreadable, "nor are lines that could not be read");
    }
}
