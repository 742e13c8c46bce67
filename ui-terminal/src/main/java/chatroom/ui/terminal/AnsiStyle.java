package chatroom.ui.terminal;

/**
 * Colours for a TTY with ANSI SGR sequences: each person's name in a colour chosen from their name, so it stays the
 * same in every session; notices dim, private messages magenta, announcements yellow, errors red.
 */
final class AnsiStyle implements Style {
    private static final String RESET = "\033[0m";
    // Red is left out: it means an error.
    private static final String[] PERSON_COLOURS = {"32", "33", "34", "35", "36", "92", "93", "94", "95", "96"};

    @Override
    public String time(String text) {
        return paint("2", text);
    }

    @Override
    public String person(String name, String text) {
        // String.hashCode is specified, so a name gets the same colour on every machine and every run.
        return paint(PERSON_COLOURS[Math.floorMod(name.hashCode(), PERSON_COLOURS.length)], text);
    }

    @Override
    public String marker(String text) {
        return paint("2", text);
    }

    @Override
    public String privately(String text) {
        return paint("1;35", text);
    }

    @Override
    public String announcement(String text) {
        return paint("1;33", text);
    }

    @Override
    public String notice(String text) {
        return paint("2", text);
    }

    @Override
    public String error(String text) {
        return paint("31", text);
    }

    private static String paint(String sgr, String text) {
        return "\033[" + sgr + "m" + text + RESET;
    }
}
