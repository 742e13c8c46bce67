package chatroom.ui.terminal;

import java.io.IOException;

/**
 * Where the chat shows and where typed lines come from: {@link TtyScreen} with an editable input line, or
 * {@link PlainScreen} with one line per event. Output methods may be called from any thread; each line is written
 * whole, and on a TTY the line being typed is redrawn below it.
 */
interface Screen extends AutoCloseable {
    /** How this screen decorates lines. */
    Style style();

    /** Whether a password can be asked for without showing it as it is typed. */
    boolean canAskSecret();

    /** Starts reading input on a thread of its own; lines and the end of input go to the inbox. */
    void start(Inbox inbox) throws IOException;

    /** Shows a line of the conversation. */
    void show(String line);

    /** Shows why something failed or ended (on standard error in plain mode). */
    void problem(String line);

    /** Asks a login question; the answer arrives in the inbox as the next typed line. */
    void ask(String question, boolean secret);

    /** Shows the chat prompt, such as {@code [alice · 3 online] > }; plain mode shows none. */
    void prompt(String prompt);

    /**
     * Shows a line about work under way (file transfers) that replaces the previous one, just above the input line;
     * {@code null} removes it. Screens that cannot update a line in place show nothing; see {@link #updatesInPlace}.
     */
    void status(String line);

    /** Whether {@link #status} shows anything, so that progress need not be printed line after line. */
    boolean updatesInPlace();

    /** Stops reading and leaves the terminal as it was found. Idempotent. */
    @Override
    void close();
}
