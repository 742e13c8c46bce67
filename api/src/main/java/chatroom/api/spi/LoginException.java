package chatroom.api.spi;

import chatroom.api.message.ErrorCode;

/** The server refused a login; the message says why in words a user understands. */
public final class LoginException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public LoginException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
