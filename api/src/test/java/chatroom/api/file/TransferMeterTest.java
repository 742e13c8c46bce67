package chatroom.api.file;

import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class TransferMeterTest {
    private static final long MS = 1_000_000L;
    private static final long MIB = 1024 * 1024;

    @Test
    void reportsAFewTimesASecondWithSpeedAndTimeLeft() {
        TransferMeter meter = new TransferMeter("1", true, "a.bin", 100 * MIB, null, true, Path.of("a.bin"), 0);
        assertNotNull(meter.progress(MIB, 10 * MS), "the first bytes are reported");
        assertNull(meter.progress(2 * MIB, 100 * MS));
        assertNull(meter.progress(3 * MIB, 200 * MS));
        FileTransfer due = meter.progress(10 * MIB, 1000 * MS);
        assertNotNull(due);
        assertEquals(10 * MIB, due.bytes());
        assertEquals(10 * MIB, due.bytesPerSecond());
        assertEquals(9, due.secondsLeft());
        assertEquals(10, due.percent());
        assertEquals("10.0 MiB of 100.0 MiB (10%) · 10.0 MiB/s · 9 s left", TransferText.progress(due));
    }

    @Test
    void measuresTheRecentSpeedOnly() {
        TransferMeter meter = new TransferMeter("1", false, "a.bin", 1000 * MIB, "alice", false, null, 0);
        long bytes = 0;
        for (long ms = 100; ms <= 10_000; ms += 100) {
            bytes += ms <= 5000 ? MIB : MIB / 10; // 10 MiB/s, then 1 MiB/s
            meter.progress(bytes, ms * MS);
        }
        assertEquals(MIB, meter.current().bytesPerSecond(), MIB / 20);
    }

    @Test
    void reportsTheEndOnce() {
        TransferMeter meter = new TransferMeter("1", false, "a.bin", 10, "alice", false, null, 0);
        meter.progress(10, MS);
        FileTransfer done = meter.end(FileTransfer.State.DONE, Path.of("/d/a.bin"), "Saved.");
        assertEquals(FileTransfer.State.DONE, done.state());
        assertEquals(Path.of("/d/a.bin"), done.file());
        assertEquals("Saved.", done.message());
        assertEquals(done, meter.end(FileTransfer.State.FAILED, null, "late"));
        assertNull(meter.progress(10, 2000 * MS));
    }

    @Test
    void writesSizesSpeedsAndDurationsForPeople() {
        assertEquals("0 B", TransferText.size(0));
        assertEquals("1023 B", TransferText.size(1023));
        assertEquals("1.0 KiB", TransferText.size(1024));
        assertEquals("100.0 MiB", TransferText.size(100 * MIB));
        assertEquals("1.5 GiB", TransferText.size(1536 * MIB));
        assertEquals("2.0 MiB/s", TransferText.speed(2 * MIB));
        assertEquals("59 s", TransferText.duration(59));
        assertEquals("1 min", TransferText.duration(60));
        assertEquals("3 min 20 s", TransferText.duration(200));
        assertEquals("2 h 5 min", TransferText.duration(7500));
        FileTransfer unknownSpeed = new FileTransfer("1", true, "a", 0, null, true, 0, 0,
                FileTransfer.State.RUNNING, null, null);
        assertEquals("0 B of 0 B (100%)", TransferText.progress(unknownSpeed));
        assertEquals(-1, unknownSpeed.secondsLeft());
    }
}
