package chatroom.api.message;

/**
 * A room's settings changed (protocol 2); to everyone in the room, with every setting as it now is.
 *
 * @param by who changed them
 */
public record SettingsChanged(String room, long ts, String by, boolean topicLocked, boolean inviteOnly)
        implements ServerMessage {
    public static final String TYPE = "settings";

    public SettingsChanged {
        Fields.required(room, "room");
        Fields.required(by, "by");
    }

    public SettingsChanged(String room, long ts, String by, boolean topicLocked) {
        this(room, ts, by, topicLocked, false);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
