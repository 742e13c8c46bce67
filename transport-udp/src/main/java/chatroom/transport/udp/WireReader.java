package chatroom.transport.udp;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian fields from received bytes, refusing anything short, oversized or not UTF-8 with a
 * {@link BadDatagramException}, so that decoders never index past the input or trust a length field.
 */
final class WireReader {
    private final ByteBuffer in;

    WireReader(byte[] bytes, int offset, int length) {
        this.in = ByteBuffer.wrap(bytes, offset, length);
    }

    int u8() throws BadDatagramException {
        try {
            return in.get() & 0xFF;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int u16() throws BadDatagramException {
        try {
            return in.getShort() & 0xFFFF;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long u32() throws BadDatagramException {
        try {
            return in.getInt() & 0xFFFF_FFFFL;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int i32() throws BadDatagramException {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long i64() throws BadDatagramException {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte[] bytes(int count) throws BadDatagramException {
        if (count < 0 || count > in.remaining()) {
            throw truncated();
        }
        byte[] bytes = new byte[count];
        in.get(bytes);
        return bytes;
    }

    /** A UTF-8 string of {@code u8} length, at most {@code maxBytes} bytes. */
    String shortText(int maxBytes) throws BadDatagramException {
        return text(u8(), maxBytes);
    }

    /** A UTF-8 string of {@code u16} length, at most {@code maxBytes} bytes. */
    String longText(int maxBytes) throws BadDatagramException {
        return text(u16(), maxBytes);
    }

    private String text(int length, int maxBytes) throws BadDatagramException {
        if (length > maxBytes) {
            throw new BadDatagramException(Drop.MALFORMED, "text of " + length + " bytes, limit " + maxBytes);
        }
        byte[] bytes = bytes(length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadDatagramException(Drop.MALFORMED, "text is not UTF-8");
        }
    }

    /** Refuses trailing bytes: a field layout that does not add up means damage or another protocol. */
    void end() throws BadDatagramException {
        if (in.hasRemaining()) {
            throw new BadDatagramException(Drop.MALFORMED, in.remaining() + " trailing bytes");
        }
    }

    private static BadDatagramException truncated() {
        return new BadDatagramException(Drop.MALFORMED, "truncated");
    }
}
