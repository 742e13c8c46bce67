package chatroom.api.message;

/** Asks to change the sender's display name. */
public record Nick(String name) implements ClientMessage {
    public static final String TYPE = "nick";

    public Nick {
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
