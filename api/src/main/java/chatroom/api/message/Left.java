package chatroom.api.message;

/** Someone went offline, with why (logged out, connection lost, kicked: …); {@code online} counts who remain. */
public record Left(long ts, String name, int online, String reason, String room) implements ServerMessage {
    public static final String TYPE = "leave";

    public Left {
        Fields.required(name, "name");
        Fields.required(reason, "reason");
    }

    public Left(long ts, String name, int online, String reason) {
        this(ts, name, online, reason, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
