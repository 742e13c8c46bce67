package chatroom.ui.swing;

/**
 * What the chat window's logic needs from the frame around it: dialogs and the title. {@link ChatWindow} is the
 * real one; tests stand in for it where there is no display. Called on Swing's thread.
 */
interface ChatShell {
    /** Shows {@code title} as the window's title. */
    void title(String title);

    /** Asks whether to leave the room and close the window. */
    boolean confirmLeave();

    /** Shows the rename dialog around {@code form}; returns at once or when the dialog closes. */
    void showRename(RenameForm form);

    /** Closes the rename dialog, if shown. */
    void hideRename();

    /** Closes the window for good. */
    void close();
}
