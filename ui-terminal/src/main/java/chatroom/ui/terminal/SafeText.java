package chatroom.ui.terminal;

/**
 * Makes text from the network safe to print. Names and messages come from strangers; printed raw, an escape
 * character would let them move the cursor, recolour or clear the screen, or retitle the window, and a carriage
 * return or bidirectional override would let them disguise what was said.
 */
final class SafeText {
    static final char REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /** The text with every control character replaced by U+FFFD and tabs by spaces; {@code ""} for null. */
    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (codePoint == '\t') {
                safe.append(' ');
            } else if (isUnsafe(codePoint)) {
                safe.append(REPLACEMENT);
            } else {
                safe.appendCodePoint(codePoint);
            }
        });
        return safe.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            // C0 and C1 controls (ESC, NUL, CR, LF, BEL, CSI …), lone surrogates, and line breaks that are not LF.
            case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    true;
            default -> isBidiControl(codePoint);
        };
    }

    private static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
