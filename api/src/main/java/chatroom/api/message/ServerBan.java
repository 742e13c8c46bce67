package chatroom.api.message;

/**
 * Ban an account from the whole server, or lift its ban (protocol 2; the server's operators only): its session
 * ends and its logins are refused until lifted.
 */
public record ServerBan(String name, Boolean banned) implements ClientMessage {
    public static final String TYPE = "server_ban";

    public ServerBan {
        Fields.required(name, "name");
        Fields.present(banned, "banned");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
