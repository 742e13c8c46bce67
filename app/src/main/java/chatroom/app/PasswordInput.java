package chatroom.app;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a password: the first line of standard input ({@code --password-stdin}) or a prompt without echo. */
final class PasswordInput {
    private static final int MAX_BYTES = 4096;

    private PasswordInput() {
    }

    /**
     * Reads the first line of the stream byte by byte, so that the rest of the stream stays unread for whoever
     * reads it next (the client sends the following lines as messages).
     */
    static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_BYTES) {
                throw new IOException("The password line is longer than " + MAX_BYTES + " bytes.");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("--password-stdin was given but standard input is empty.");
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
        char[] password = new char[decoded.remaining()];
        decoded.get(password);
        Arrays.fill(bytes, (byte) 0);
        return password;
    }

    /** Asks on the terminal without echo; null when there is no terminal. */
    static char[] prompt(String question) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", question);
    }
}
