package chatroom.transport.tcp;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.Hello;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A client that speaks the protocol line by line, for what the real client never does: hostile file names,
 * chunks it never sends, acknowledgements it never gives.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawClient(int port, String name) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        send(new Hello(Protocol.VERSION, "raw test client"));
        send(new Login(name, "pw-" + name));
        await(LoggedIn.class, any -> true);
    }

    void send(ClientMessage message) throws IOException {
        out.write(MessageCodec.encode(message).toString().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }

    /** Reads until a message of this type that matches; fails after 10 s of silence or at the end. */
    <T> T await(Class<T> type, Predicate<T> matching) throws IOException {
        List<String> skipped = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                return fail("nothing more came; skipped " + tail(skipped));
            }
            if (line == null) {
                return fail("the connection ended; skipped " + tail(skipped));
            }
            try {
                ServerMessage message = MessageCodec.decodeServer(line);
                if (type.isInstance(message) && matching.test(type.cast(message))) {
                    return type.cast(message);
                }
            } catch (chatroom.api.codec.ProtocolException e) {
                fail("unreadable line from the server: " + line);
            }
            skipped.add(line.length() > 200 ? line.substring(0, 200) + "…" : line);
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.size() > 10 ? lines.subList(lines.size() - 10, lines.size()) : lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
