package chatroom.ui.swing;

import java.util.Optional;

/**
 * What the console's logic needs from the frame around it: its dialogs and closing. {@link ConsoleWindow} is the
 * real one; tests stand in for it where there is no display. Called on Swing's thread.
 */
interface ConsoleShell {
    /** Asks whether to shut the server down. */
    boolean confirmShutdown();

    /** Asks why {@code name} is being kicked; empty when the operator changed their mind. */
    Optional<String> askKickReason(String name);

    /** Closes the window for good. */
    void close();
}
