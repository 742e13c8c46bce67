package chatroom.api.codec;

import chatroom.api.message.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineReaderTest {
    private static final String TOO_LONG = "Line longer than 8 bytes; it was skipped.";
    private static final String NOT_UTF8 = "The line is not valid UTF-8; it was skipped.";

    @Test
    void readsLinesArrivingOneByteAtATime() throws Exception {
        LineReader reader = new LineReader(trickle(utf8("alice: 你好\nbob: hi 😀\n")), 1024);

        assertEquals("alice: 你好", reader.readLine());
        assertEquals("bob: hi 😀", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void readsOnlyWhatIsAvailableAndKeepsAPartialLineForLater() throws Exception {
        Arrivals arrivals = new Arrivals();
        LineReader reader = new LineReader(arrivals, 8, 4);

        assertNull(reader.readAvailableLine());
        arrivals.add("早上");
        assertNull(reader.readAvailableLine());
        arrivals.add("\r\nhi\nlonger than eight");
        assertEquals("早上", reader.readAvailableLine());
        assertEquals("hi", reader.readAvailableLine());
        assertNull(reader.readAvailableLine());
        arrivals.add(" bytes\n");
        arrivals.add((byte) 0xff, (byte) 'x', (byte) '\n');
        arrivals.add("ok\n");
        assertEquals(TOO_LONG, assertThrows(ProtocolException.class, reader::readAvailableLine).getMessage());
        assertEquals(NOT_UTF8, assertThrows(ProtocolException.class, reader::readAvailableLine).getMessage());
        assertEquals("ok", reader.readAvailableLine());
        assertNull(reader.readAvailableLine());
        assertEquals(0, arrivals.readsWhileEmpty);
    }

    /** Bytes that arrive when the test adds them; reading while none are here is counted (it would block). */
    private static final class Arrivals extends InputStream {
        private final java.util.ArrayDeque<Byte> bytes = new java.util.ArrayDeque<>();
        int readsWhileEmpty;

        void add(String text) {
            add(text.getBytes(StandardCharsets.UTF_8));
        }

        void add(byte... arrived) {
            for (byte b : arrived) {
                bytes.add(b);
            }
        }

        @Override
        public int available() {
            return bytes.size();
        }

        @Override
        public int read() {
            if (bytes.isEmpty()) {
                readsWhileEmpty++;
                return -1;
            }
            return bytes.poll() & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (bytes.isEmpty()) {
                readsWhileEmpty++;
                return -1;
            }
            int count = 0;
            while (count < length && !bytes.isEmpty()) {
                target[offset + count++] = bytes.poll();
            }
            return count;
        }
    }

    @Test
    void readsLinesArrivingInPiecesThatSplitCharacters() throws Exception {
        String text = "早上好，世界 🌅 ".repeat(20);
        for (int piece = 1; piece <= 7; piece++) {
            LineReader reader = new LineReader(new Pieces(utf8(text + "\n" + text + "\n"), piece), 1024);

            assertEquals(text, reader.readLine(), "pieces of " + piece);
            assertEquals(text, reader.readLine(), "pieces of " + piece);
            assertNull(reader.readLine());
        }
    }

    @Test
    void readsACharacterAcrossTheReadersChunkBoundary() throws Exception {
        // The reader fills an 8192-byte chunk; the three bytes of 你 straddle its end.
        String line = "x".repeat(8190) + "你好";
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8(line + "\nnext\n")), 64 * 1024);

        assertEquals(line, reader.readLine());
        assertEquals("next", reader.readLine());
    }

    @Test
    void readsWithChunksThatSplitCharacters() throws Exception {
        String text = "早上好，世界 🌅 ".repeat(20);
        for (int chunk = 1; chunk <= 7; chunk++) {
            LineReader reader = new LineReader(new ByteArrayInputStream(utf8(text + "\r\nx\n")), 1024, chunk);

            assertEquals(text, reader.readLine(), "chunks of " + chunk);
            assertEquals("x", reader.readLine(), "chunks of " + chunk);
            assertNull(reader.readLine());
        }
    }

    @Test
    void skipsAnOversizedLineReadInSmallChunks() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("123456789\n12345678\r\n")), 8, 3);

        assertEquals(TOO_LONG, assertThrows(ProtocolException.class, reader::readLine).getMessage());
        assertEquals("12345678", reader.readLine());
    }

    @Test
    void refusesAnEmptyChunkOrANegativeLimit() {
        InputStream in = new ByteArrayInputStream(utf8("hi\n"));

        assertEquals("The read chunk must hold at least one byte: 0",
                assertThrows(IllegalArgumentException.class, () -> new LineReader(in, 8, 0)).getMessage());
        assertEquals("The line limit must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> new LineReader(in, -1)).getMessage());
    }

    @Test
    void readsManyLinesFromOneRead() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("one\ntwo\nthree\n")), 16);

        assertEquals(List.of("one", "two", "three"), readAll(reader));
    }

    @Test
    void stripsCarriageReturnBeforeNewline() throws Exception {
        LineReader reader = new LineReader(trickle(utf8("windows\r\nunix\n\r\n")), 16);

        assertEquals("windows", reader.readLine());
        assertEquals("unix", reader.readLine());
        assertEquals("", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void keepsOtherCarriageReturns() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("a\rb\nc\r\r\n")), 16);

        assertEquals("a\rb", reader.readLine());
        assertEquals("c\r", reader.readLine());
    }

    @Test
    void returnsEmptyLines() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("\n\nlast\n")), 16);

        assertEquals(List.of("", "", "last"), readAll(reader));
    }

    @Test
    void endsAtEndOfStream() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[0]), 16);

        assertNull(reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void dropsAnUnterminatedLastLine() throws Exception {
        LineReader reader = new LineReader(trickle(utf8("done\nhalf a mess")), 64);

        assertEquals("done", reader.readLine());
        assertNull(reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void skipsAnOversizedLineAndReadsTheNext() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("123456789012345\nok\n")), 8);

        ProtocolException e = assertThrows(ProtocolException.class, reader::readLine);
        assertEquals(ErrorCode.LINE_TOO_LONG, e.code());
        assertEquals(TOO_LONG, e.getMessage());
        assertEquals("ok", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void skipsAnOversizedLineSpreadOverManyReads() throws Exception {
        byte[] huge = utf8("x".repeat(100_000) + "\nafter\n");
        LineReader reader = new LineReader(trickle(huge), 8);

        ProtocolException e = assertThrows(ProtocolException.class, reader::readLine);
        assertEquals(ErrorCode.LINE_TOO_LONG, e.code());
        assertEquals("after", reader.readLine());
    }

    @Test
    void skipsALineOneByteTooLong() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("123456789\n12345678\n123456789\r\n")), 8);

        assertEquals(TOO_LONG, assertThrows(ProtocolException.class, reader::readLine).getMessage());
        assertEquals("12345678", reader.readLine());
        assertEquals(TOO_LONG, assertThrows(ProtocolException.class, reader::readLine).getMessage());
        assertNull(reader.readLine());
    }

    @Test
    void acceptsALineExactlyAtTheLimit() throws Exception {
        LineReader reader = new LineReader(trickle(utf8("12345678\n12345678\r\n\n")), 8);

        assertEquals("12345678", reader.readLine());
        assertEquals("12345678", reader.readLine(), "the carriage return does not count");
        assertEquals("", reader.readLine());
    }

    @Test
    void countsTheLimitInBytes() throws Exception {
        // 你好 is six bytes in UTF-8.
        assertEquals("你好", new LineReader(new ByteArrayInputStream(utf8("你好\n")), 6).readLine());
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new LineReader(new ByteArrayInputStream(utf8("你好\n")), 5).readLine());
        assertEquals(ErrorCode.LINE_TOO_LONG, e.code());
        assertEquals("Line longer than 5 bytes; it was skipped.", e.getMessage());
    }

    @Test
    void dropsAnOversizedUnterminatedLastLine() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("x".repeat(100))), 8);

        assertNull(reader.readLine());
    }

    @Test
    void readsShortLinesAfterAHugeOne() throws Exception {
        String huge = "大".repeat(40_000);
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8(huge + "\nsmall\n" + huge + "\n")), 200_000);

        assertEquals(huge, reader.readLine());
        assertEquals("small", reader.readLine());
        assertEquals(huge, reader.readLine());
    }

    @Test
    void acceptsTheLargestLimit() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("hello\n")), Integer.MAX_VALUE);

        assertEquals("hello", reader.readLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c3 28", // a two-byte start followed by ASCII
            "c0 af", // overlong '/'
            "e0 80 af", // overlong '/' in three bytes
            "f0 80 80 af", // overlong '/' in four bytes
            "ff", // never valid
            "fe", // never valid
            "80", // a continuation byte alone
            "ed a0 80", // an encoded surrogate
            "f4 90 80 80", // beyond U+10FFFF
            "e4 bd", // 你 cut short
            "61 e4 bd 61"}) // 你 cut short mid-line
    void skipsInvalidUtf8AndReadsTheNextLine(String hex) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("before\n"));
        bytes.writeBytes(hexBytes(hex));
        bytes.writeBytes(utf8("\nafter 你好\n"));
        LineReader reader = new LineReader(trickle(bytes.toByteArray()), 64);

        assertEquals("before", reader.readLine());
        ProtocolException e = assertThrows(ProtocolException.class, reader::readLine);
        assertEquals(ErrorCode.BAD_ENCODING, e.code());
        assertEquals(NOT_UTF8, e.getMessage());
        assertEquals("after 你好", reader.readLine());
        assertNull(reader.readLine());
    }

    @Test
    void passesOnReadFailures() {
        IOException failure = new IOException("Connection reset");
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };

        assertSame(failure, assertThrows(IOException.class, () -> new LineReader(broken, 16).readLine()));
    }

    private static List<String> readAll(LineReader reader) throws IOException, ProtocolException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hexBytes(String hex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    private static InputStream trickle(byte[] bytes) {
        return new Pieces(bytes, 1);
    }

    /** A stream that hands out at most a few bytes per read, the way a slow network does. */
    private static final class Pieces extends FilterInputStream {
        private final int pieceSize;

        Pieces(byte[] bytes, int pieceSize) {
            super(new ByteArrayInputStream(bytes));
            this.pieceSize = pieceSize;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, pieceSize));
        }
    }
}
