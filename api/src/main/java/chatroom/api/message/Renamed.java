package chatroom.api.message;

/** Someone changed their display name. */
public record Renamed(long ts, String from, String to, int online) implements ServerMessage {
    public static final String TYPE = "rename";

    public Renamed {
        Fields.required(from, "from");
        Fields.required(to, "to");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
