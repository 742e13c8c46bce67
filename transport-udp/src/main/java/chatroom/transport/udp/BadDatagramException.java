package chatroom.transport.udp;

/** Input that is dropped rather than acted on; says why, for the {@link DropCounters}. */
final class BadDatagramException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Drop reason;

    BadDatagramException(Drop reason, String message) {
        super(message, null, false, false); // dropped input is routine: no stack trace to fill
        this.reason = reason;
    }

    Drop reason() {
        return reason;
    }
}
