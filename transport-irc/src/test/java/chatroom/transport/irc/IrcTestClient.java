package chatroom.transport.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A raw IRC connection for the tests: lines out, lines in, waited for by what they say. */
final class IrcTestClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> seen = new ArrayList<>();

    IrcTestClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line that matches, skipping others; fails after 10 s with what came. */
    String await(Predicate<String> matching) {
        List<String> skipped = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("No matching line within 10 s; got " + skipped);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                throw new AssertionError("The server closed the connection; got " + skipped);
            }
            seen.add(line);
            if (matching.test(line)) {
                return line;
            }
            skipped.add(line);
        }
    }

    /** The next line with this command or numeric (the second word). */
    String await(String command) {
        return await(line -> command.equals(word(line, 1)));
    }

    /** Every line read so far. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    static String word(String line, int index) {
        String[] words = line.split(" ");
        return index < words.length ? words[index] : "";
    }

    /** Registers with PASS, NICK and USER, through the end of the MOTD. */
    void register(String nick, String password) {
        if (password != null) {
            send("PASS " + password);
        }
        send("NICK " + nick);
        send("USER " + nick + " 0 * :" + nick);
        await("001");
        await("376");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a test's socket: nothing to do.
        }
    }
}
