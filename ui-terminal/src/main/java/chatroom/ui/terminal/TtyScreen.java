package chatroom.ui.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The interactive terminal: the input line at the bottom, edited in raw mode by a {@link LineEditor}, and events
 * printed above it in colour. An event never garbles a half-typed line: under one lock the input row is cleared,
 * the event written, and prompt, text and cursor drawn again.
 *
 * <p>Raw mode is entered with {@code stty} after saving the settings ({@code stty -g}), and those settings are put
 * back on {@link #close()} and, should the process be killed, by a shutdown hook.
 */
final class TtyScreen implements Screen {
    // Back to the row's start and erase it: every redraw begins from a blank row.
    private static final String CLEAR_ROW = "\r\033[2K";
    // The same for the row above: where the status line is.
    private static final String CLEAR_ROW_ABOVE = "\033[1A\033[2K";
    private static final String DOWN = "\033[1B";
    /*
     * Like jline's AbstractTerminal.enterRawMode: no line buffering or echo (-icanon -echo), no ^V literal-next
     * (-iexten), no XON/XOFF flow control so Ctrl-S and Ctrl-Q reach us (-ixon), and CR is left as CR (-icrnl
     * -inlcr). Unlike jline, -isig: there is no portable way to catch SIGINT without native code, so Ctrl-C must
     * arrive as a key to log out politely. And min 1 time 0 where jline has min 0 time 1: jline polls so that its
     * reader can notice a close, but this reader is a daemon thread that may block for good. Output processing stays
     * on (no -opost), so a stray write elsewhere still starts its lines at the left margin.
     */
    private static final String[] RAW_MODE = {
            "-icanon", "-echo", "-iexten", "-isig", "-ixon", "-icrnl", "-inlcr", "min", "1", "time", "0"};

    private final InputStream in;
    private final PrintStream out;
    private final Tty tty;
    private final Style style;
    private final Object lock = new Object();
    private final LineEditor editor = new LineEditor();

    private String prompt = "";
    /** The status line shown above the input line, or {@code null} when there is none. */
    private String status;
    private boolean asking;
    private boolean hidden;
    private volatile int width = 80;
    private String savedSettings;
    private Thread restorer;
    private boolean closed;

    TtyScreen(InputStream in, PrintStream out, Tty tty, Style style) {
        this.in = in;
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.tty = tty;
        this.style = style;
    }

    @Override
    public Style style() {
        return style;
    }

    @Override
    public boolean canAskSecret() {
        return true;
    }

    @Override
    public void start(Inbox inbox) throws IOException {
        synchronized (lock) {
            String settings = tty.settings();
            Thread hook = new Thread(() -> restore(settings), "terminal-restorer");
            Runtime.getRuntime().addShutdownHook(hook);
            savedSettings = settings;
            restorer = hook;
            tty.change(RAW_MODE);
            refreshWidth();
        }
        Thread reader = new Thread(() -> readKeys(inbox), "terminal-keys");
        // Standard input cannot be interrupted; a daemon thread blocked on it never keeps the process alive.
        reader.setDaemon(true);
        reader.start();
    }

    private void readKeys(Inbox inbox) {
        List<Key> keys = new ArrayList<>();
        KeyDecoder decoder = new KeyDecoder(keys::add);
        byte[] buffer = new byte[256];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                for (int i = 0; i < count; i++) {
                    decoder.feed(buffer[i] & 0xFF);
                }
                for (Key key : keys) {
                    if (!press(key, inbox)) {
                        return;
                    }
                }
                keys.clear();
            }
        } catch (IOException e) {
            // An unreadable terminal ends the session like Ctrl-D does.
        }
        inbox.inputEnded();
    }

    /**
     * Applies one key: edits and redraws, or hands a finished line to the inbox.
     *
     * @return false when the user quit, and no more keys are wanted
     */
    // Package access for tests
    boolean press(Key key, Inbox inbox) {
        if (key instanceof Key.SwitchRoom room) {
            // The line being typed stays; the switch goes to the inbox as the command it stands for.
            inbox.typed("/" + room.number());
            return true;
        }
        String line;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            LineEditor.Result result = editor.apply(key);
            if (result == LineEditor.Result.QUIT) {
                inbox.inputEnded();
                return false;
            }
            if (result == LineEditor.Result.CHANGED) {
                redraw();
                return true;
            }
            line = submit();
        }
        refreshWidth();
        inbox.typed(line);
        return true;
    }

    private String submit() {
        if (!asking) {
            // The room echoes what was said, and commands answer for themselves: the typed line can go.
            String line = editor.take(true);
            redraw();
            return line;
        }
        // An answered question stays on screen (without the password), as it would on a plain terminal.
        String answer = editor.take(false);
        write("\r\n");
        asking = false;
        hidden = false;
        prompt = "";
        redraw();
        return answer;
    }

    @Override
    public void show(String line) {
        synchronized (lock) {
            if (closed) {
                write(line + "\n");
            } else if (status != null) {
                // The event goes where the status line was; the status line and the input move down below it.
                write(CLEAR_ROW + CLEAR_ROW_ABOVE + line + "\r\n" + status + "\r\n");
                redraw();
            } else {
                write(CLEAR_ROW + line + "\r\n");
                redraw();
            }
        }
    }

    @Override
    public void status(String line) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            String fitted = line == null ? null : fit(line, Math.max(1, width - 1));
            if (fitted == null ? status == null : fitted.equals(status)) {
                return;
            }
            if (status == null) {
                write(CLEAR_ROW + fitted + "\r\n");
            } else if (fitted == null) {
                write(CLEAR_ROW + CLEAR_ROW_ABOVE);
            } else {
                write("\r" + CLEAR_ROW_ABOVE + fitted + "\r" + DOWN);
            }
            status = fitted;
            redraw();
        }
    }

    @Override
    public boolean updatesInPlace() {
        return true;
    }

    /** The line cut to fit the columns, so it never wraps and the rows stay where they are counted. */
    private static String fit(String line, int columns) {
        if (Columns.of(line) <= columns) {
            return line;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            int width = Columns.of(c);
            if (used + width > columns - 1) {
                break;
            }
            kept.appendCodePoint(c);
            used += width;
            i += Character.charCount(c);
        }
        return kept + "…";
    }

    @Override
    public void problem(String line) {
        show(style.error(line));
    }

    @Override
    public void ask(String question, boolean secret) {
        synchronized (lock) {
            asking = true;
            hidden = secret;
            prompt = question;
            editor.clear();
            redraw();
        }
    }

    @Override
    public void prompt(String prompt) {
        synchronized (lock) {
            asking = false;
            hidden = false;
            this.prompt = prompt;
            redraw();
        }
    }

    private void redraw() {
        if (closed) {
            return;
        }
        InputView view = hidden
                ? InputView.of(prompt, new int[0], 0, width)
                : InputView.of(prompt, editor.codePoints(), editor.cursor(), width);
        int column = view.cursorColumn();
        write(CLEAR_ROW + view.text() + "\r" + (column > 0 ? "\033[" + column + "C" : ""));
    }

    private void write(String text) {
        out.print(text);
        out.flush();
    }

    // Run on start and after each sent line, not on every key: it starts a process. No signal tells us of resizes.
    private void refreshWidth() {
        try {
            width = tty.columns();
        } catch (IOException e) {
            // Keep the width we had.
        }
    }

    private void restore(String settings) {
        try {
            tty.change(settings);
        } catch (IOException e) {
            // Nothing left to try; the shell's `reset` repairs it.
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            write(status != null ? CLEAR_ROW + CLEAR_ROW_ABOVE : CLEAR_ROW);
            status = null;
            if (savedSettings != null) {
                restore(savedSettings);
                try {
                    Runtime.getRuntime().removeShutdownHook(restorer);
                } catch (IllegalStateException e) {
                    // Shutting down already: the hook is running or has run.
                }
            }
        }
    }
}
