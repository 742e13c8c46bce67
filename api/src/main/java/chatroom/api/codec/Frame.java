package chatroom.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One encoded message: UTF-8 JSON and its newline. Immutable, so a broadcast is encoded once and the same frame is
 * handed to every recipient. The bytes live off the heap: sockets write such buffers directly, where a heap buffer
 * would be copied once per recipient.
 */
public final class Frame {
    private final ByteBuffer bytes;

    Frame(byte[] encoded) {
        ByteBuffer direct = ByteBuffer.allocateDirect(encoded.length);
        direct.put(encoded).flip();
        this.bytes = direct.asReadOnlyBuffer();
    }

    private Frame(ByteBuffer bytes) {
        this.bytes = bytes.asReadOnlyBuffer();
    }

    /**
     * A line of another line protocol as a frame: its UTF-8 bytes and a newline. A transport that speaks such a
     * protocol to its clients (IRC) queues these on the connections it owns.
     */
    public static Frame line(String text) {
        return new Frame((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lines of another line protocol for one connection only, each followed by a newline, as one frame on the heap:
     * the socket copies them into its own buffer once either way, and off-heap memory for each small line would be
     * slow to allocate and held until a collection frees it.
     */
    public static Frame linesForOne(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return new Frame(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The bytes to write, as a read-only buffer of its own (each caller may move its position). */
    public ByteBuffer buffer() {
        return bytes.duplicate();
    }

    /**
     * Copies the bytes into {@code target} at its position and advances it, without allocating.
     *
     * @throws java.nio.BufferOverflowException when they do not fit
     */
    public void copyTo(ByteBuffer target) {
        int size = bytes.capacity();
        if (target.remaining() < size) {
            throw new java.nio.BufferOverflowException();
        }
        target.put(target.position(), bytes, 0, size);
        target.position(target.position() + size);
    }

    /** Length in bytes, the newline included. */
    public int size() {
        return bytes.capacity();
    }

    @Override
    public String toString() {
        byte[] copy = new byte[bytes.capacity() - 1];
        bytes.get(0, copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
