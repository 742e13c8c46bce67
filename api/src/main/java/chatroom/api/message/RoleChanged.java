package chatroom.api.message;

/**
 * Someone's role in a room changed (protocol 2); to everyone in the room.
 *
 * @param name whose role it is
 * @param role {@code owner}, {@code operator} or {@code member}
 * @param by   who changed it
 */
public record RoleChanged(String room, long ts, String name, String role, String by) implements ServerMessage {
    public static final String TYPE = "role";

    public RoleChanged {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.required(role, "role");
        Fields.required(by, "by");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
