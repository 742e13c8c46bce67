package chatroom.api.message;

/** Constants of the wire protocol that both sides must agree on. */
public final class Protocol {
    /** The protocol version of the single room, which every server still speaks. */
    public static final int VERSION = 1;
    /** The protocol version with many rooms; a server that speaks it says {@link #FEATURE_ROOMS}. */
    public static final int ROOMS_VERSION = 2;
    /** {@link Welcome#features()}: the server speaks {@link #ROOMS_VERSION}; ask for it in {@link Hello}. */
    public static final String FEATURE_ROOMS = "rooms";
    /** The TCP port a server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 9000;
    /** The longest line, in UTF-8 bytes without the newline, a server reads unless configured otherwise. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** The largest file a server takes unless configured otherwise, and the limit peers keep over UDP. */
    public static final long DEFAULT_MAX_FILE_SIZE = 100L * 1024 * 1024;
    /**
     * The most bytes in one {@link FileChunk}. Base64 makes it 43,692 characters: a chunk line stays far below the
     * default line limit, so chat lines between chunks are never held up for long.
     */
    public static final int FILE_CHUNK_BYTES = 32 * 1024;
    /** How many chunks a sender may send beyond the last {@link FileAck} the server gave it. */
    public static final int FILE_WINDOW = 8;
    /** The longest transfer id a client may choose. */
    public static final int MAX_TRANSFER_ID_LENGTH = 64;
    /** The longest file name an offer may carry, in characters. */
    public static final int MAX_FILE_NAME_LENGTH = 1024;
    /** The {@link Welcome} feature of servers that relay files. */
    public static final String FEATURE_FILES = "files";
    /** The longest client message id ({@code cid} of {@link Say} and {@link Tell}), in chars. */
    public static final int MAX_CID_LENGTH = 64;
    /** {@link Welcome#features()}: the server hands out resume tokens and replays what a client missed. */
    public static final String FEATURE_RESUME = "resume";
    /** {@link Welcome#features()}: the server drops messages whose client message id it has seen. */
    public static final String FEATURE_CID = "cid";

    private Protocol() {
    }
}
