package chatroom.ui.terminal;

import java.io.IOException;

/** The terminal on standard input: its line discipline settings and its width. {@link Stty} is the real one. */
interface Tty {
    /** The current settings, in a form {@link #change} takes back. */
    String settings() throws IOException;

    /** Changes settings, as {@code stty} arguments. */
    void change(String... arguments) throws IOException;

    /** The width in columns. */
    int columns() throws IOException;
}
