package chatroom.api.codec;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.Members;
import chatroom.api.message.Member;
import chatroom.api.message.Say;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageCodecTest {
    @Test
    void roundTripsAClientMessage() throws Exception {
        assertEquals("{\"type\":\"say\",\"text\":\"héllo <b>\"}", MessageCodec.toJson(new Say("héllo <b>")));
        assertEquals(new Say("你好"), MessageCodec.decodeClient(MessageCodec.toJson(new Say("你好"))));
    }

    @Test
    void roundTripsNestedServerMessages() throws Exception {
        Members members = new Members(List.of(new Member("alice", 5), new Member("bob", 7)));
        assertEquals(members, MessageCodec.decodeServer(MessageCodec.toJson(members)));
        ChatMessage message = new ChatMessage(3, 1000, "alice", "hi", true);
        assertEquals(message, MessageCodec.decodeServer(MessageCodec.encode(message).toString()));
    }

    @Test
    void refusesMissingField() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient("{\"type\":\"say\"}"));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
        assertEquals("Invalid 'say' message: missing field 'text'.", e.getMessage());
    }
}
