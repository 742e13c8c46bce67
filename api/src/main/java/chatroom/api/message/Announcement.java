package chatroom.api.message;

/**
 * An announcement from the server's operator to everyone; kept in the history like a chat message, in the room it
 * names ({@code room}: protocol 2; the default room, unnamed, for protocol 1).
 */
public record Announcement(long id, long ts, String text, boolean history, String room) implements ServerMessage {
    public static final String TYPE = "announcement";

    public Announcement {
        Fields.required(text, "text");
    }

    public Announcement(long id, long ts, String text, boolean history) {
        this(id, ts, text, history, null);
    }

    /** This announcement naming its room, or none. */
    public Announcement withRoom(String roomName) {
        return new Announcement(id, ts, text, history, roomName);
    }

    /** This announcement as a history entry. */
    public Announcement asHistory() {
        return history ? this : new Announcement(id, ts, text, true, room);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
