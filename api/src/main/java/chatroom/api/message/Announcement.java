package chatroom.api.message;

/** An announcement from the server's operator to everyone; kept in the history like a chat message. */
public record Announcement(long id, long ts, String text, boolean history) implements ServerMessage {
    public static final String TYPE = "announcement";

    public Announcement {
        Fields.required(text, "text");
    }

    /** This announcement as a history entry. */
    public Announcement asHistory() {
        return history ? this : new Announcement(id, ts, text, true);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
