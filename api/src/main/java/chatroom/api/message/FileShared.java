package chatroom.api.message;

/**
 * Someone shared a file with the room, and it arrived: the room's record of it, kept in the history like a chat
 * message. The bytes are not kept; only the name, the size and who sent it.
 *
 * @param id      from the same sequence as chat messages
 * @param ts      when the transfer finished, milliseconds since the epoch
 * @param from    the sender's display name
 * @param name    the file's name as the sender gave it (untrusted)
 * @param size    the file's length in bytes
 * @param history whether this entry is replayed from the past
 * @param room    the room (protocol 2; absent for protocol 1)
 */
public record FileShared(long id, long ts, String from, String name, long size, boolean history, String room)
        implements ServerMessage {
    public static final String TYPE = "file_shared";

    public FileShared {
        Fields.required(from, "from");
        Fields.required(name, "name");
    }

    public FileShared(long id, long ts, String from, String name, long size, boolean history) {
        this(id, ts, from, name, size, history, null);
    }

    /** This entry naming its room, or none. */
    public FileShared withRoom(String roomName) {
        return new FileShared(id, ts, from, name, size, history, roomName);
    }

    /** This entry as a history entry. */
    public FileShared asHistory() {
        return history ? this : new FileShared(id, ts, from, name, size, true, room);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
