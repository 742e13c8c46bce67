package chatroom.api.message;

/**
 * The end of a transfer, in each of its four legs. Sender to server, after the last chunk: {@code sha256} of every byte
 * sent. Server to recipient, after the last chunk: the sender's {@code sha256}, which the recipient compares with
 * what it stored. Recipient to server: the file arrived intact ({@code sha256} optional). Server to sender, once every
 * recipient has finished one way or another: how many of them got the file intact, under the checksum they checked.
 *
 * @param tid        the transfer, as named on this connection
 * @param sha256     SHA-256 of the whole file, 64 lower-case hexadecimal digits; optional only from a recipient
 * @param delivered  in the server's report to the sender: recipients that confirmed an intact copy
 * @param recipients in the server's report to the sender: recipients the offer went to
 */
public record FileDone(String tid, String sha256, Integer delivered, Integer recipients)
        implements ClientMessage, ServerMessage {
    public static final String TYPE = "file_done";

    public FileDone {
        Fields.required(tid, "tid");
    }

    /** The sender's or the server's end of the bytes, with their checksum. */
    public FileDone(String tid, String sha256) {
        this(tid, sha256, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
