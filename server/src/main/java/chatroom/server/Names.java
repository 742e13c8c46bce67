package chatroom.server;

import chatroom.api.message.ErrorCode;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for user names: 1 to {@code maxLength} letters, digits and {@code _ - .} from any script; unique ignoring
 * case and compatibility forms (so "Ａｌｉｃｅ" and "alice" clash); some names reserved for the server.
 */
final class Names {
    private static final Set<String> RESERVED = Set.of("server", "system", "admin", "administrator", "announcement",
            "announcements", "operator", "root", "moderator", "chatroom", "公告", "系统", "管理员", "服务器");

    private final int maxLength;

    Names(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The key two names clash on. */
    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The name as stored and shown: NFC-normalized, so the same name typed on two systems is one name. */
    static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Why the name is not allowed, or empty when it is. */
    Optional<Refusal> check(String name) {
        int length = name.codePointCount(0, name.length());
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

    /** A refused request: the code and the sentence the client sees. */
    record Refusal(ErrorCode code, String message) {
    }
}
