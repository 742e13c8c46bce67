package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.FileTransfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Records what a client receives, so a test can wait for a particular event. */
final class RecordingListener implements ChatListener {
    private final String who;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    /** Everything awaited or skipped so far, in the order it came. */
    private final List<Object> seen = new ArrayList<>();
    private final List<Object> everything = new CopyOnWriteArrayList<>();

    RecordingListener(String who) {
        this.who = who;
    }

    record Disconnected(String reason, boolean error) {
    }

    record Reconnecting(String reason, int attempt) {
    }

    record Reconnected() {
    }

    record Notice(String text) {
    }

    record NotSent(ClientMessage request, String reason) {
    }

    @Override
    public void onMessage(ServerMessage message) {
        record(message);
    }

    private void record(Object event) {
        everything.add(event);
        events.add(event);
    }

    /** Every event so far, awaited or not, in order. */
    List<Object> everything() {
        return List.copyOf(everything);
    }

    /** The texts of every chat message so far, in order, with "(history)" after replayed ones. */
    List<String> chats() {
        return everything.stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast)
                .map(m -> m.text() + (m.history() ? " (history)" : "")).toList();
    }

    @Override
    public void onTransfer(FileTransfer transfer) {
        events.add(transfer);
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        record(new Disconnected(reason, error));
    }

    @Override
    public void onReconnecting(String reason, int attempt) {
        record(new Reconnecting(reason, attempt));
    }

    @Override
    public void onReconnected() {
        record(new Reconnected());
    }

    @Override
    public void onNotice(String text) {
        record(new Notice(text));
    }

    @Override
    public void onNotSent(ClientMessage request, String reason) {
        record(new NotSent(request, reason));
    }

    <T> T await(Class<T> type) {
        return await(type, any -> true);
    }

    /** Waits for the next event of this type that matches, skipping others; fails after 10 s saying what came. */
    <T> T await(Class<T> type, Predicate<T> matching) {
        return await(type, matching, 10);
    }

    /** As {@link #await(Class, Predicate)}, waiting up to {@code seconds}; the skipped events are kept in order. */
    <T> T await(Class<T> type, Predicate<T> matching, int seconds) {
        List<Object> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Object event;
            try {
                event = events.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (event == null) {
                continue;
            }
            seen.add(event);
            if (type.isInstance(event) && matching.test(type.cast(event))) {
                return type.cast(event);
            }
            skipped.add(event);
        }
        return fail(who + " did not receive the expected " + type.getSimpleName() + "; got "
                + (skipped.size() > 30 ? skipped.subList(skipped.size() - 30, skipped.size()) : skipped));
    }

    /** Everything taken from the queue by the awaits so far, in the order it came. */
    List<Object> seen() {
        return List.copyOf(seen);
    }

    /** Everything received so far and not yet awaited. */
    List<Object> drain() {
        List<Object> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }
}
