package chatroom.api.message;

/** Ask who is banned from a room (protocol 2; owner and operators). */
public record ListBans(String room) implements ClientMessage {
    public static final String TYPE = "bans";

    public ListBans {
        Fields.required(room, "room");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
