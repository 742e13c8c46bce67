package chatroom.ui.swing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the chat window's logic needs from the frame around it: dialogs, the desktop and the title.
 * {@link ChatWindow} is the real one; tests stand in for it where there is no display. Called on Swing's thread.
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

    /** Shows the join dialog around {@code picker}; returns at once or when the dialog closes. */
    void showRoomPicker(RoomPicker picker);

    /** Closes the join dialog, if shown. */
    void hideRoomPicker();

    /** Asks which file to send; empty when the user changed their mind. */
    Optional<Path> chooseFile();

    /** Asks for a line of text, starting from {@code initial}; empty when the user changed their mind. */
    Optional<String> ask(String title, String question, String initial);

    /** Asks whether to go ahead with something that cannot be undone. */
    boolean confirm(String title, String question);

    /** Shows a folder in the desktop's file manager, or at least tells where it is. */
    void openFolder(Path folder);

    /** Closes the window for good. */
    void close();
}
