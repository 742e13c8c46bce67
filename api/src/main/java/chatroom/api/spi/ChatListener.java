package chatroom.api.spi;

import chatroom.api.message.ClientMessage;
import chatroom.api.message.ServerMessage;

/**
 * Receives what happens in the room, from a {@link ChatService}. Calls come one at a time, in the order the
 * server sent them, on a thread of the service's (never the caller's): user interfaces hand them over to their own
 * thread. A listener must return quickly; blocking it holds up every later event.
 *
 * <p>A transport that reconnects by itself reports a lost connection with {@link #onReconnecting} (once per attempt)
 * instead of {@link #onDisconnected}, then {@link #onReconnected} followed by the messages missed meanwhile (marked
 * as history and closed by a {@link chatroom.api.message.HistoryEnd}); or, when it gives up, messages it could not
 * send ({@link #onNotSent}) and then {@code onDisconnected}. The methods other than {@code onMessage} and
 * {@code onDisconnected} do nothing unless overridden, so a listener that ignores them still works.
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

    /**
     * The connection was lost and the transport is about to try again. What the user sends meanwhile is kept and
     * sent once reconnected.
     *
     * @param reason  a sentence for people: why the connection was lost, or why the last attempt failed
     * @param attempt 1 for the first attempt after the loss, then counting up
     */
    default void onReconnecting(String reason, int attempt) {
    }

    /** The transport connected and logged in again; the messages missed meanwhile follow. */
    default void onReconnected() {
    }

    /**
     * Something about the connection itself the user should know, such as that it is not encrypted, or that a
     * server's certificate was trusted for the first time (with its fingerprint).
     */
    default void onNotice(String text) {
    }

    /**
     * A message the user sent will never be delivered: the connection was lost for good (or closed) before the
     * server took it.
     *
     * @param request the {@link chatroom.api.message.Say} or {@link chatroom.api.message.Tell} as the user sent it
     * @param reason  a sentence for people
     */
    default void onNotSent(ClientMessage request, String reason) {
    }
}
