package chatroom.transport.tcp;

import java.io.IOException;

/** The server's certificate was refused: trying again would not change that, so a reconnecting client gives up. */
final class UntrustedServerException extends IOException {
    private static final long serialVersionUID = 1L;

    UntrustedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
