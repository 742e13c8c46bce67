package chatroom.api.message;

/**
 * Change a room's settings (protocol 2); a setting left out stays as it is.
 *
 * @param topicLocked {@code true}: only the owner and operators set the topic (the default); {@code false}: every
 *                    member may
 * @param inviteOnly  {@code true}: only those invited may join; {@code false}: anyone may (the default)
 */
public record ChangeSettings(String room, Boolean topicLocked, Boolean inviteOnly) implements ClientMessage {
    public static final String TYPE = "settings";

    public ChangeSettings {
        Fields.required(room, "room");
        if (inviteOnly == null) {
            Fields.present(topicLocked, "topicLocked");
        }
    }

    public ChangeSettings(String room, Boolean topicLocked) {
        this(room, topicLocked, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
