package chatroom.api.message;

/**
 * Give someone a role in a room (protocol 2): {@code operator} or {@code member} (taking operator away), or
 * {@code owner} to hand the room over.
 *
 * @param name the member, by display name while online, else by account name
 */
public record SetRole(String room, String name, String role) implements ClientMessage {
    public static final String TYPE = "role";

    public SetRole {
        Fields.required(room, "room");
        Fields.required(name, "name");
        Fields.required(role, "role");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
