package chatroom.ui.terminal;

/**
 * How many terminal columns characters take: East Asian wide and fullwidth characters (Chinese, Japanese, Korean,
 * most emoji) take two, combining marks and format characters none, everything else one. The cursor is placed by
 * columns, not by characters, so getting this wrong puts it in the middle of a word.
 */
final class Columns {
    private Columns() {
    }

    static int of(int codePoint) {
        if (codePoint == 0) {
            return 0;
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || type == Character.CONTROL) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    static int of(String text) {
        return text.codePoints().map(Columns::of).sum();
    }

    static int of(int[] codePoints, int from, int to) {
        int columns = 0;
        for (int i = from; i < to; i++) {
            columns += of(codePoints[i]);
        }
        return columns;
    }

    // The ranges of Unicode's East Asian Width "W" and "F" classes, merged where they touch.
    private static boolean isWide(int c) {
        return c >= 0x1100 && (c <= 0x115F
                || c == 0x2329 || c == 0x232A
                || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE10 && c <= 0xFE19)
                || (c >= 0xFE30 && c <= 0xFE6F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F)
                || (c >= 0x1F900 && c <= 0x1F9FF)
                || (c >= 0x20000 && c <= 0x2FFFD)
                || (c >= 0x30000 && c <= 0x3FFFD));
    }
}
