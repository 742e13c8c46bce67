package chatroom.server.sessions;

import chatroom.server.ServerConfig;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionBytesTest {
    @Test
    void countsLinesInUtf8Bytes() {
        for (String line : new String[] {"", "hello", "héllo", "你好", "😀 ok", "a\u0800\u07ff\uffff"}) {
            assertEquals(line.getBytes(StandardCharsets.UTF_8).length, Session.utf8Length(line), line);
        }
    }

    @Test
    void aFastTypistNeverHitsTheDefaults() {
        ServerConfig defaults = ServerConfig.defaults(Path.of("unused"));
        TokenBucket messages = new TokenBucket(defaults.messagesPerSecond(), defaults.burst(), 0);
        TokenBucket bytes = new TokenBucket(defaults.bytesPerSecond(), defaults.byteBurst(), 0);
        // Far beyond a typist: 5 messages a second for ten minutes, every tenth a pasted screenful of CJK.
        long fifth = 200_000_000L;
        for (int i = 0; i < 5 * 600; i++) {
            long now = i * fifth;
            long size = i % 10 == 0 ? 3 * defaults.maxTextLength() + 40 : 300;
            assertTrue(messages.tryTake(now), "message " + i);
            assertTrue(bytes.tryTake(size, now), "bytes of message " + i);
        }
    }

    @Test
    void aByteBucketLetsTheBurstThroughThenTheRate() {
        long second = 1_000_000_000L;
        TokenBucket bytes = new TokenBucket(1000, 4000, 0);

        assertEquals(true, bytes.tryTake(3000, 0));
        assertEquals(false, bytes.tryTake(3000, 0));
        assertEquals(true, bytes.tryTake(3000, 2 * second));
        assertEquals(false, bytes.tryTake(5000, 100 * second), "more than the burst never passes");
    }
}
