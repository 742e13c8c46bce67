package chatroom.transport.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes big-endian fields into a growing byte array; the counterpart of {@link WireReader}. */
final class WireWriter {
    private byte[] bytes;
    private int size;

    WireWriter(int capacity) {
        bytes = new byte[capacity];
    }

    WireWriter u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    WireWriter u16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    WireWriter u32(long value) {
        return i32((int) value);
    }

    WireWriter i32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** A UTF-8 string with a {@code u8} length; callers have checked it fits. */
    WireWriter shortText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 255) {
            throw new IllegalArgumentException("text of " + utf8.length + " bytes does not fit a u8 length");
        }
        return u8(utf8.length).bytes(utf8);
    }

    /** A UTF-8 string with a {@code u16} length; callers have checked it fits. */
    WireWriter longText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("text of " + utf8.length + " bytes does not fit a u16 length");
        }
        return u16(utf8.length).bytes(utf8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
