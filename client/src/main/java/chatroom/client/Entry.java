package chatroom.client;

/**
 * One thing said in a conversation, as the user sees it: a chat message, an announcement, a shared file or a private
 * message. Presence (who came and went) is not an entry; it comes as {@link ChatEvent}s.
 */
public sealed interface Entry {
    /** The server's time, in milliseconds since the epoch. */
    long ts();

    /**
     * The server's id of the entry in its conversation, by which repeats are recognised; 0 for a private message the
     * server does not keep (one with a guest, or over a transport without history).
     */
    long id();

    /** Whether the user wrote it. */
    boolean own();

    /** Whether it was replayed or paged in from the history rather than said just now. */
    boolean history();

    record Message(long id, long ts, String from, String text, boolean own, boolean history) implements Entry {
    }

    record Announcement(long id, long ts, String text, boolean history) implements Entry {
        @Override
        public boolean own() {
            return false;
        }
    }

    record SharedFile(long id, long ts, String from, String name, long size, boolean own, boolean history)
            implements Entry {
    }

    /**
     * A private message.
     *
     * @param away    it was sent while the user was offline, and delivered at login
     * @param waiting the user's own message to someone offline, who gets it at their next login
     */
    record Private(long id, long ts, String from, String to, String text, boolean own, boolean history,
                   boolean away, boolean waiting) implements Entry {
        /** A live message the server keeps no id of. */
        public Private(long ts, String from, String to, String text, boolean own) {
            this(0, ts, from, to, text, own, false, false, false);
        }

        /** This message as one said just now: a page's message that was missed while reconnecting. */
        Private asLive() {
            return new Private(id, ts, from, to, text, own, false, away, waiting);
        }
    }
}
