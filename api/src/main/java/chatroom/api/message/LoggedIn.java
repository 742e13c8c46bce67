package chatroom.api.message;

/** Login succeeded: the name the user appears under and how many people are online, the user included. */
public record LoggedIn(String name, int online) implements ServerMessage {
    public static final String TYPE = "logged_in";

    public LoggedIn {
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
