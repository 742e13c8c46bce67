package chatroom.api.spi;

import java.nio.file.Path;

/**
 * Where one file transfer stands, as a user interface shows it: an immutable snapshot handed to
 * {@link ChatListener#onTransfer} when the transfer starts, now and then while it runs (a few times a second at most),
 * and once when it ends.
 *
 * @param id             this side's id of the transfer: what {@link ChatService#sendFile} returned, or what the
 *                       service chose for an incoming file; {@link ChatService#cancelTransfer} takes it
 * @param outgoing       whether this side sends the file
 * @param name           outgoing: the file's name on disk; incoming: the name the sender gave, which is untrusted
 *                       text (show it as such; the saved file has a safe name, see {@code file})
 * @param size           the file's length in bytes
 * @param peer           the other side: the sender of an incoming file, the recipient of a private one;
 *                       {@code null} for a file sent to the room
 * @param toRoom         whether the file goes to everyone in the room rather than one person
 * @param bytes          bytes done: for an outgoing file, what recipients acknowledged; for an incoming one, what is
 *                       stored
 * @param bytesPerSecond the recent speed, or 0 while unknown
 * @param state          where it stands
 * @param file           outgoing: the file being sent; incoming: where it is being saved, and once {@code DONE} the
 *                       file itself
 * @param message        a sentence for people once it ended (how, or why not); {@code null} while it runs
 * @param room           the room a file for a room goes to, in a session with rooms; {@code null} otherwise (a
 *                       private file, a session with one room, or a transport that does not say)
 */
public record FileTransfer(String id, boolean outgoing, String name, long size, String peer, boolean toRoom,
                           long bytes, long bytesPerSecond, State state, Path file, String message, String room) {
    /** A transfer in a session without rooms, or of a transport that does not name the room. */
    public FileTransfer(String id, boolean outgoing, String name, long size, String peer, boolean toRoom,
                        long bytes, long bytesPerSecond, State state, Path file, String message) {
        this(id, outgoing, name, size, peer, toRoom, bytes, bytesPerSecond, state, file, message, null);
    }

    /** Where a transfer stands. */
    public enum State {
        /** Offered, or bytes moving. */
        RUNNING,
        /** Sent and confirmed, or received and verified. */
        DONE,
        /** Stopped by an error: nothing was kept. */
        FAILED,
        /** Stopped because someone asked: nothing was kept. */
        CANCELLED
    }

    /** Whether the transfer is over, one way or another. */
    public boolean finished() {
        return state != State.RUNNING;
    }

    /** Done so far, from 0 to 100; 100 for an empty file. */
    public int percent() {
        return size <= 0 ? 100 : (int) Math.min(100, bytes * 100 / size);
    }

    /** Seconds until done at the recent speed, or -1 while the speed is unknown. */
    public long secondsLeft() {
        if (bytesPerSecond <= 0) {
            return -1;
        }
        long left = Math.max(0, size - bytes);
        return (left + bytesPerSecond - 1) / bytesPerSecond;
    }
}
