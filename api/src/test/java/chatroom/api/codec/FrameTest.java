package chatroom.api.codec;

import chatroom.api.message.Say;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameTest {
    private static final String JSON = "{\"type\":\"say\",\"text\":\"你好 😀\"}";

    @Test
    void sizeCountsEveryByteAndTheNewline() {
        Frame frame = MessageCodec.encode(new Say("你好 😀"));

        assertEquals(JSON.getBytes(StandardCharsets.UTF_8).length + 1, frame.size());
        assertEquals(36, frame.size());
    }

    @Test
    void holdsTheJsonAndANewline() {
        assertArrayEquals((JSON + "\n").getBytes(StandardCharsets.UTF_8), bytesOf(MessageCodec.encode(new Say("你好 😀"))));
    }

    @Test
    void printsAsTheJsonWithoutTheNewline() {
        assertEquals(JSON, MessageCodec.encode(new Say("你好 😀")).toString());
    }

    @Test
    void givesAReadOnlyBuffer() {
        ByteBuffer buffer = MessageCodec.encode(new Say("hi")).buffer();

        assertTrue(buffer.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> buffer.put(0, (byte) 'x'));
    }

    @Test
    void givesEachCallerItsOwnBuffer() {
        Frame frame = MessageCodec.encode(new Say("broadcast"));
        ByteBuffer first = frame.buffer();
        first.get(new byte[5]);
        ByteBuffer second = frame.buffer();

        assertEquals(5, first.position());
        assertEquals(0, second.position());
        assertEquals(frame.size(), second.remaining());
        assertEquals(frame.size() - 5, first.remaining());
    }

    @Test
    void holdsLinesForOneConnectionEachWithItsNewlineAndCopiesThemWhole() {
        Frame frame = Frame.linesForOne(List.of(":server 001 bob :Welcome\r", ":bob JOIN #café\r"));
        byte[] expected = ":server 001 bob :Welcome\r\n:bob JOIN #café\r\n".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(expected, bytesOf(frame));
        assertEquals(expected.length, frame.size());
        assertTrue(frame.buffer().isReadOnly());
        ByteBuffer target = ByteBuffer.allocateDirect(100).put((byte) 'x');
        frame.copyTo(target);
        assertEquals(1 + expected.length, target.position());
        assertEquals((byte) ':', target.get(1));
        assertEquals((byte) '\n', target.get(expected.length));
    }

    private static byte[] bytesOf(Frame frame) {
        byte[] bytes = new byte[frame.size()];
        frame.buffer().get(bytes);
        return bytes;
    }
}
