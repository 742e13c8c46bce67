package chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server running as its own process, seen from outside as an operator sees it: its resident memory as {@code top}
 * shows it (no collection forced) and its CPU time, from {@code /proc} (Linux).
 */
final class ServerProcess {
    private final long pid;

    ServerProcess(long pid) {
        if (!Files.exists(Path.of("/proc", Long.toString(pid), "status"))) {
            throw new IllegalArgumentException("No process " + pid + " to measure (--server-pid needs Linux /proc).");
        }
        this.pid = pid;
    }

    long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("Process " + pid + " reports no VmRSS.");
    }

    long cpuNanos() throws IOException {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos)
                .orElseThrow(() -> new IOException("The CPU time of process " + pid + " cannot be read."));
    }
}
