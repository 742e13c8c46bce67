package chatroom.api.message;

/**
 * A private message; the sender receives a copy, so both sides see the conversation. {@code cid} is the sender's
 * client message id, present only in the sender's copy of a {@link Tell} that had one.
 *
 * <p>Protocol 2 stores the messages between two accounts: those carry their {@code id} in the conversation. The
 * flags are {@code true} or absent: {@code away} marks a message delivered at login that was sent while its
 * recipient was offline; {@code history} one in a page of the conversation's history ({@link PrivateHistory});
 * {@code offline} the sender's copy of a message whose recipient is offline and gets it at its next login.
 */
public record PrivateMessage(long ts, String from, String to, String text, String cid, Long id, Boolean away,
                             Boolean history, Boolean offline) implements ServerMessage {
    public static final String TYPE = "private";

    public PrivateMessage {
        Fields.required(from, "from");
        Fields.required(to, "to");
        Fields.required(text, "text");
        away = Boolean.TRUE.equals(away) ? Boolean.TRUE : null;
        history = Boolean.TRUE.equals(history) ? Boolean.TRUE : null;
        offline = Boolean.TRUE.equals(offline) ? Boolean.TRUE : null;
    }

    public PrivateMessage(long ts, String from, String to, String text, String cid) {
        this(ts, from, to, text, cid, null, null, null, null);
    }

    public PrivateMessage(long ts, String from, String to, String text) {
        this(ts, from, to, text, null);
    }

    /** This message as the sender's own copy, carrying the client message id of its {@link Tell}. */
    public PrivateMessage withCid(String clientId) {
        return new PrivateMessage(ts, from, to, text, clientId, id, away, history, offline);
    }

    /** This message as a client of protocol 1 gets it: without what protocol 2 added. */
    public PrivateMessage plain() {
        return new PrivateMessage(ts, from, to, text, cid);
    }

    public boolean isAway() {
        return away != null;
    }

    public boolean isHistory() {
        return history != null;
    }

    public boolean isOffline() {
        return offline != null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
