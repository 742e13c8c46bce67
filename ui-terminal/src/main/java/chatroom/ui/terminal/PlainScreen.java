package chatroom.ui.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Plain lines, for pipes, files and dumb terminals: every line read from standard input is a message or a command,
 * every event is one line on standard output, and questions and failures go to standard error, so that a script's
 * output holds nothing but the conversation. No escape codes. Both directions are UTF-8.
 */
final class PlainScreen implements Screen {
    /** Longest line read, in chars; longer ones are refused whole rather than cut. */
    static final int MAX_LINE = 16_384;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Tty tty;
    private final Object lock = new Object();
    // Set while a password is being typed with echo off; the input thread restores it once the line is in.
    private String echoSettings;
    private Thread echoRestorer;

    /**
     * @param tty the terminal on standard input, to hide a password as it is typed; {@code null} when standard
     *            input is not a terminal
     */
    PlainScreen(InputStream in, PrintStream out, PrintStream err, Tty tty) {
        this.in = in;
        this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.tty = tty;
    }

    @Override
    public Style style() {
        return Style.PLAIN;
    }

    @Override
    public boolean canAskSecret() {
        return tty != null;
    }

    @Override
    public void start(Inbox inbox) {
        Thread reader = new Thread(() -> readLines(inbox), "terminal-input");
        // Standard input cannot be interrupted; a daemon thread blocked on it never keeps the process alive.
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines(Inbox inbox) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        try {
            int c;
            while ((c = reader.read()) >= 0) {
                if (c != '\n') {
                    if (line.length() < MAX_LINE) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                deliver(inbox, line, tooLong);
                line.setLength(0);
                tooLong = false;
            }
            if (!line.isEmpty() || tooLong) {
                deliver(inbox, line, tooLong);
            }
        } catch (IOException e) {
            // An unreadable standard input ends the session like its end does.
        } finally {
            restoreEcho();
            inbox.inputEnded();
        }
    }

    private void deliver(Inbox inbox, StringBuilder line, boolean tooLong) {
        restoreEcho();
        if (tooLong) {
            show("error: line longer than " + MAX_LINE + " characters; not sent");
            return;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        inbox.typed(line.substring(0, end));
    }

    @Override
    public void show(String line) {
        synchronized (lock) {
            out.print(line + "\n");
            out.flush();
        }
    }

    @Override
    public void problem(String line) {
        synchronized (lock) {
            err.print(line + "\n");
            err.flush();
        }
    }

    @Override
    public void ask(String question, boolean secret) {
        synchronized (lock) {
            err.print(question);
            err.flush();
            if (secret && tty != null && echoSettings == null) {
                hideTyping();
            }
        }
    }

    private void hideTyping() {
        try {
            String settings = tty.settings();
            tty.change("-echo");
            echoSettings = settings;
            // Ctrl-C at the password kills the process; the terminal must not stay silent afterwards.
            echoRestorer = new Thread(() -> restore(settings), "terminal-echo-restorer");
            Runtime.getRuntime().addShutdownHook(echoRestorer);
        } catch (IOException e) {
            problem("(the password will be visible: " + e.getMessage() + ")");
        }
    }

    private void restoreEcho() {
        synchronized (lock) {
            if (echoSettings == null) {
                return;
            }
            restore(echoSettings);
            echoSettings = null;
            removeHook(echoRestorer);
            // The Enter that ended the password was not echoed either.
            err.print("\n");
            err.flush();
        }
    }

    private void restore(String settings) {
        try {
            tty.change(settings);
        } catch (IOException e) {
            // Nothing left to try; the shell's `reset` repairs it.
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down already: the hook is running or has run.
        }
    }

    @Override
    public void prompt(String prompt) {
        // A prompt in a pipe would only garble the output.
    }

    @Override
    public void status(String line) {
        // Lines cannot be taken back in a pipe; the conversation prints progress now and then instead.
    }

    @Override
    public boolean updatesInPlace() {
        return false;
    }

    @Override
    public void close() {
        restoreEcho();
    }
}
