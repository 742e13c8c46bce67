package chatroom.api.message;

/**
 * A request failed, or the input could not be read.
 *
 * @param code    a stable machine-readable code, one of {@link ErrorCode}'s wire names
 * @param message a sentence for people
 * @param ref     the type of the request that failed, when known
 * @param cid     the client message id of the {@link Say} or {@link Tell} that failed, when it had one: that message
 *                was not delivered and will not be
 */
public record ErrorReply(String code, String message, String ref, String cid) implements ServerMessage {
    public static final String TYPE = "error";

    public ErrorReply {
        Fields.required(code, "code");
        Fields.required(message, "message");
    }

    public ErrorReply(String code, String message, String ref) {
        this(code, message, ref, null);
    }

    public ErrorReply(ErrorCode code, String message, String ref) {
        this(code.wireName(), message, ref, null);
    }

    public ErrorReply(ErrorCode code, String message, String ref, String cid) {
        this(code.wireName(), message, ref, cid);
    }

    /** This reply's code, or {@link ErrorCode#UNKNOWN} when a newer server sends one this client does not know. */
    public ErrorCode errorCode() {
        return ErrorCode.fromWireName(code);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
