package chatroom.api.spi;

import chatroom.api.codec.ProtocolException;

/**
 * Receives one connection's input. Calls come one at a time, in order, each after the one before has returned, on
 * virtual threads (not always the same one: a transport may run a reader only while input waits). A call may block.
 */
public interface InboundHandler {
    /** A complete line (without its newline), decoded from UTF-8. */
    void onLine(String line);

    /** A line that could not be read (too long, not UTF-8); the connection goes on with the next line. */
    void onUnreadableLine(ProtocolException problem);

    /** The connection closed, from either side. Called once, last. */
    void onClosed();
}
