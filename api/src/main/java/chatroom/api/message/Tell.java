package chatroom.api.message;

/** A private message to one online user, addressed by display name. */
public record Tell(String to, String text) implements ClientMessage {
    public static final String TYPE = "tell";

    public Tell {
        Fields.required(to, "to");
        Fields.required(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
