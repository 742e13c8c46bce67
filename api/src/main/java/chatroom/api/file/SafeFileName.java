package chatroom.api.file;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the name a sender gave a file into one that is safe to create in a downloads folder on any system: a single
 * plain name, never a path, never hidden, never a device. The sender is a stranger; the name is chosen by them.
 */
public final class SafeFileName {
    /** What an offer whose name leaves nothing usable is saved as. */
    public static final String FALLBACK = "file";
    /** The longest name made, in UTF-8 bytes; file systems take 255, and a suffix such as " (12)" must still fit. */
    public static final int MAX_BYTES = 200;

    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final String FORBIDDEN = "/\\:*?\"<>|";
    private static final int MAX_EXTENSION = 16;

    private SafeFileName() {
    }

    /**
     * The safe form of {@code offered}:
     * <ul>
     *   <li>control, format (such as bidirectional overrides) and separator characters, path separators and the
     *       characters Windows forbids ({@code :*?"<>|}) become {@code _};</li>
     *   <li>runs of dots become one dot, and leading and trailing dots and spaces go, so no {@code ..} and no hidden
     *       file;</li>
     *   <li>a Windows device name ({@code CON}, {@code NUL}, {@code COM1}, … with or without an extension) gets a
     *       {@code _} in front;</li>
     *   <li>nothing left gives {@value #FALLBACK}; a name longer than {@value #MAX_BYTES} bytes is shortened, keeping
     *       a short extension.</li>
     * </ul>
     */
    public static String of(String offered) {
        StringBuilder out = new StringBuilder();
        if (offered != null) {
            offered.codePoints().forEach(c -> out.appendCodePoint(unsafe(c) ? '_' : c));
        }
        String name = out.toString().replaceAll("\\.{2,}", ".");
        name = strip(name);
        if (name.isEmpty()) {
            return FALLBACK;
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (DEVICES.contains(base)) {
            name = "_" + name;
        }
        return shorten(name);
    }

    private static boolean unsafe(int c) {
        if (FORBIDDEN.indexOf(c) >= 0) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(start, end);
    }

    private static String shorten(String name) {
        if (bytes(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - bytes(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int size = bytes(new String(Character.toChars(c)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(c);
            used += size;
            i += Character.charCount(c);
        }
        return strip(kept.toString()) + extension;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
