package chatroom.api.message;

/**
 * Ban an account from a room, or lift its ban (protocol 2; owner and operators). A ban ends the account's
 * membership and refuses its joins until lifted.
 *
 * @param name    the account, by account name (or by display name while present)
 * @param banned  {@code true} to ban, {@code false} to lift the ban
 */
public record BanMember(String room, String name, Boolean banned) implements ClientMessage {
    public static final String TYPE = "ban";

    public BanMember {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.present(banned, "banned");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
