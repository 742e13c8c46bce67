package chatroom.api.message;

import java.util.Arrays;
import java.util.Base64;

/**
 * A piece of a file, in both directions: from the sender to the server, and from the server to each recipient. Pieces
 * are numbered from 1 without gaps and hold 1 to {@link Protocol#FILE_CHUNK_BYTES} bytes, base64-encoded (RFC 4648,
 * with padding) so that a chunk is one line of JSON like every other message.
 *
 * @param tid  the transfer, as named on this connection
 * @param seq  the piece's number, from 1
 * @param data the bytes, base64
 */
public record FileChunk(String tid, long seq, String data) implements ClientMessage, ServerMessage {
    public static final String TYPE = "file_chunk";

    public FileChunk {
        Fields.required(tid, "tid");
        Fields.required(data, "data");
        if (seq < 1) {
            throw new IllegalArgumentException("field 'seq' must be at least 1");
        }
    }

    /** A chunk holding {@code length} bytes of {@code bytes} from {@code offset}. */
    public static FileChunk of(String tid, long seq, byte[] bytes, int offset, int length) {
        byte[] piece = offset == 0 && length == bytes.length ? bytes
                : Arrays.copyOfRange(bytes, offset, offset + length);
        return new FileChunk(tid, seq, Base64.getEncoder().encodeToString(piece));
    }

    /**
     * The bytes.
     *
     * @throws IllegalArgumentException when {@code data} is not base64
     */
    public byte[] bytes() {
        return Base64.getDecoder().decode(data);
    }

    /**
     * How many bytes {@code data} holds, found without decoding it: a relay needs the count, not the bytes.
     *
     * @throws IllegalArgumentException when {@code data} is not base64
     */
    public int size() {
        int length = data.length();
        int padding = 0;
        while (padding < 2 && padding < length && data.charAt(length - padding - 1) == '=') {
            padding++;
        }
        int chars = length - padding;
        for (int i = 0; i < chars; i++) {
            char c = data.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/')) {
                throw new IllegalArgumentException("not base64: '" + c + "' at " + i);
            }
        }
        if ((padding > 0 && length % 4 != 0) || chars % 4 == 1) {
            throw new IllegalArgumentException("not base64: wrong length or padding");
        }
        return chars / 4 * 3 + Math.max(0, chars % 4 - 1);
    }

    /** The same piece under another transfer name, as the server relays it. */
    public FileChunk withTid(String newTid) {
        return new FileChunk(newTid, seq, data);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "FileChunk[tid=" + tid + ", seq=" + seq + ", " + data.length() + " base64 chars]";
    }
}
