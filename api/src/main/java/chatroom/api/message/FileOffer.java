package chatroom.api.message;

/**
 * Offers a file to the room ({@code to} absent) or to one person online. The client picks {@code tid}, which names the
 * transfer in everything that follows about it on this connection, in both directions. The bytes follow as
 * {@link FileChunk}s once the server has answered with a {@link FileAck} of {@code seq} 0; a refusal comes back as a
 * {@link FileCancel} naming the same {@code tid}.
 *
 * @param tid  the client's name for this transfer: 1 to {@link Protocol#MAX_TRANSFER_ID_LENGTH} letters, digits,
 *             {@code -} or {@code _}
 * @param name the file's name as the sender has it; receivers make their own safe name from it
 * @param size the file's length in bytes
 * @param to   the recipient's display name, or {@code null} for everyone in the room
 * @param room the room it is offered to (protocol 2, when {@code to} is absent); {@code null} in protocol 1
 */
public record FileOffer(String tid, String name, long size, String to, String room) implements ClientMessage {
    public static final String TYPE = "file_offer";

    public FileOffer {
        Fields.required(tid, "tid");
        Fields.required(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("field 'size' must not be negative");
        }
    }

    public FileOffer(String tid, String name, long size, String to) {
        this(tid, name, size, to, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
