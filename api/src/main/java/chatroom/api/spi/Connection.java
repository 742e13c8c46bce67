package chatroom.api.spi;

import chatroom.api.codec.Frame;

import java.util.List;

/**
 * One client's connection as the server sees it. Thread-safe.
 */
public interface Connection {
    /** The peer's address, such as {@code 127.0.0.1:51234}; shown only to the operator. */
    String remoteAddress();

    /**
     * Queues a frame for sending and returns at once; the transport writes it on its own thread. If the queue is
     * over its byte limit (the client stopped reading), the connection is closed instead.
     *
     * @return whether the frame was queued
     */
    boolean send(Frame frame);

    /**
     * Queues several frames at once, in order, as one operation: a broadcast of many messages to one recipient costs
     * one queueing, not one per message. Otherwise as {@link #send(Frame)}.
     *
     * @return whether the frames were queued
     */
    default boolean sendAll(List<Frame> frames) {
        for (Frame frame : frames) {
            if (!send(frame)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the connection was closed because the peer stopped reading and its queue went over the byte limit (as
     * opposed to closed by either side, or broken).
     */
    default boolean overflowed() {
        return false;
    }

    /** Sends what is queued (within a short grace period), then closes. Idempotent. */
    void close();
}
