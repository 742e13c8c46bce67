package chatroom.api.internal;

import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.FileChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileChunkLinesTest {
    @Test
    void writesWhatTheGeneralCodecWritesAndReadsItBack() throws Exception {
        byte[] bytes = new byte[32 * 1024];
        new Random(1).nextBytes(bytes);
        FileChunk chunk = FileChunk.of("s-1_A", 123_456_789_012L, bytes, 0, bytes.length);
        String line = FileChunkLines.write(chunk);
        assertEquals("{\"type\":\"file_chunk\",\"tid\":\"s-1_A\",\"seq\":123456789012,\"data\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}", line);
        assertEquals(chunk, FileChunkLines.read(line));
        assertEquals(chunk, MessageCodec.decodeClient(line));
        assertEquals(chunk, MessageCodec.decodeServer(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"file_chunk\",\"seq\":1,\"tid\":\"t\",\"data\":\"aGk=\"}",
            "{\"type\":\"file_chunk\", \"tid\":\"t\",\"seq\":1,\"data\":\"aGk=\"}",
            "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":1,\"data\":\"aGk=\"} ",
            "{\"type\":\"file_chunk\",\"tid\":\"\\u0074\",\"seq\":1,\"data\":\"aGk=\"}",
            "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":1.0,\"data\":\"aGk=\"}"})
    void leavesOtherValidFormsToTheGeneralCodec(String line) throws Exception {
        assertNull(FileChunkLines.read(line));
        assertEquals(new FileChunk("t", 1, "aGk="), MessageCodec.decodeClient(line));
    }

    @Test
    void refusesWhatTheGeneralCodecRefuses() {
        assertRefused("Invalid 'file_chunk' message: field 'seq' must be at least 1.",
                "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":0,\"data\":\"aGk=\"}");
        assertEquals(ErrorCode.BAD_JSON, assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(
                "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":01,\"data\":\"aGk=\"}")).code());
        assertEquals(ErrorCode.BAD_MESSAGE, assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(
                "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":99999999999999999999,\"data\":\"aGk=\"}")).code());
        assertNull(FileChunkLines.read("{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":1,\"data\":\"a\"b\"}"));
    }

    @Test
    void writesUnusualFieldsTheGeneralWay() throws Exception {
        FileChunk odd = new FileChunk("a\"b", 1, "aGk=");
        assertNull(FileChunkLines.write(odd));
        assertEquals("{\"type\":\"file_chunk\",\"tid\":\"a\\\"b\",\"seq\":1,\"data\":\"aGk=\"}",
                MessageCodec.toJson(odd));
        assertEquals(odd, MessageCodec.decodeServer(MessageCodec.toJson(odd)));
    }

    private static void assertRefused(String message, String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(line));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
        assertEquals(message, e.getMessage());
    }
}
