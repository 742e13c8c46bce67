package chatroom.api.rules;

import chatroom.api.message.ErrorCode;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for user names, wherever a name is chosen (a server, a UDP group, a client checking before it sends):
 * 1 to {@code maxLength} letters, digits and {@code _ - .} from any script; unique ignoring case and compatibility
 * forms (so "Ａｌｉｃｅ" and "alice" clash); a few names reserved, since people would take them for the server.
 */
public final class Names {
    /** The longest name unless the server says otherwise ({@code welcome.limits.maxNameLength}). */
    public static final int DEFAULT_MAX_LENGTH = 32;
    private static final Set<String> RESERVED = Set.of("server", "system", "admin", "administrator", "announcement",
            "announcements", "operator", "root", "moderator", "chatroom", "公告", "系统", "管理员", "服务器");

    private final int maxLength;

    public Names(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The rules with the default length. */
    public static Names standard() {
        return new Names(DEFAULT_MAX_LENGTH);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The key two names clash on. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Whether two names are the same person's under these rules. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /** The name as stored and shown: NFC-normalized, so the same name typed on two systems is one name. */
    public static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Why the name is not allowed, or empty when it is. */
    public Optional<Refusal> check(String name) {
        int length = name == null ? 0 : name.codePointCount(0, name.length());
        if (length == 0 || length > maxLength) {
            return Optional.of(new Refusal(ErrorCode.INVALID_NAME,
                    "A name has 1 to " + maxLength + " characters."));
        }
        boolean valid = name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                || c == '.' || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK);
        if (!valid) {
            return Optional.of(new Refusal(ErrorCode.INVALID_NAME,
                    "A name may contain only letters, digits, '_', '-' and '.'."));
        }
        if (RESERVED.contains(key(name))) {
            return Optional.of(new Refusal(ErrorCode.RESERVED_NAME, "The name '" + name + "' is reserved."));
        }
        return Optional.empty();
    }
}
