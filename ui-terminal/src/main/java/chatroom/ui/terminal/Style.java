package chatroom.ui.terminal;

/**
 * How the parts of a line look. {@link #PLAIN} leaves text as it is, for pipes and dumb terminals; {@link AnsiStyle}
 * colours it for a TTY. Every method gets text that is already safe to print and returns it decorated.
 */
interface Style {
    /** No decoration at all: what scripts and logs need. */
    Style PLAIN = new Style() {
    };

    default String time(String text) {
        return text;
    }

    /** Text belonging to a person, such as {@code <alice>}: on a TTY each name keeps one colour. */
    default String person(String name, String text) {
        return text;
    }

    /** Marks such as {@code [history]}. */
    default String marker(String text) {
        return text;
    }

    default String privately(String text) {
        return text;
    }

    default String announcement(String text) {
        return text;
    }

    /** Comings, goings, renames, lists: what happened rather than what was said. */
    default String notice(String text) {
        return text;
    }

    default String error(String text) {
        return text;
    }
}
