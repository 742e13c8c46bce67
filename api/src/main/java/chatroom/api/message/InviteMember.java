package chatroom.api.message;

/** Invite an account to a room (protocol 2; owner and operators): its next join gets in, within a day. */
public record InviteMember(String room, String name) implements ClientMessage {
    public static final String TYPE = "invite";

    public InviteMember {
        Fields.required(room, "room");
        Fields.required(name, "name");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
