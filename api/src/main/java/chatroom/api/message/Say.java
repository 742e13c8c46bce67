package chatroom.api.message;

/**
 * Text for everyone in the room.
 *
 * @param cid an optional client message id (at most {@value Protocol#MAX_CID_LENGTH} characters, unique per account,
 *            such as a random UUID): the server delivers a message with a {@code cid} it has seen recently from the
 *            same account only once, and its copy to the sender carries the {@code cid}, so a client can resend
 *            after a lost connection without a duplicate, and knows when a message landed
 */
public record Say(String text, String cid, String room) implements ClientMessage {
    public static final String TYPE = "say";

    public Say {
        Fields.required(text, "text");
        Fields.cid(cid);
    }

    public Say(String text, String cid) {
        this(text, cid, null);
    }

    public Say(String text) {
        this(text, null, null);
    }

    /** Protocol 2: a message to one of the user's rooms. */
    public static Say inRoom(String room, String text, String cid) {
        return new Say(text, cid, room);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
