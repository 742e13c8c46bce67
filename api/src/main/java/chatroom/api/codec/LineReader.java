package chatroom.api.codec;

import chatroom.api.message.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated UTF-8 lines of bounded length. Never holds more than the limit in
 * memory: an oversized line is skipped to its end and reported, and reading can go on with the next line. Not
 * thread-safe; one reader per stream, though not necessarily one thread: calls may come from one thread after
 * another when something orders them (see {@link #readAvailableLine}).
 */
public final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final int chunkBytes;
    /** Bytes read and not yet split; between non-blocking reads of an idle stream, none is held. */
    private byte[] chunk;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    /** The line being read is over the limit: the rest of it is skipped, then reported. */
    private boolean oversized;

    /**
     * @param maxLineBytes the longest line accepted, in bytes, without its newline (and a carriage return before it)
     */
    public LineReader(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, 8192);
    }

    /**
     * @param maxLineBytes the longest line accepted, in bytes, without its newline
     * @param chunkBytes   how much to read from the stream at once: small for many idle connections, larger for bulk
     * @throws IllegalArgumentException when the limit is negative or the chunk empty (reading nothing would never end)
     */
    public LineReader(InputStream in, int maxLineBytes, int chunkBytes) {
        if (maxLineBytes < 0) {
            throw new IllegalArgumentException("The line limit must not be negative: " + maxLineBytes);
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("The read chunk must hold at least one byte: " + chunkBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Reads the next line, without its line terminator.
     *
     * @return the line, or {@code null} at the end of the stream (an unterminated last line is dropped: a peer that
     *         closes mid-line did not finish its message)
     * @throws ProtocolException with {@link ErrorCode#LINE_TOO_LONG} or {@link ErrorCode#BAD_ENCODING}; the offending
     *                           line has been consumed and the next call reads the following one
     * @throws IOException       when reading fails
     */
    public String readLine() throws IOException, ProtocolException {
        return next(true);
    }

    /**
     * As {@link #readLine}, from what the stream has without blocking (as its {@code available()} says): {@code null}
     * when that holds no whole line, keeping the part read for the next call; also {@code null} at the end of the
     * stream, which the caller tells apart by asking the stream. Lets a connection with nothing to say hold no thread.
     */
    public String readAvailableLine() throws IOException, ProtocolException {
        return next(false);
    }

    private String next(boolean block) throws IOException, ProtocolException {
        while (true) {
            if (chunkPos == chunkEnd) {
                if (!block && in.available() <= 0) {
                    chunk = null;
                    return null;
                }
                if (chunk == null) {
                    chunk = new byte[chunkBytes];
                }
                int n = in.read(chunk);
                if (n < 0) {
                    return null;
                }
                chunkPos = 0;
                chunkEnd = n;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            if (!oversized) {
                int count = end - chunkPos;
                if ((long) lineLength + count > maxLineBytes + 1L) { // +1: room for a '\r' before the '\n'
                    oversized = true;
                } else {
                    append(count);
                }
            }
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                int length = lineLength;
                boolean skipped = oversized;
                lineLength = 0;
                oversized = false;
                if (skipped) {
                    throw new ProtocolException(ErrorCode.LINE_TOO_LONG,
                            "Line longer than " + maxLineBytes + " bytes; it was skipped.");
                }
                return decodeLine(length);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + count, line.length * 2));
        }
        System.arraycopy(chunk, chunkPos, line, lineLength, count);
        lineLength += count;
    }

    private String decodeLine(int bytes) throws ProtocolException {
        int length = bytes > 0 && line[bytes - 1] == '\r' ? bytes - 1 : bytes;
        if (length > maxLineBytes) {
            throw new ProtocolException(ErrorCode.LINE_TOO_LONG,
                    "Line longer than " + maxLineBytes + " bytes; it was skipped.");
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_ENCODING, "The line is not valid UTF-8; it was skipped.");
        } finally {
            if (line.length > 64 * 1024) {
                line = new byte[256]; // give back the memory of one huge line: idle connections stay small
            }
        }
    }
}
