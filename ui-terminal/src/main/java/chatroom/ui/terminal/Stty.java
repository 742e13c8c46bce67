package chatroom.ui.terminal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The terminal on standard input, driven through the {@code stty} command with standard input inherited, as
 * jline's exec provider does: no native code, and it works wherever a POSIX shell does.
 */
final class Stty implements Tty {
    private static final long TIMEOUT_SECONDS = 5;
    private static final int MAX_ANSWER = 4096;

    @Override
    public String settings() throws IOException {
        return stty("-g").strip();
    }

    @Override
    public void change(String... arguments) throws IOException {
        stty(arguments);
    }

    @Override
    public int columns() throws IOException {
        String[] rowsAndColumns = stty("size").strip().split("\\s+");
        try {
            int columns = Integer.parseInt(rowsAndColumns[rowsAndColumns.length - 1]);
            // A pseudo-terminal nobody sized says 0.
            return columns > 0 ? columns : 80;
        } catch (NumberFormatException e) {
            throw new IOException("stty size answered something else than rows and columns", e);
        }
    }

    private static String stty(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectInput(Redirect.INHERIT)
                .redirectError(Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("stty did not answer within " + TIMEOUT_SECONDS + " seconds");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for stty");
        }
        byte[] answer = process.getInputStream().readNBytes(MAX_ANSWER);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
        return new String(answer, StandardCharsets.UTF_8);
    }
}
