package chatroom.ui.terminal;

import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TransferLinesTest {
    private static final long S = 1_000_000_000L;
    private static final long MIB = 1024 * 1024;

    private static FileTransfer sending(long bytes, long speed, FileTransfer.State state, String message) {
        return new FileTransfer("s1", true, "random.bin", 20 * MIB, null, true, bytes, speed, state,
                Path.of("random.bin"), message);
    }

    private static FileTransfer receiving(long bytes, FileTransfer.State state, String message) {
        return new FileTransfer("r-f2", false, "photo.jpg", 4 * MIB, "alice", false, bytes, MIB, state,
                Path.of("/home/bob/Downloads/chatroom/photo.jpg"), message);
    }

    @Test
    void plainOutputShowsStartProgressEveryTwoSecondsAndEnd() {
        TransferLines lines = new TransferLines(Style.PLAIN, false);
        assertEquals(List.of("[1] Sending random.bin (20.0 MiB) to everyone. /cancel 1 stops it."),
                lines.update(sending(0, 0, FileTransfer.State.RUNNING, null), 0));
        assertEquals(List.of(), lines.update(sending(MIB, MIB, FileTransfer.State.RUNNING, null), S));
        assertEquals(List.of("[1] random.bin: 12.0 MiB of 20.0 MiB (60%) · 6.0 MiB/s · 2 s left"),
                lines.update(sending(12 * MIB, 6 * MIB, FileTransfer.State.RUNNING, null), 2 * S));
        assertEquals(List.of(), lines.update(sending(13 * MIB, 6 * MIB, FileTransfer.State.RUNNING, null), 3 * S));
        assertEquals(List.of("[1] Sent random.bin to 2 of 2 people in the room."),
                lines.update(sending(20 * MIB, 6 * MIB, FileTransfer.State.DONE,
                        "Sent random.bin to 2 of 2 people in the room."), 5 * S));
        assertNull(lines.status());
    }

    @Test
    void aTtyGetsOneStatusLineInsteadOfProgressLines() {
        TransferLines lines = new TransferLines(Style.PLAIN, true);
        lines.update(sending(0, 0, FileTransfer.State.RUNNING, null), 0);
        assertEquals(List.of("[2] alice is sending you photo.jpg (4.0 MiB); saving it in"
                        + " /home/bob/Downloads/chatroom. /cancel 2 stops it."),
                lines.update(receiving(0, FileTransfer.State.RUNNING, null), 0));
        assertEquals(List.of(), lines.update(sending(12 * MIB, 6 * MIB, FileTransfer.State.RUNNING, null), 5 * S));
        assertEquals("[1] sending random.bin: 12.0 MiB of 20.0 MiB (60%) · 6.0 MiB/s · 2 s left  |  "
                + "[2] receiving photo.jpg: 0 B of 4.0 MiB (0%) · 1.0 MiB/s · 4 s left", lines.status());
        assertEquals(List.of("[2] photo.jpg from alice: Saved as /x/photo.jpg (SHA-256 verified)."),
                lines.update(receiving(4 * MIB, FileTransfer.State.DONE,
                        "Saved as /x/photo.jpg (SHA-256 verified)."), 6 * S));
        assertEquals("[1] sending random.bin: 12.0 MiB of 20.0 MiB (60%) · 6.0 MiB/s · 2 s left", lines.status());
    }

    @Test
    void cancelFindsRunningTransfersByNumberOrTheNewest() {
        TransferLines lines = new TransferLines(Style.PLAIN, true);
        lines.update(sending(0, 0, FileTransfer.State.RUNNING, null), 0);
        lines.update(receiving(0, FileTransfer.State.RUNNING, null), 0);
        assertEquals(Optional.of("r-f2"), lines.running(0));
        assertEquals(Optional.of("s1"), lines.running(1));
        assertEquals(Optional.empty(), lines.running(3));
        lines.update(receiving(0, FileTransfer.State.FAILED, "It failed."), S);
        assertEquals(Optional.of("s1"), lines.running(0));
        assertEquals(Optional.empty(), lines.running(2));
    }

    @Test
    void aTransferThatEndsAtOnceShowsOnlyItsEnd() {
        TransferLines lines = new TransferLines(Style.PLAIN, false);
        assertEquals(List.of("[1] photo.jpg from alice: Refused: larger than the server's limit."),
                lines.update(receiving(0, FileTransfer.State.FAILED, "Refused: larger than the server's limit."), 0));
    }
}
