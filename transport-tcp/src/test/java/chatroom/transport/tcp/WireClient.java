package chatroom.transport.tcp;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.Hello;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Welcome;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** A client that speaks the protocol line by line, to test exactly what the server says to what. */
final class WireClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    WireClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Connects and says hello. */
    static WireClient greeted(int port) throws IOException {
        return greeted(port, Protocol.VERSION);
    }

    /** Connects and says hello in this protocol version. */
    static WireClient greeted(int port, int version) throws IOException {
        WireClient client = new WireClient(port);
        client.send(new Hello(version, "wire test"));
        assertInstanceOf(Welcome.class, client.next());
        return client;
    }

    void send(ClientMessage message) throws IOException {
        sendRaw(MessageCodec.toJson(message));
    }

    void sendRaw(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message, or a failure after 10 s. */
    ServerMessage next() throws IOException {
        String line;
        try {
            line = in.readLine();
        } catch (SocketTimeoutException e) {
            return fail("no message from the server within 10 s");
        }
        if (line == null) {
            return fail("the server closed the connection");
        }
        try {
            return MessageCodec.decodeServer(line);
        } catch (chatroom.api.codec.ProtocolException e) {
            return fail("unreadable line from the server: " + line);
        }
    }

    /** The next message of this type that matches, skipping others; fails after 10 s without it. */
    <T extends ServerMessage> T await(Class<T> type, Predicate<T> matching) throws IOException {
        List<ServerMessage> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            ServerMessage message = next();
            if (type.isInstance(message) && matching.test(type.cast(message))) {
                return type.cast(message);
            }
            skipped.add(message);
        }
        return fail("no " + type.getSimpleName() + " came; got " + skipped);
    }

    <T extends ServerMessage> T await(Class<T> type) throws IOException {
        return await(type, any -> true);
    }

    /** Whether the server closed the connection (reading what is left) within 10 s. */
    boolean awaitClosed() throws IOException {
        try {
            while (in.readLine() != null) {
                // what the server said before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    LoggedIn login(chatroom.api.message.Login login) throws IOException {
        send(login);
        return await(LoggedIn.class);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
