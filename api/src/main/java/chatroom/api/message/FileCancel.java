package chatroom.api.message;

/**
 * A transfer ends without the file, in both directions: the sender or a recipient gives up, or the server refuses an
 * offer or stops a transfer. Receivers delete what they stored of it.
 *
 * @param tid    the transfer, as named on this connection
 * @param code   why, machine-readable (see {@code docs/PROTOCOL.md}): {@code cancelled}, {@code file_too_large},
 *               {@code not_online}, {@code too_many_transfers}, {@code disconnected}, {@code too_slow},
 *               {@code checksum_mismatch}, …; optional from clients
 * @param reason a sentence for people
 */
public record FileCancel(String tid, String code, String reason) implements ClientMessage, ServerMessage {
    public static final String TYPE = "file_cancel";
    public static final String CANCELLED = "cancelled";
    public static final String FILE_TOO_LARGE = "file_too_large";
    public static final String NOT_ONLINE = "not_online";
    public static final String TOO_MANY_TRANSFERS = "too_many_transfers";
    public static final String BAD_OFFER = "bad_offer";
    public static final String DISCONNECTED = "disconnected";
    public static final String TOO_SLOW = "too_slow";
    public static final String CHECKSUM_MISMATCH = "checksum_mismatch";
    public static final String SIZE_MISMATCH = "size_mismatch";
    public static final String NOBODY_LEFT = "nobody_left";
    public static final String STORAGE = "storage";
    public static final String PROTOCOL = "protocol";

    public FileCancel {
        Fields.required(tid, "tid");
        reason = reason == null ? "Cancelled." : reason;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
