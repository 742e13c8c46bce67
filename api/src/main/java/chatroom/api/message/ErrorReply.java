package chatroom.api.message;

/**
 * A request failed, or the input could not be read.
 *
 * @param code    a stable machine-readable code, one of {@link ErrorCode}'s wire names
 * @param message a sentence for people
 * @param ref     the type of the request that failed, when known
 */
public record ErrorReply(String code, String message, String ref) implements ServerMessage {
    public static final String TYPE = "error";

    public ErrorReply {
        Fields.required(code, "code");
        Fields.required(message, "message");
    }

    public ErrorReply(ErrorCode code, String message, String ref) {
        this(code.wireName(), message, ref);
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
