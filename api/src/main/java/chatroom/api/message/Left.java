package chatroom.api.message;

/** Someone went offline, with why (logged out, connection lost, kicked: …); {@code online} counts who remain. */
public record Left(long ts, String name, int online, String reason) implements ServerMessage {
    public static final String TYPE = "leave";

    public Left {
        Fields.required(name, "name");
        Fields.required(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
