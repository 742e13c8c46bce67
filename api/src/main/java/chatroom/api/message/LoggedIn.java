package chatroom.api.message;

import java.util.List;

/**
 * Login succeeded: the name the user appears under, how many people are online (the user included), and a resume
 * token: a secret that logs this account in again once, without the password, for a while after the connection is
 * lost (absent from servers that do not offer resuming). Each use hands out a new token.
 */
public record LoggedIn(String name, int online, String resume, List<RoomInfo> rooms) implements ServerMessage {
    public static final String TYPE = "logged_in";

    public LoggedIn {
        Fields.required(name, "name");
    }

    public LoggedIn(String name, int online, String resume) {
        this(name, online, resume, null);
    }

    public LoggedIn(String name, int online) {
        this(name, online, null, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "LoggedIn[name=" + name + ", online=" + online + (resume == null ? "" : ", resume=***")
                + (rooms == null ? "" : ", rooms=" + rooms) + "]";
    }
}
