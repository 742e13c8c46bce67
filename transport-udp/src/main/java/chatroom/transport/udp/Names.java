package chatroom.transport.udp;

import java.util.Locale;
import java.util.Optional;

/** The naming rules of the group: what a display name may look like and when two names are the same. */
final class Names {
    static final int MAX_LENGTH = 32;

    private Names() {
    }

    /** What is wrong with the name, in a sentence for people, or empty when it is fine. */
    static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("The name is empty.");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Optional.of("The name is longer than " + MAX_LENGTH + " characters.");
        }
        int first = name.codePointAt(0);
        if (!Character.isLetterOrDigit(first)) {
            return Optional.of("A name starts with a letter or a digit.");
        }
        boolean allowed = name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                || c == '.');
        if (!allowed) {
            return Optional.of("A name has only letters, digits, '_', '-' and '.'.");
        }
        return Optional.empty();
    }

    /** Names are unique in the group ignoring case, so that "Bob" cannot pose as "bob". */
    static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
