package chatroom.api.message;

/**
 * Flow control, in both directions. From a recipient: every chunk up to {@code seq} is stored. From the server to the
 * sender: the offer is accepted ({@code seq} 0), and the sender may send chunks up to {@code seq} +
 * {@link Protocol#FILE_WINDOW}; the server never buffers more than that for it.
 *
 * @param tid the transfer, as named on this connection
 * @param seq the highest chunk number covered
 */
public record FileAck(String tid, long seq) implements ClientMessage, ServerMessage {
    public static final String TYPE = "file_ack";

    public FileAck {
        Fields.required(tid, "tid");
        if (seq < 0) {
            throw new IllegalArgumentException("field 'seq' must not be negative");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
