package chatroom.api.file;

import java.io.IOException;

/** A received file is not what the sender sent: its size or its SHA-256 differ. The partial file is gone. */
public final class TransferCheckException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransferCheckException(String message) {
        super(message);
    }
}
