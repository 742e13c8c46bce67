package chatroom.api.rules;

import chatroom.api.message.ErrorCode;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for room names: {@code #} and then 1 to 63 letters, digits and {@code _ - .} from any script; two names
 * are the same room when they match ignoring case and compatibility forms, as user names do ({@link Names}).
 */
public final class RoomNames {
    /** The longest room name, {@code #} included, in characters. */
    public static final int MAX_LENGTH = 64;
    /** The room every account is in until it leaves, and the only room a protocol-1 client sees. */
    public static final String DEFAULT_ROOM = "#lobby";

    private RoomNames() {
    }

    /** The key two room names clash on. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The name as stored and shown: NFC-normalized, so the same name typed on two systems is one room. */
    public static String canonical(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Why the name cannot be a room's, or empty when it can. */
    public static Optional<Refusal> check(String name) {
        int length = name == null ? 0 : name.codePointCount(0, name.length());
        boolean valid = length >= 2 && length <= MAX_LENGTH && name.charAt(0) == '#'
                && name.substring(1).codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                || c == '.' || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK);
        if (!valid) {
            return Optional.of(new Refusal(ErrorCode.INVALID_ROOM_NAME, "A room name is '#' and then 1 to "
                    + (MAX_LENGTH - 1) + " letters, digits, '_', '-' and '.', such as #lobby."));
        }
        return Optional.empty();
    }
}
