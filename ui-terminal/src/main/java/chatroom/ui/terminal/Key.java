package chatroom.ui.terminal;

/** A key the user pressed, as {@link KeyDecoder} understood the bytes the terminal sent. */
sealed interface Key {
    /** A printable character. */
    record Text(int codePoint) implements Key {
    }

    /** Alt and a digit from 1 to 9: switch to that room, leaving the line being typed as it is. */
    record SwitchRoom(int number) implements Key {
    }

    /** A key that edits the line instead of typing into it. */
    enum Edit implements Key {
        ENTER, BACKSPACE, DELETE, LEFT, RIGHT, HOME, END, UP, DOWN,
        /** Ctrl-U: delete everything before the cursor. */
        KILL_BACKWARD,
        /** Ctrl-K: delete everything from the cursor on. */
        KILL_FORWARD,
        /** Ctrl-W: delete the word before the cursor. */
        DELETE_WORD,
        /** Ctrl-C. */
        INTERRUPT,
        /** Ctrl-D. */
        END_OF_INPUT
    }
}
