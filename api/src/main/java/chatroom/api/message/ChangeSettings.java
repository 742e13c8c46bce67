package chatroom.api.message;

/**
 * Change a room's settings (protocol 2); a setting left out stays as it is.
 *
 * @param topicLocked {@code true}: only the owner and operators set the topic (the default); {@code false}: every
 *                    member may
 */
public record ChangeSettings(String room, Boolean topicLocked) implements ClientMessage {
    public static final String TYPE = "settings";

    public ChangeSettings {
        Fields.required(room, "room");
        Fields.present(topicLocked, "topicLocked");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
