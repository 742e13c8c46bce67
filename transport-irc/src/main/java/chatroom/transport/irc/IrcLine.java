package chatroom.transport.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One IRC line (RFC 1459 and 2812, with IRCv3 message tags): {@code [@tags] [:source] COMMAND params... [:trailing]}.
 * The command is upper-cased; the tags are kept as written, for later stages to read.
 */
record IrcLine(String tags, String source, String command, List<String> params) {
    /** The longest line without its tags, CR-LF included (RFC 1459). */
    static final int MAX_BYTES = 512;
    /** The most bytes of tags a client may send (IRCv3 message tags). */
    static final int MAX_TAGS_BYTES = 8191;

    /** Reads a line as a client sent it (a CR before the newline is dropped); null for an empty one. */
    static IrcLine parse(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        int at = 0;
        String tags = null;
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return null;
            }
            tags = line.substring(1, space);
            at = skipSpaces(line, space);
        }
        String source = null;
        if (line.startsWith(":", at)) {
            int space = line.indexOf(' ', at);
            if (space < 0) {
                return null;
            }
            source = line.substring(at + 1, space);
            at = skipSpaces(line, space);
        }
        List<String> params = new ArrayList<>();
        String command = null;
        while (at < line.length()) {
            if (command != null && line.charAt(at) == ':') {
                params.add(line.substring(at + 1));
                break;
            }
            int space = line.indexOf(' ', at);
            String word = line.substring(at, space < 0 ? line.length() : space);
            if (command == null) {
                command = word.toUpperCase(java.util.Locale.ROOT);
            } else {
                params.add(word);
            }
            at = space < 0 ? line.length() : skipSpaces(line, space);
        }
        return command == null ? null : new IrcLine(tags, source, command, List.copyOf(params));
    }

    private static int skipSpaces(String line, int at) {
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    /** A tag's value as sent (escapes left as they are), or null when the line has no such tag. */
    String tag(String name) {
        if (tags == null) {
            return null;
        }
        for (String tag : tags.split(";")) {
            int equals = tag.indexOf('=');
            String key = equals < 0 ? tag : tag.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : tag.substring(equals + 1);
            }
        }
        return null;
    }

    /** A line to send with one more tag in front of those it has. */
    static String withTag(String line, String tag) {
        return line.startsWith("@") ? "@" + tag + ";" + line.substring(1) : "@" + tag + " " + line;
    }

    /** The parameter at this index, or null when there are fewer. */
    String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /**
     * A line to send, without CR-LF: the last parameter is written as a trailing one when it must be (empty, with a
     * space, or starting with a colon).
     */
    static String of(String source, String command, String... params) {
        StringBuilder line = new StringBuilder();
        if (source != null) {
            line.append(':').append(source).append(' ');
        }
        line.append(command);
        for (int i = 0; i < params.length; i++) {
            String param = params[i];
            boolean last = i == params.length - 1;
            line.append(' ');
            if (last && (param.isEmpty() || param.indexOf(' ') >= 0 || param.startsWith(":"))) {
                line.append(':');
            }
            line.append(param);
        }
        return line.toString();
    }

    /** A numeric reply from the server to the client known by this nick ({@code *} before it has one). */
    static String numeric(String nick, String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = nick;
        System.arraycopy(params, 0, all, 1, params.length);
        return of(IrcClient.SERVER, code, all);
    }

    private static final java.time.format.DateTimeFormatter SERVER_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** A time as the server-time tag writes it: UTC, to the millisecond. */
    static String time(long epochMillis) {
        return SERVER_TIME.format(java.time.Instant.ofEpochMilli(epochMillis));
    }

    /** A name as it may stand in a tag value or a msgid: letters, digits, '-', '_' and '.' kept, others '_'. */
    static String token(String name) {
        StringBuilder token = new StringBuilder();
        name.codePoints().forEach(c -> token.append(Character.isLetterOrDigit(c) || c == '-' || c == '.'
                ? Character.toString(c) : "_"));
        return token.toString();
    }

    /** The UTF-8 length of a text. */
    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Splits a text into pieces that each fit in {@code maxBytes} of UTF-8, at line breaks first and never inside a
     * character; empty lines are dropped (IRC cannot carry them).
     */
    static List<String> split(String text, int maxBytes) {
        List<String> pieces = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            int start = 0;
            int used = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (used + size > maxBytes) {
                    pieces.add(line.substring(start, i));
                    start = i;
                    used = 0;
                }
                used += size;
                i += Character.charCount(codePoint);
            }
            if (start < line.length()) {
                pieces.add(line.substring(start));
            }
        }
        return pieces;
    }
}
