package chatroom.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NewlineScanTest {
    @Test
    void findsEveryNewlineAtEveryAlignment() {
        for (int at = 0; at < 40; at++) {
            byte[] bytes = "x".repeat(40).getBytes(StandardCharsets.US_ASCII);
            bytes[at] = '\n';
            assertEquals(at, LoadClients.nextNewline(bytes, 0, bytes.length), "at " + at);
            assertEquals(-1, LoadClients.nextNewline(bytes, at + 1, bytes.length));
        }
    }

    @Test
    void ignoresBytesThatOnlyLookClose() {
        byte[] bytes = {0x0B, 0x09, (byte) 0x8A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0A};
        assertEquals(4, LoadClients.nextNewline(bytes, 0, bytes.length));
        assertEquals(8, LoadClients.nextNewline(bytes, 5, bytes.length));
    }
}
