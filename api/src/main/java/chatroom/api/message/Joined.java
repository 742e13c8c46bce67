package chatroom.api.message;

/** Someone came online; {@code online} counts everyone online now. */
public record Joined(long ts, String name, int online) implements ServerMessage {
    public static final String TYPE = "join";

    public Joined {
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
