package chatroom.api.spi;

import chatroom.api.codec.ProtocolException;

/**
 * Receives one connection's input. Calls come from that connection's reader thread, one at a time, in order.
 */
public interface InboundHandler {
    /** A complete line (without its newline), decoded from UTF-8. */
    void onLine(String line);

    /** A line that could not be read (too long, not UTF-8); the connection goes on with the next line. */
    void onUnreadableLine(ProtocolException problem);

    /** The connection closed, from either side. Called once, last. */
    void onClosed();
}
