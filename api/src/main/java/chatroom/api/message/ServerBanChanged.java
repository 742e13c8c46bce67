package chatroom.api.message;

/** An account was banned from the server, or its ban lifted (protocol 2): the answer to {@link ServerBan}. */
public record ServerBanChanged(long ts, String name, boolean banned) implements ServerMessage {
    public static final String TYPE = "server_ban";

    public ServerBanChanged {
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
