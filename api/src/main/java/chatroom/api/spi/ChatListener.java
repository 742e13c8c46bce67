package chatroom.api.spi;

import chatroom.api.message.ServerMessage;

/**
 * Receives what happens in the room, from a {@link ChatService}. Calls come one at a time, in the order the
 * server sent them, on a thread of the service's (never the caller's): user interfaces hand them over to their own
 * thread. A listener must return quickly; blocking it holds up every later event.
 */
public interface ChatListener {
    /** A message from the server (or, for peer transports, from the group). */
    void onMessage(ServerMessage message);

    /**
     * The connection ended, by logout or by failure. Called once, last; nothing follows it.
     *
     * @param reason a sentence for people: why the connection ended
     * @param error  whether it ended by failure rather than a logout the user asked for
     */
    void onDisconnected(String reason, boolean error);

    /**
     * A file transfer started, progressed or ended, in either direction; see {@link FileTransfer} for how often.
     * Comes on a thread of the service's, one call at a time with the other events, like them. Transports without
     * files never call it; the default ignores it.
     */
    default void onTransfer(FileTransfer transfer) {
    }
}
