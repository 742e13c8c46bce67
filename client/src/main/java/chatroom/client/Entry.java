package chatroom.client;

/**
 * One thing said in a conversation, as the user sees it: a chat message, an announcement, a shared file or a private
 * message. Presence (who came and went) is not an entry; it comes as {@link ChatEvent}s.
 */
public sealed interface Entry {
    /** The server's time, in milliseconds since the epoch. */
    long ts();

    /** The server's id of a history entry, by which repeats are recognised; 0 for a private message. */
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

    record Private(long ts, String from, String to, String text, boolean own) implements Entry {
        @Override
        public long id() {
            return 0;
        }

        @Override
        public boolean history() {
            return false;
        }
    }
}
