package chatroom.bench;

import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One protocol-2 connection of a probe, read line by line; an error or a goodbye from the server ends the probe. */
final class ProbeLine implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    ProbeLine(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        out = socket.getOutputStream();
    }

    void hello() throws IOException {
        send(new Hello(Protocol.ROOMS_VERSION, "chat-bench"));
        awaitLineStarting("{\"type\":\"welcome\"");
    }

    LoggedIn logIn(Login login) throws IOException {
        hello();
        send(login);
        while (true) {
            if (next() instanceof LoggedIn loggedIn) {
                return loggedIn;
            }
        }
    }

    void send(ClientMessage message) throws IOException {
        out.write((MessageCodec.toJson(message) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("The server closed the connection.");
        }
        if (line.startsWith("{\"type\":\"error\"") || line.startsWith("{\"type\":\"bye\"")) {
            throw new IOException("The server refused: " + line);
        }
        return line;
    }

    ServerMessage next() throws IOException {
        return decode(readLine());
    }

    void awaitLineStarting(String prefix) throws IOException {
        while (!readLine().startsWith(prefix)) {
            // Notices and replays on the way to the answer.
        }
    }

    static ServerMessage decode(String line) throws IOException {
        try {
            return MessageCodec.decodeServer(line);
        } catch (ProtocolException e) {
            throw new IOException("The server sent a line the bench cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
