package chatroom.api.message;

/**
 * Put someone present out of a room (protocol 2; owner and operators); they may join again.
 *
 * @param reason why, shown to the room; may be absent
 */
public record KickMember(String room, String name, String reason) implements ClientMessage {
    public static final String TYPE = "kick";

    public KickMember {
        Fields.required(room, "room");
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
