package chatroom.api.internal;

import chatroom.api.codec.ProtocolException;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.FileChunk;
import chatroom.api.message.Message;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;

/** Gson behind {@link chatroom.api.codec.MessageCodec}: strict parsing, bounded nesting, type dispatch. */
public final class JsonCodec {
    /** Deeper JSON than this is refused before it can cost stack or memory. */
    public static final int MAX_NESTING = 32;
    /**
     * Longest number literal accepted, in characters. Gson reads a longer one as an unquoted word, which strict
     * parsing refuses as a bare "syntax error"; the bound is stated and checked here so the error can say why.
     */
    public static final int MAX_NUMBER_CHARS = 1000;
    private static final String TYPE_PREFIX = "{\"type\":\"";

    private static final Gson GSON = StrictScalars.register(new GsonBuilder().disableHtmlEscaping()).create();
    /** Gson's advice to library users, which is what its strict mode says about any syntax error. */
    private static final String LENIENT_ADVICE =
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

    private JsonCodec() {
    }

    /** One pass: the record's own JSON with {@code "type"} put first (type names need no escaping). */
    public static String toJson(Message message) {
        if (message instanceof FileChunk chunk) {
            String line = FileChunkLines.write(chunk);
            if (line != null) {
                return line;
            }
        }
        String fields = GSON.toJson(message);
        String type = TYPE_PREFIX + message.type() + "\"";
        return fields.length() == 2 ? type + "}" : type + "," + fields.substring(1);
    }

    public static <M extends Message> M fromJson(String line, Map<String, Class<? extends M>> types)
            throws ProtocolException {
        return fromJson(line, types, MAX_NESTING);
    }

    /** @param maxNesting the deepest nesting of arrays and objects accepted, at most {@link #MAX_NESTING} */
    public static <M extends Message> M fromJson(String line, Map<String, Class<? extends M>> types, int maxNesting)
            throws ProtocolException {
        Class<? extends M> chunkType = types.get(FileChunk.TYPE);
        if (chunkType != null) {
            FileChunk chunk = FileChunkLines.read(line);
            if (chunk != null) {
                return chunkType.cast(chunk);
            }
        }
        if (line.length() > MAX_NUMBER_CHARS && hasLongNumber(line)) {
            throw new ProtocolException(ErrorCode.BAD_JSON,
                    "A number in JSON may have at most " + String.format(Locale.ROOT, "%,d", MAX_NUMBER_CHARS)
                            + " characters.");
        }
        int nesting = Math.max(1, Math.min(maxNesting, MAX_NESTING));
        M message = fromJsonTypeFirst(line, types, nesting);
        return message != null ? message : fromJsonTree(line, types, nesting);
    }

    /**
     * The common case in one pass: the line starts with its type, as every line this codec writes does. Anything
     * unusual (another field first, an error) returns null, and the tree parse decides with its exact messages.
     */
    private static <M extends Message> M fromJsonTypeFirst(String line, Map<String, Class<? extends M>> types,
                                                           int maxNesting) {
        if (!line.startsWith(TYPE_PREFIX)) {
            return null;
        }
        int end = line.indexOf('"', TYPE_PREFIX.length());
        if (end < 0 || line.lastIndexOf('\\', end) >= TYPE_PREFIX.length()) {
            return null;
        }
        Class<? extends M> recordClass = types.get(line.substring(TYPE_PREFIX.length(), end));
        if (recordClass == null) {
            return null;
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(maxNesting);
            M message = GSON.fromJson(reader, recordClass);
            return message != null && nothingFollows(reader) ? message : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static <M extends Message> M fromJsonTree(String line, Map<String, Class<? extends M>> types,
                                                      int maxNesting) throws ProtocolException {
        JsonObject object = parseObject(line, maxNesting);
        JsonElement typeElement = object.get("type");
        if (typeElement == null || !typeElement.isJsonPrimitive() || !typeElement.getAsJsonPrimitive().isString()) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "The message has no string field 'type'.");
        }
        String type = typeElement.getAsString();
        Class<? extends M> recordClass = types.get(type);
        if (recordClass == null) {
            // The sender controls this name: it is echoed back bounded and without control characters.
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + printable(type, 80) + "'.",
                    printable(type, 80));
        }
        try {
            M message = GSON.fromJson(object, recordClass);
            if (message == null) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "Empty '" + type + "' message.", type);
            }
            return message;
        } catch (RuntimeException e) {
            // Gson reports a record constructor's refusal as a bare RuntimeException around the cause.
            throw new ProtocolException(ErrorCode.BAD_MESSAGE,
                    "Invalid '" + type + "' message: " + sentenceEnd(rootMessage(e)), type);
        }
    }

    private static JsonObject parseObject(String line, int maxNesting) throws ProtocolException {
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(maxNesting);
            JsonElement element = JsonParser.parseReader(reader);
            if (!element.isJsonObject()) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "A message must be a JSON object.");
            }
            if (!nothingFollows(reader)) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "Not valid JSON: " + sentenceEnd(rootMessage(e)));
        } catch (StackOverflowError e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "JSON nested too deeply.");
        }
    }

    /** Whether a run of number characters outside strings is longer than {@link #MAX_NUMBER_CHARS}. */
    private static boolean hasLongNumber(String line) {
        boolean inString = false;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                run = 0;
            } else if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++run > MAX_NUMBER_CHARS) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    private static boolean nothingFollows(JsonReader reader) {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            // Strict mode reports anything after the first value as a syntax error.
            return false;
        }
    }

    /** Gson's paths can end in a dot ({@code $.} before a name is read); a sentence needs only one. */
    private static String sentenceEnd(String reason) {
        return reason.endsWith(".") ? reason : reason + ".";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Gson appends a troubleshooting URL; it helps library users, not chat clients.
        int see = message.indexOf("\nSee ");
        String reason = see < 0 ? message : message.substring(0, see);
        if (reason.startsWith(LENIENT_ADVICE)) {
            reason = "syntax error" + reason.substring(LENIENT_ADVICE.length());
        }
        return printable(reason, 160);
    }

    /** Echoing input back must not echo control characters or unbounded text. */
    private static String printable(String text, int maxCodePoints) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints));
        text.codePoints().limit(maxCodePoints)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > maxCodePoints ? out + "…" : out.toString();
    }
}
