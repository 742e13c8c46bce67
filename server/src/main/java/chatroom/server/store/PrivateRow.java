package chatroom.server.store;

/**
 * One private message as a store keeps it: in its conversation (the two accounts), under an id counted in that
 * conversation, from one account to the other, with the display names both had then, and whether its recipient has
 * yet to get it (it was offline, and the message waits for its next login).
 *
 * @param conversation the conversation's key, {@link PrivateStore#conversationKey}
 * @param fromKey      the sender's account key
 * @param toKey        the recipient's account key
 * @param from         the sender's display name when it was sent
 * @param to           the recipient's display name (or account name) when it was sent
 */
public record PrivateRow(String conversation, long id, long ts, String fromKey, String toKey, String from, String to,
                         String text, boolean pending) {
    /** This message once its recipient got it. */
    public PrivateRow delivered() {
        return new PrivateRow(conversation, id, ts, fromKey, toKey, from, to, text, false);
    }
}
