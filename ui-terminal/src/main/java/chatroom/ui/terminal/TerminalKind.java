package chatroom.ui.terminal;

import chatroom.api.spi.ChatUiContext;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.concurrent.TimeUnit;

/**
 * Decides how to talk to the user. TTY mode needs standard input and output to be terminals (asked with
 * {@code test -t}, as jline's exec provider does: {@code System.console()} is not null for pipes on JDK 22 and
 * later) and a {@code TERM} that understands ANSI. Streams other than the process's own are never a terminal.
 */
final class TerminalKind {
    private static final long TIMEOUT_SECONDS = 5;

    private TerminalKind() {
    }

    /** Whether to edit lines in raw mode and use colour. */
    static boolean interactive(ChatUiContext context, String term) {
        return term != null && !term.isBlank() && !term.equals("dumb")
                && context.out() == System.out && context.in() == System.in
                && isTerminal(1) && isTerminal(0);
    }

    /** Whether standard input is a terminal, whose echo can be turned off for a password. */
    static boolean inputIsTerminal(ChatUiContext context) {
        return context.in() == System.in && isTerminal(0);
    }

    private static boolean isTerminal(int descriptor) {
        ProcessBuilder test = new ProcessBuilder("test", "-t", Integer.toString(descriptor))
                .redirectError(Redirect.DISCARD);
        if (descriptor == 0) {
            test.redirectInput(Redirect.INHERIT);
        } else {
            test.redirectOutput(Redirect.INHERIT);
        }
        try {
            Process process = test.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            // No test command (not a POSIX system): plain lines work everywhere.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
