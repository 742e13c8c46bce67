package chatroom.api.message;

/**
 * A member of a room came online or went offline (protocol 2): told to the room's members who are online, with how
 * many of its members are online now. Joining and leaving the room itself are {@link Joined} and {@link Left}.
 *
 * @param status {@link #ONLINE} or {@link #OFFLINE}
 * @param reason why someone went offline ("logged out", "connection lost", …); absent when coming online
 * @param online the room's members online, after the change
 */
public record Presence(String room, long ts, String name, String status, String reason, int online)
        implements ServerMessage {
    public static final String TYPE = "presence";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public Presence {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.required(status, "status");
    }

    public boolean isOnline() {
        return ONLINE.equals(status);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
