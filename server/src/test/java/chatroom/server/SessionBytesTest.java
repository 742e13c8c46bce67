package chatroom.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionBytesTest {
    @Test
    void countsLinesInUtf8Bytes() {
        for (String line : new String[] {"", "hello", "héllo", "你好", "😀 ok", "a\u0800\u07ff\uffff"}) {
            assertEquals(line.getBytes(StandardCharsets.UTF_8).length, Session.utf8Length(line), line);
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
