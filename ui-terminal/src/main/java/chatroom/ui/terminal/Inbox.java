package chatroom.ui.terminal;

import chatroom.api.message.ClientMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.FileTransfer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Everything the main thread reacts to, in the order it happened: lines from the input thread, and events and the
 * disconnect from the service's thread. Funnelling both into one queue lets a single thread own the room's state,
 * and lets it notice a lost connection while standard input is still blocked.
 */
final class Inbox implements ChatListener {
    // Only a main thread stuck writing to a stalled terminal lets this fill; then the service waits, not the heap.
    private static final int CAPACITY = 10_000;

    private final BlockingQueue<Happening> arrivals = new LinkedBlockingQueue<>(CAPACITY);
    // Events that arrived while a login question waited for its answer; main thread only.
    private final Deque<Happening> heldBack = new ArrayDeque<>();

    void typed(String line) {
        put(new Happening.Typed(line));
    }

    void inputEnded() {
        put(new Happening.InputEnded());
    }

    @Override
    public void onMessage(ServerMessage message) {
        put(new Happening.Received(message));
    }

    @Override
    public void onTransfer(FileTransfer transfer) {
        put(new Happening.Transfer(transfer));
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        put(new Happening.Disconnected(reason, error));
    }

    @Override
    public void onReconnecting(String reason, int attempt) {
        put(new Happening.Reconnecting(reason, attempt));
    }

    @Override
    public void onReconnected() {
        put(new Happening.Reconnected());
    }

    @Override
    public void onNotice(String text) {
        put(new Happening.Notice(text));
    }

    @Override
    public void onNotSent(ClientMessage request, String reason) {
        put(new Happening.NotSent(request, reason));
    }

    /** Hands the chat model's delayed work to the main thread, in line with everything else. */
    void due(Runnable task) {
        put(new Happening.Due(task));
    }

    /** The next happening, waiting as long as it takes. */
    Happening take() throws InterruptedException {
        Happening held = heldBack.pollFirst();
        return held != null ? held : arrivals.take();
    }

    /** The next happening, or {@code null} when none came within the time. */
    Happening poll(long timeout, TimeUnit unit) throws InterruptedException {
        Happening held = heldBack.pollFirst();
        return held != null ? held : arrivals.poll(timeout, unit);
    }

    /**
     * The next line typed, for a login question, or {@code null} when input ended. Events that arrive meanwhile are
     * held back for {@link #take}, in order. A disconnect is dropped: the next login attempt reconnects or reports
     * why it cannot.
     */
    String nextLine() throws InterruptedException {
        while (true) {
            Happening happening = arrivals.take();
            switch (happening) {
                case Happening.Typed typed -> {
                    return typed.line();
                }
                case Happening.InputEnded ended -> {
                    return null;
                }
                case Happening.Disconnected disconnected -> {
                }
                default -> {
                    if (heldBack.size() < CAPACITY) {
                        heldBack.addLast(happening);
                    }
                }
            }
        }
    }

    private void put(Happening happening) {
        try {
            arrivals.put(happening);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
