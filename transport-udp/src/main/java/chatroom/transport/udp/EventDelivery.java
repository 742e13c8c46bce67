package chatroom.transport.udp;

import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands events to the {@link ChatListener} one at a time, in order, on a thread of its own, so a slow listener never
 * holds up the network. At most {@link #MAX_PENDING} events wait; the disconnect notice is always last.
 */
final class EventDelivery {
    static final int MAX_PENDING = 10_000;

    /** Ends the delivery thread, after the disconnect notice. */
    private static final Runnable END = () -> { };

    private final ChatListener listener;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private Thread thread;
    private boolean ended;

    EventDelivery(ChatListener listener) {
        this.listener = listener;
    }

    /** Queues an event; false when the listener is too far behind or the session has ended. */
    synchronized boolean message(ServerMessage event) {
        if (ended || queue.size() >= MAX_PENDING) {
            return false;
        }
        enqueue(() -> listener.onMessage(event));
        return true;
    }

    /** Queues the last event; later calls do nothing. */
    synchronized void disconnected(String reason, boolean error) {
        if (ended) {
            return;
        }
        ended = true;
        enqueue(() -> listener.onDisconnected(reason, error));
        enqueue(END);
    }

    private void enqueue(Runnable event) {
        queue.add(event);
        if (thread == null) {
            thread = new Thread(this::run, "chatroom-udp-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (true) {
            Runnable event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event == END) {
                return;
            }
            try {
                event.run();
            } catch (RuntimeException e) {
                // A listener's bug must not cost the user every later message.
            }
        }
    }
}
