package chatroom.api.message;

/**
 * An account was banned from a room or its ban lifted (protocol 2); to everyone in the room.
 *
 * @param name the account's name
 * @param by   who did it
 */
public record BanChanged(String room, long ts, String name, String by, boolean banned) implements ServerMessage {
    public static final String TYPE = "ban";

    public BanChanged {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.required(by, "by");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
