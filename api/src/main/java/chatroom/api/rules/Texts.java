package chatroom.api.rules;

import chatroom.api.message.ErrorCode;

import java.util.Optional;

/**
 * The rules for chat text, wherever it is sent or received: control characters other than newline and tab become
 * spaces (so no one can drive others' terminals), blank text is not sent, and length is counted in characters as
 * people count them (an emoji is one, not two UTF-16 units).
 */
public final class Texts {
    /** The longest text unless the server says otherwise ({@code welcome.limits.maxTextLength}). */
    public static final int DEFAULT_MAX_LENGTH = 4000;

    private Texts() {
    }

    /** The text with every control character but newline and tab turned into a space; the same length. */
    public static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\t';
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? ' ' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Why a (cleaned) text cannot be sent, or empty when it can. */
    public static Optional<Refusal> check(String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return Optional.of(new Refusal(ErrorCode.EMPTY_TEXT, "Empty messages are not sent."));
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of(new Refusal(ErrorCode.TEXT_TOO_LONG,
                    "A message has at most " + maxLength + " characters."));
        }
        return Optional.empty();
    }
}
