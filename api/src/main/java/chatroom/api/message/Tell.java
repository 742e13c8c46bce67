package chatroom.api.message;

/**
 * A private message to one online user, addressed by display name.
 *
 * @param cid an optional client message id, as for {@link Say}: the sender's copy carries it
 */
public record Tell(String to, String text, String cid) implements ClientMessage {
    public static final String TYPE = "tell";

    public Tell {
        Fields.required(to, "to");
        Fields.required(text, "text");
        Fields.cid(cid);
    }

    public Tell(String to, String text) {
        this(to, text, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
