package chatroom.api.message;

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

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }
}
