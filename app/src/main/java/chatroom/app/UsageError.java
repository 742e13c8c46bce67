package chatroom.app;

/** The user asked for something that cannot be (a transport that is not installed, say): exit code 2. */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
