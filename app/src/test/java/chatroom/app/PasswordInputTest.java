package chatroom.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordInputTest {
    @Test
    void readsTheFirstLineAndLeavesTheRestForTheMessages() throws IOException {
        InputStream in = new ByteArrayInputStream("pässwörd\r\nhello\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("pässwörd".toCharArray(), PasswordInput.firstLine(in));
        assertEquals("hello\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyInputIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> PasswordInput.firstLine(new ByteArrayInputStream(new byte[0])));
        assertEquals("--password-stdin was given but standard input is empty.", e.getMessage());
    }

    @Test
    void anEndlessLineIsRefused() {
        byte[] huge = new byte[10_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThrows(IOException.class, () -> PasswordInput.firstLine(new ByteArrayInputStream(huge)));
    }
}
