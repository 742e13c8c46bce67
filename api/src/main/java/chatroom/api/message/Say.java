package chatroom.api.message;

/** Text for everyone in the room. */
public record Say(String text) implements ClientMessage {
    public static final String TYPE = "say";

    public Say {
        Fields.required(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
