package chatroom.api.file;

import chatroom.api.spi.FileTransfer;

import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Keeps one transfer's {@link FileTransfer} snapshots: measures the speed over the last few seconds and decides when
 * progress is worth reporting, so a fast transfer tells a user interface a few times a second, not once per piece.
 * Not thread-safe; times come from the caller ({@link System#nanoTime()} outside tests).
 */
public final class TransferMeter {
    /** Progress is reported at most this often. */
    public static final long REPORT_EVERY_NANOS = 250_000_000L;
    /** The speed is measured over about this long. */
    static final long SPEED_WINDOW_NANOS = 3_000_000_000L;
    private static final long SAMPLE_EVERY_NANOS = 100_000_000L;

    private record Sample(long nanos, long bytes) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private FileTransfer current;
    private long lastReport = Long.MIN_VALUE;

    /** Starts at the transfer's first snapshot (state RUNNING, no bytes yet). */
    public TransferMeter(String id, boolean outgoing, String name, long size, String peer, boolean toRoom, Path file,
                         long nowNanos) {
        this(id, outgoing, name, size, peer, toRoom, null, file, nowNanos);
    }

    /** As above, for a file to or from a named room ({@link FileTransfer#room()}). */
    public TransferMeter(String id, boolean outgoing, String name, long size, String peer, boolean toRoom, String room,
                         Path file, long nowNanos) {
        current = new FileTransfer(id, outgoing, name, size, peer, toRoom, 0, 0, FileTransfer.State.RUNNING, file,
                null, room);
        samples.add(new Sample(nowNanos, 0));
        lastReport = nowNanos;
    }

    /** The latest snapshot. */
    public FileTransfer current() {
        return current;
    }

    /**
     * Records that {@code bytes} are done.
     *
     * @return the new snapshot when it is time to report one (the first bytes, every {@link #REPORT_EVERY_NANOS},
     *         and all bytes done), else {@code null}
     */
    public FileTransfer progress(long bytes, long nowNanos) {
        if (current.finished()) {
            return null;
        }
        Sample last = samples.peekLast();
        if (nowNanos - last.nanos() >= SAMPLE_EVERY_NANOS) {
            samples.addLast(new Sample(nowNanos, bytes));
            while (samples.size() > 2 && nowNanos - samples.peekFirst().nanos() > SPEED_WINDOW_NANOS) {
                samples.removeFirst();
            }
        }
        Sample first = samples.peekFirst();
        long elapsed = nowNanos - first.nanos();
        long speed = elapsed <= 0 ? current.bytesPerSecond()
                : (long) ((bytes - first.bytes()) * 1_000_000_000.0 / elapsed);
        boolean due = nowNanos - lastReport >= REPORT_EVERY_NANOS || bytes >= current.size()
                || current.bytes() == 0;
        current = with(bytes, Math.max(0, speed), FileTransfer.State.RUNNING, current.file(), null);
        if (!due) {
            return null;
        }
        lastReport = nowNanos;
        return current;
    }

    /** The transfer ended; the snapshot to report. Later calls change nothing and return the same end. */
    public FileTransfer end(FileTransfer.State state, Path file, String message) {
        if (!current.finished()) {
            long bytes = state == FileTransfer.State.DONE ? current.size() : current.bytes();
            current = with(bytes, current.bytesPerSecond(), state, file == null ? current.file() : file, message);
        }
        return current;
    }

    /** Where the file is going, once known. */
    public void file(Path file) {
        current = with(current.bytes(), current.bytesPerSecond(), current.state(), file, current.message());
    }

    private FileTransfer with(long bytes, long speed, FileTransfer.State state, Path file, String message) {
        FileTransfer c = current;
        return new FileTransfer(c.id(), c.outgoing(), c.name(), c.size(), c.peer(), c.toRoom(), bytes, speed, state,
                file, message, c.room());
    }
}
