package chatroom.api.message;

/**
 * A file is on its way to this client: from {@code from}, to the whole room ({@code to} absent) or to this user alone.
 * Its {@link FileChunk}s, then a {@link FileDone} or a {@link FileCancel}, follow under the same server-assigned
 * {@code tid}. The receiver acknowledges each chunk with a {@link FileAck} once it has stored it.
 *
 * @param tid  the server's name for this transfer, unique on this connection
 * @param ts   when the server accepted the offer, milliseconds since the epoch
 * @param from the sender's display name
 * @param name the file's name as the sender gave it: untrusted, to be made safe before use as a file name
 * @param size the file's length in bytes
 * @param to   the recipient's display name for a private transfer, or {@code null} for the room
 * @param room the room it goes to (protocol 2; absent for a private transfer and in protocol 1)
 */
public record FileOffered(String tid, long ts, String from, String name, long size, String to, String room)
        implements ServerMessage {
    public static final String TYPE = "file_offer";

    public FileOffered {
        Fields.required(tid, "tid");
        Fields.required(from, "from");
        Fields.required(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("field 'size' must not be negative");
        }
    }

    public FileOffered(String tid, long ts, String from, String name, long size, String to) {
        this(tid, ts, from, name, size, to, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
