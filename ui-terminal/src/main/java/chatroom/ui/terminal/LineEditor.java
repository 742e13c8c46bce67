package chatroom.ui.terminal;

import chatroom.api.rules.Texts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The line being typed, without any terminal: {@link Key}s go in, the text, the cursor and its column come out.
 * It holds code points rather than chars so that the cursor never stands between the halves of a surrogate pair,
 * and it remembers the lines sent this session for Up/Down recall. Not thread-safe: the screen guards it.
 */
final class LineEditor {
    /** What a key did to the line. */
    enum Result { CHANGED, SUBMITTED, QUIT }

    /** Longest line, in code points: the default text limit, low enough to redraw cheaply. */
    static final int MAX_LENGTH = Texts.DEFAULT_MAX_LENGTH;
    /** How many sent lines Up can recall. */
    static final int MAX_RECALL = 100;

    private final int[] points = new int[MAX_LENGTH];
    private int length;
    private int cursor;
    private final List<String> recall = new ArrayList<>();
    private int recallIndex;
    private String draft = "";

    Result apply(Key key) {
        return switch (key) {
            case Key.Text text -> {
                insert(text.codePoint());
                yield Result.CHANGED;
            }
            case Key.Edit edit -> edit(edit);
            // Not an edit: the screen hands it on as the command it stands for.
            case Key.SwitchRoom room -> Result.CHANGED;
        };
    }

    private Result edit(Key.Edit edit) {
        switch (edit) {
            case ENTER -> {
                return Result.SUBMITTED;
            }
            case INTERRUPT -> {
                if (length == 0) {
                    return Result.QUIT;
                }
                clear();
            }
            case END_OF_INPUT -> {
                if (length == 0) {
                    return Result.QUIT;
                }
                delete(cursor, cursor + 1);
            }
            case BACKSPACE -> {
                if (cursor > 0) {
                    delete(cursor - 1, cursor);
                }
            }
            case DELETE -> delete(cursor, cursor + 1);
            case LEFT -> cursor = Math.max(0, cursor - 1);
            case RIGHT -> cursor = Math.min(length, cursor + 1);
            case HOME -> cursor = 0;
            case END -> cursor = length;
            case KILL_BACKWARD -> delete(0, cursor);
            case KILL_FORWARD -> delete(cursor, length);
            case DELETE_WORD -> delete(wordStartBefore(cursor), cursor);
            case UP -> recallOlder();
            case DOWN -> recallNewer();
        }
        return Result.CHANGED;
    }

    /**
     * Hands over the line typed so far and starts an empty one.
     *
     * @param remember whether Up should offer the line again (not for answers to login questions)
     */
    String take(boolean remember) {
        String line = text();
        if (remember && !line.isBlank() && (recall.isEmpty() || !recall.get(recall.size() - 1).equals(line))) {
            if (recall.size() == MAX_RECALL) {
                recall.remove(0);
            }
            recall.add(line);
        }
        clear();
        return line;
    }

    /** Empties the line, forgetting any recall in progress. */
    void clear() {
        length = 0;
        cursor = 0;
        recallIndex = recall.size();
        draft = "";
    }

    String text() {
        return new String(points, 0, length);
    }

    /** The line's code points, a copy. */
    int[] codePoints() {
        return Arrays.copyOf(points, length);
    }

    /** The cursor, counted in code points from the start of the line. */
    int cursor() {
        return cursor;
    }

    /** The terminal column of the cursor, counted from the start of the line. */
    int cursorColumn() {
        return Columns.of(points, 0, cursor);
    }

    private void insert(int codePoint) {
        if (length == MAX_LENGTH || Character.isISOControl(codePoint) || !Character.isValidCodePoint(codePoint)) {
            return;
        }
        System.arraycopy(points, cursor, points, cursor + 1, length - cursor);
        points[cursor++] = codePoint;
        length++;
    }

    private void delete(int from, int to) {
        to = Math.min(to, length);
        if (from >= to) {
            return;
        }
        System.arraycopy(points, to, points, from, length - to);
        length -= to - from;
        if (cursor > to) {
            cursor -= to - from;
        } else if (cursor > from) {
            cursor = from;
        }
    }

    private int wordStartBefore(int position) {
        int start = position;
        while (start > 0 && Character.isWhitespace(points[start - 1])) {
            start--;
        }
        while (start > 0 && !Character.isWhitespace(points[start - 1])) {
            start--;
        }
        return start;
    }

    private void recallOlder() {
        if (recallIndex == 0) {
            return;
        }
        if (recallIndex == recall.size()) {
            draft = text();
        }
        recallIndex--;
        load(recall.get(recallIndex));
    }

    private void recallNewer() {
        if (recallIndex >= recall.size()) {
            return;
        }
        recallIndex++;
        load(recallIndex == recall.size() ? draft : recall.get(recallIndex));
    }

    private void load(String line) {
        int[] loaded = line.codePoints().limit(MAX_LENGTH).toArray();
        System.arraycopy(loaded, 0, points, 0, loaded.length);
        length = loaded.length;
        cursor = length;
    }
}
