package chatroom.ui.terminal;

import java.util.function.Consumer;

/**
 * Turns the bytes a terminal in raw mode sends into {@link Key}s: UTF-8 sequences are assembled into characters
 * (invalid ones become U+FFFD), ANSI escape sequences ({@code ESC [ D}, {@code ESC O H}, {@code ESC [ 3 ~} …) into
 * cursor keys, and control bytes into editing keys. Sequences it does not know are skipped whole. Not thread-safe:
 * one reader feeds it.
 */
final class KeyDecoder {
    private static final int ESC = 0x1B;
    // Longer parameter lists than this are not keys; give up on them rather than collect without bound.
    private static final int MAX_SEQUENCE = 16;

    private enum State { GROUND, UTF8, ESCAPE, CSI, SS3 }

    private final Consumer<Key> keys;
    private State state = State.GROUND;
    private int codePoint;
    private int continuationsLeft;
    private int smallestForLength;
    private final StringBuilder parameters = new StringBuilder();

    KeyDecoder(Consumer<Key> keys) {
        this.keys = keys;
    }

    /** Feeds one byte (0 to 255); emits the keys it completes. */
    void feed(int b) {
        switch (state) {
            case GROUND -> ground(b);
            case UTF8 -> utf8(b);
            case ESCAPE -> escape(b);
            case CSI -> csi(b);
            case SS3 -> ss3(b);
        }
    }

    private void ground(int b) {
        if (b == ESC) {
            state = State.ESCAPE;
        } else if (b < 0x20 || b == 0x7F) {
            control(b);
        } else if (b < 0x80) {
            keys.accept(new Key.Text(b));
        } else if (b >= 0xC2 && b <= 0xDF) {
            startUtf8(b & 0x1F, 1, 0x80);
        } else if (b >= 0xE0 && b <= 0xEF) {
            startUtf8(b & 0x0F, 2, 0x800);
        } else if (b >= 0xF0 && b <= 0xF4) {
            startUtf8(b & 0x07, 3, 0x10000);
        } else {
            keys.accept(new Key.Text(SafeText.REPLACEMENT));
        }
    }

    private void control(int b) {
        Key.Edit edit = switch (b) {
            case '\r', '\n' -> Key.Edit.ENTER;
            case 0x7F, 0x08 -> Key.Edit.BACKSPACE;
            case 0x01 -> Key.Edit.HOME;
            case 0x05 -> Key.Edit.END;
            case 0x02 -> Key.Edit.LEFT;
            case 0x06 -> Key.Edit.RIGHT;
            case 0x10 -> Key.Edit.UP;
            case 0x0E -> Key.Edit.DOWN;
            case 0x15 -> Key.Edit.KILL_BACKWARD;
            case 0x0B -> Key.Edit.KILL_FORWARD;
            case 0x17 -> Key.Edit.DELETE_WORD;
            case 0x03 -> Key.Edit.INTERRUPT;
            case 0x04 -> Key.Edit.END_OF_INPUT;
            default -> null;
        };
        if (edit != null) {
            keys.accept(edit);
        }
    }

    private void startUtf8(int bits, int continuations, int smallest) {
        codePoint = bits;
        continuationsLeft = continuations;
        smallestForLength = smallest;
        state = State.UTF8;
    }

    private void utf8(int b) {
        if ((b & 0xC0) != 0x80) {
            // A sequence cut short: report it, then read this byte afresh.
            state = State.GROUND;
            keys.accept(new Key.Text(SafeText.REPLACEMENT));
            ground(b);
            return;
        }
        codePoint = (codePoint << 6) | (b & 0x3F);
        if (--continuationsLeft > 0) {
            return;
        }
        state = State.GROUND;
        boolean valid = codePoint >= smallestForLength && codePoint <= Character.MAX_CODE_POINT
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        keys.accept(new Key.Text(valid ? codePoint : SafeText.REPLACEMENT));
    }

    private void escape(int b) {
        if (b == '[') {
            parameters.setLength(0);
            state = State.CSI;
        } else if (b == 'O') {
            state = State.SS3;
        } else if (b >= '1' && b <= '9') {
            state = State.GROUND;
            keys.accept(new Key.SwitchRoom(b - '0'));
        } else {
            // Alt+key or a lone Escape: drop the Escape, keep the key.
            state = State.GROUND;
            ground(b);
        }
    }

    private void csi(int b) {
        if (b >= 0x20 && b <= 0x3F) {
            if (parameters.length() >= MAX_SEQUENCE) {
                state = State.GROUND;
                return;
            }
            parameters.append((char) b);
        } else if (b >= 0x40 && b <= 0x7E) {
            state = State.GROUND;
            Key.Edit edit = b == '~' ? tilde(parameters.toString()) : cursorKey(b);
            if (edit != null) {
                keys.accept(edit);
            }
        } else {
            state = State.GROUND;
            ground(b);
        }
    }

    private void ss3(int b) {
        state = State.GROUND;
        Key.Edit edit = cursorKey(b);
        if (edit != null) {
            keys.accept(edit);
        }
    }

    private static Key.Edit cursorKey(int finalByte) {
        return switch (finalByte) {
            case 'A' -> Key.Edit.UP;
            case 'B' -> Key.Edit.DOWN;
            case 'C' -> Key.Edit.RIGHT;
            case 'D' -> Key.Edit.LEFT;
            case 'H' -> Key.Edit.HOME;
            case 'F' -> Key.Edit.END;
            default -> null;
        };
    }

    private static Key.Edit tilde(String parameters) {
        // A modifier may follow after ';' (ESC [ 3 ; 5 ~ is Ctrl-Delete); the key is the first number.
        int semicolon = parameters.indexOf(';');
        String key = semicolon < 0 ? parameters : parameters.substring(0, semicolon);
        return switch (key) {
            case "1", "7" -> Key.Edit.HOME;
            case "4", "8" -> Key.Edit.END;
            case "3" -> Key.Edit.DELETE;
            default -> null;
        };
    }
}
