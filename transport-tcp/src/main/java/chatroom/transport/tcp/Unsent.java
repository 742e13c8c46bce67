package chatroom.transport.tcp;

import chatroom.api.message.ClientMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user said that the server has not acknowledged yet, by client message id, in the order it was said. It is
 * sent again after a reconnect (the server drops what it already has), and reported as not sent when the session
 * ends without it. Bounded. Thread-safe.
 */
final class Unsent {
    private final int capacity;
    private final Map<String, ClientMessage> waiting = new LinkedHashMap<>();

    Unsent(int capacity) {
        this.capacity = capacity;
    }

    /** @return false when it is full and the message was not kept */
    synchronized boolean add(String cid, ClientMessage message) {
        if (waiting.size() >= capacity) {
            return false;
        }
        waiting.put(cid, message);
        return true;
    }

    /** The server took it (or refused it for good): it is no longer waiting. */
    synchronized void acknowledge(String cid) {
        waiting.remove(cid);
    }

    /** Everything waiting, oldest first. */
    synchronized List<ClientMessage> waiting() {
        return List.copyOf(waiting.values());
    }

    /** Everything waiting, oldest first, which from now on is no longer waiting. */
    synchronized List<ClientMessage> takeAll() {
        List<ClientMessage> all = List.copyOf(waiting.values());
        waiting.clear();
        return all;
    }
}
