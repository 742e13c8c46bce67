package chatroom.api.message;

import java.util.List;

/** Who is online, sorted by name; the answer to {@link Who}. */
public record Members(List<Member> users, String room) implements ServerMessage {
    public static final String TYPE = "members";

    public Members {
        users = Fields.list(users, "users");
    }

    public Members(List<Member> users) {
        this(users, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
