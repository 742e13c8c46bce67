package chatroom.api.message;

/** Constants of the wire protocol that both sides must agree on. */
public final class Protocol {
    /** The protocol version this code speaks, sent in {@link Hello} and {@link Welcome}. */
    public static final int VERSION = 1;
    /** The TCP port a server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 9000;
    /** The longest line, in UTF-8 bytes without the newline, a server reads unless configured otherwise. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** The longest client message id ({@code cid} of {@link Say} and {@link Tell}), in chars. */
    public static final int MAX_CID_LENGTH = 64;
    /** {@link Welcome#features()}: the server hands out resume tokens and replays what a client missed. */
    public static final String FEATURE_RESUME = "resume";
    /** {@link Welcome#features()}: the server drops messages whose client message id it has seen. */
    public static final String FEATURE_CID = "cid";

    private Protocol() {
    }
}
