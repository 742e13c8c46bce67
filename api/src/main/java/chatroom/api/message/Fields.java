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

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }
}
