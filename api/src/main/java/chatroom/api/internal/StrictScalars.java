package chatroom.api.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Gson adapters for strings, booleans and whole numbers that refuse a value of another JSON type or out of range,
 * where Gson's own would convert it ({@code 5} to {@code "5"}, {@code "yes"} to {@code false}) or silently wrap it
 * ({@code 1e400} to {@code 0}).
 */
final class StrictScalars {
    /** Longer number texts are refused unread: no long or int needs them, and big decimals cost time to parse. */
    private static final int MAX_NUMBER_CHARS = 64;

    private static final TypeAdapter<String> STRING = new TypeAdapter<String>() {
        @Override
        public void write(JsonWriter out, String value) throws IOException {
            out.value(value);
        }

        @Override
        public String read(JsonReader in) throws IOException {
            expect(in, JsonToken.STRING);
            return in.nextString();
        }
    }.nullSafe();

    private static final TypeAdapter<Boolean> BOOLEAN = new TypeAdapter<Boolean>() {
        @Override
        public void write(JsonWriter out, Boolean value) throws IOException {
            out.value(value.booleanValue());
        }

        @Override
        public Boolean read(JsonReader in) throws IOException {
            expect(in, JsonToken.BOOLEAN);
            return in.nextBoolean();
        }
    }.nullSafe();

    private static final TypeAdapter<Integer> INT = new TypeAdapter<Integer>() {
        @Override
        public void write(JsonWriter out, Integer value) throws IOException {
            out.value(value.intValue());
        }

        @Override
        public Integer read(JsonReader in) throws IOException {
            String path = in.getPath();
            String number = readNumber(in);
            try {
                return Integer.parseInt(number);
            } catch (NumberFormatException notPlain) {
                try {
                    return exact(number).intValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw outOfRange(32, path);
                }
            }
        }
    }.nullSafe();

    private static final TypeAdapter<Long> LONG = new TypeAdapter<Long>() {
        @Override
        public void write(JsonWriter out, Long value) throws IOException {
            out.value(value.longValue());
        }

        @Override
        public Long read(JsonReader in) throws IOException {
            String path = in.getPath();
            String number = readNumber(in);
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException notPlain) {
                try {
                    return exact(number).longValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw outOfRange(64, path);
                }
            }
        }
    }.nullSafe();

    private StrictScalars() {
    }

    /** Registers the adapters for both the primitive and the boxed types, which Gson looks up separately. */
    static GsonBuilder register(GsonBuilder builder) {
        return builder
                .registerTypeAdapter(String.class, STRING)
                .registerTypeAdapter(boolean.class, BOOLEAN)
                .registerTypeAdapter(Boolean.class, BOOLEAN)
                .registerTypeAdapter(int.class, INT)
                .registerTypeAdapter(Integer.class, INT)
                .registerTypeAdapter(long.class, LONG)
                .registerTypeAdapter(Long.class, LONG);
    }

    private static void expect(JsonReader in, JsonToken expected) throws IOException {
        JsonToken actual = in.peek();
        if (actual != expected) {
            throw new JsonSyntaxException("Expected " + expected + " but was " + actual + " at path " + in.getPath());
        }
    }

    private static String readNumber(JsonReader in) throws IOException {
        expect(in, JsonToken.NUMBER);
        return in.nextString();
    }

    /** The number's exact value; 1e3 and 5.0 are whole numbers written another way. */
    private static BigDecimal exact(String number) {
        if (number.length() > MAX_NUMBER_CHARS) {
            throw new NumberFormatException("too long");
        }
        return new BigDecimal(number);
    }

    private static JsonSyntaxException outOfRange(int bits, String path) {
        return new JsonSyntaxException("Expected a " + bits + "-bit integer at path " + path);
    }
}
