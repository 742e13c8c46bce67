package chatroom.api.message;

/**
 * A message in the room. The server sets the id (increasing), the time (milliseconds since the epoch) and the
 * sender's name; {@code history} marks an entry replayed from the past rather than said just now. {@code cid} is the
 * sender's client message id, present only in the sender's own copy of a {@link Say} that had one. {@code room} names
 * the room (protocol 2; absent for protocol 1, whose one room is the default room); ids are counted per room.
 */
public record ChatMessage(long id, long ts, String from, String text, boolean history, String cid, String room)
        implements ServerMessage {
    public static final String TYPE = "message";

    public ChatMessage {
        Fields.required(from, "from");
        Fields.required(text, "text");
    }

    public ChatMessage(long id, long ts, String from, String text, boolean history) {
        this(id, ts, from, text, history, null, null);
    }

    public ChatMessage(long id, long ts, String from, String text, boolean history, String cid) {
        this(id, ts, from, text, history, cid, null);
    }

    /** This message as a history entry, as everyone sees it (without a client message id). */
    public ChatMessage asHistory() {
        return history && cid == null ? this : new ChatMessage(id, ts, from, text, true, null, room);
    }

    /** This message as the sender's own copy, carrying the client message id of its {@link Say}. */
    public ChatMessage withCid(String clientId) {
        return new ChatMessage(id, ts, from, text, history, clientId, room);
    }

    /** This message naming its room, or ({@code null}) naming none, as protocol 1 has it. */
    public ChatMessage withRoom(String roomName) {
        return new ChatMessage(id, ts, from, text, history, cid, roomName);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
