package chatroom.api.message;

/** The first message of a connection: the protocol version the client speaks and what the client is. */
public record Hello(int protocol, String client) implements ClientMessage {
    public static final String TYPE = "hello";

    public Hello {
        if (protocol <= 0) {
            throw new IllegalArgumentException("missing field 'protocol'");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
