package chatroom.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One encoded message: UTF-8 JSON and its newline. Immutable, so a broadcast is encoded once and the same frame is
 * handed to every recipient.
 */
public final class Frame {
    private final byte[] bytes;

    Frame(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes to write, as a read-only buffer of its own (each caller may move its position). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Length in bytes, the newline included. */
    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }
}
