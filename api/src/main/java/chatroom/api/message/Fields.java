package chatroom.api.message;

import java.util.List;

/** Checks that records run in their constructors, so a decoded message is always complete. */
final class Fields {
    private Fields() {
    }

    static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    /** An immutable copy of a list that must be present and hold no nulls. */
    static <T> List<T> list(List<T> values, String field) {
        present(values, field);
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException("null in field '" + field + "'");
            }
        }
        return List.copyOf(values);
    }

    /**
     * A client message id is optional; when given, it is 1 to {@link Protocol#MAX_CID_LENGTH} characters and none is a
     * control character (the server stores it, and no store need accept a NUL in text).
     */
    static String cid(String cid) {
        if (cid != null && (cid.isEmpty() || cid.length() > Protocol.MAX_CID_LENGTH)) {
            throw new IllegalArgumentException("field 'cid' must have 1 to " + Protocol.MAX_CID_LENGTH
                    + " characters");
        }
        if (cid != null && cid.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("field 'cid' must not contain control characters");
        }
        return cid;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }
}
