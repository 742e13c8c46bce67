package chatroom.bench;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Hello;
import chatroom.api.message.Login;

import java.nio.charset.StandardCharsets;

/** The first two lines every bench connection sends, written by the protocol's own codec. */
final class Handshake {
    private Handshake() {
    }

    /**
     * The registration of an IRC connection: echo-message, so that senders hear their own messages as in our
     * protocol; a password for an account, none for a guest.
     */
    static byte[] ircLines(String nick, String password) {
        return ("CAP REQ :echo-message\r\n" + (password == null ? "" : "PASS " + password + "\r\n") + "NICK " + nick
                + "\r\nUSER " + nick + " 0 * :" + nick + "\r\nCAP END\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lines(int protocol, Login login) {
        return (MessageCodec.toJson(new Hello(protocol, "chat-bench")) + "\n" + MessageCodec.toJson(login)
                + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
