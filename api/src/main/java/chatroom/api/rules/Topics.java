package chatroom.api.rules;

/** The rules for a room's topic: one line of cleaned text, at most {@link #MAX_LENGTH} characters, or none. */
public final class Topics {
    /** The longest topic, in characters (as IRC networks commonly allow). */
    public static final int MAX_LENGTH = 390;

    private Topics() {
    }

    /** The topic as stored and shown: cleaned as chat text is, on one line, without spaces around it. */
    public static String clean(String topic) {
        return Texts.clean(topic).replace('\n', ' ').replace('\t', ' ').strip();
    }

    /** Whether a (cleaned) topic is short enough. */
    public static boolean fits(String topic) {
        return topic.codePointCount(0, topic.length()) <= MAX_LENGTH;
    }
}
