package chatroom.bench;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Hello;
import chatroom.api.message.Login;

import java.nio.charset.StandardCharsets;

/** The first two lines every bench connection sends, written by the protocol's own codec. */
final class Handshake {
    private Handshake() {
    }

    static byte[] lines(int protocol, Login login) {
        return (MessageCodec.toJson(new Hello(protocol, "chat-bench")) + "\n" + MessageCodec.toJson(login)
                + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
