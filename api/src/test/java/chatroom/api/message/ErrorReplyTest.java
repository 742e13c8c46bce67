package chatroom.api.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorReplyTest {
    @Test
    void writesTheCodesWireName() {
        ErrorReply reply = new ErrorReply(ErrorCode.NAME_TAKEN, "Someone else is called bob.", "nick");

        assertEquals("name_taken", reply.code());
        assertEquals(ErrorCode.NAME_TAKEN, reply.errorCode());
        assertEquals("nick", reply.ref());
    }

    @Test
    void readsACodeFromANewerServerAsUnknown() {
        ErrorReply reply = new ErrorReply("quota_exceeded", "Too many rooms.", null);

        assertEquals(ErrorCode.UNKNOWN, reply.errorCode());
        assertEquals("quota_exceeded", reply.code());
        assertNull(reply.ref());
    }

    @Test
    void needsACodeAndAMessage() {
        assertEquals("missing field 'code'",
                assertThrows(IllegalArgumentException.class, () -> new ErrorReply((String) null, "m", null)).getMessage());
        assertEquals("missing field 'message'",
                assertThrows(IllegalArgumentException.class, () -> new ErrorReply("bad_json", null, null)).getMessage());
    }
}
