package chatroom.api.codec;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProtocolExceptionTest {
    @Test
    void becomesAnErrorReply() {
        ProtocolException e = new ProtocolException(ErrorCode.BAD_MESSAGE, "Invalid 'say' message.", "say");

        assertEquals(new ErrorReply("bad_message", "Invalid 'say' message.", "say"), e.toReply());
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
        assertEquals("say", e.ref());
    }

    @Test
    void hasNoRefBeforeTheTypeIsKnown() {
        ProtocolException e = new ProtocolException(ErrorCode.LINE_TOO_LONG, "Line longer than 8 bytes; it was skipped.");

        assertNull(e.ref());
        assertEquals(new ErrorReply("line_too_long", "Line longer than 8 bytes; it was skipped.", null), e.toReply());
    }
}
