package chatroom.api.codec;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;

/** Input that breaks the protocol: unreadable, oversized or invalid. It names the error code to answer with. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The message type the input claimed to be, when it got that far. */
    public String ref() {
        return ref;
    }

    /** The error message that tells the sender about this. */
    public ErrorReply toReply() {
        return new ErrorReply(code, getMessage(), ref);
    }
}
