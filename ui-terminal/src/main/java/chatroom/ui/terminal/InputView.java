package chatroom.ui.terminal;

/**
 * What fits of the prompt and the line being typed on one terminal row, scrolled sideways so that the cursor stays
 * in view. Keeping the input on one row means redrawing it is always "clear this row, write it again", whatever the
 * width; a line that wrapped would leave its upper rows behind.
 *
 * @param text         the row to write, at most {@code width - 1} columns wide
 * @param cursorColumn where the cursor goes, counted from the row's first column
 */
record InputView(String text, int cursorColumn) {
    /** Input keeps at least this many columns when the prompt is long (a long name). */
    private static final int INPUT_RESERVE = 20;

    static InputView of(String prompt, int[] points, int cursor, int width) {
        // The last column stays empty: writing there makes some terminals wrap before the cursor is placed.
        int usable = Math.max(width - 1, 2);
        String shownPrompt = fit(prompt, usable - Math.min(INPUT_RESERVE, usable / 2));
        int promptColumns = Columns.of(shownPrompt);
        int room = usable - promptColumns;

        int start = 0;
        int beforeCursor = Columns.of(points, 0, cursor);
        // One column after the text is the cursor's own cell when it is at the end.
        while (beforeCursor > room - 1 && start < cursor) {
            beforeCursor -= Columns.of(points[start]);
            start++;
        }
        StringBuilder row = new StringBuilder(shownPrompt);
        int used = 0;
        for (int i = start; i < points.length; i++) {
            int columns = Columns.of(points[i]);
            if (used + columns > room) {
                break;
            }
            row.appendCodePoint(points[i]);
            used += columns;
        }
        return new InputView(row.toString(), promptColumns + beforeCursor);
    }

    private static String fit(String text, int columns) {
        if (Columns.of(text) <= columns) {
            return text;
        }
        StringBuilder fitted = new StringBuilder();
        int used = 0;
        for (int codePoint : text.codePoints().toArray()) {
            int width = Columns.of(codePoint);
            if (used + width > columns) {
                break;
            }
            fitted.appendCodePoint(codePoint);
            used += width;
        }
        return fitted.toString();
    }
}
