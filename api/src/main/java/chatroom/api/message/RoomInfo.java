package chatroom.api.message;

/**
 * What a room is, as the room list and a joiner see it (protocol 2).
 *
 * @param name    the room's name, such as {@code #lobby}
 * @param topic   the topic, or absent when it has none
 * @param members how many accounts (and guests) are members, online or not
 * @param online  how many of them are online
 * @param topicLocked whether only the owner and operators may set the topic (the default), or every member
 * @param inviteOnly  {@code true} when only those invited may join; absent otherwise
 * @param unread      at login, the messages after the user's read marker in the room ({@link MarkRead}); absent
 *                    where the user never reported one, and everywhere else
 */
public record RoomInfo(String name, String topic, int members, int online, Boolean topicLocked, Boolean inviteOnly,
                       Long unread) implements ServerMessage {
    public static final String TYPE = "room";

    public RoomInfo {
        Fields.required(name, "name");
        inviteOnly = Boolean.TRUE.equals(inviteOnly) ? Boolean.TRUE : null;
    }

    public RoomInfo(String name, String topic, int members, int online, Boolean topicLocked, Boolean inviteOnly) {
        this(name, topic, members, online, topicLocked, inviteOnly, null);
    }

    /** This room as a login shows it to someone who has read all but {@code count} of its messages. */
    public RoomInfo withUnread(Long count) {
        return new RoomInfo(name, topic, members, online, topicLocked, inviteOnly, count);
    }

    public RoomInfo(String name, String topic, int members, int online, Boolean topicLocked) {
        this(name, topic, members, online, topicLocked, null);
    }

    public RoomInfo(String name, String topic, int members, int online) {
        this(name, topic, members, online, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
