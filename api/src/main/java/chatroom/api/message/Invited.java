package chatroom.api.message;

/**
 * An account was invited to a room (protocol 2): to whoever invited it, and to the invited account's session.
 *
 * @param name    the invited account's name
 * @param by      who invited it
 * @param expires when the invite ends (milliseconds since the epoch)
 */
public record Invited(String room, long ts, String name, String by, long expires) implements ServerMessage {
    public static final String TYPE = "invite";

    public Invited {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.required(by, "by");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
