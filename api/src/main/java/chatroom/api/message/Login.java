package chatroom.api.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs in to an account, creating it when the server's registration is open and the name is new; or, with
 * {@code guest} true and no password, joins as a guest under a name no account has (where the server allows guests);
 * or, with a {@code resume} token from an earlier {@link LoggedIn} instead of the password, logs in again after a
 * lost connection.
 *
 * @param since the id of the last chat message or announcement the client saw: the server then replays every later
 *              one (instead of its usual latest few), so a reconnecting client misses nothing; absent for the usual
 *              replay
 */
public record Login(String name, String password, Boolean guest, String resume, Long since, Map<String, Long> seen)
        implements ClientMessage {
    public static final String TYPE = "login";

    public Login {
        Fields.required(name, "name");
        if (!Boolean.TRUE.equals(guest) && resume == null) {
            Fields.required(password, "password");
        }
        seen = seen == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }

    public Login(String name, String password, Boolean guest, String resume, Long since) {
        this(name, password, guest, resume, since, null);
    }

    public Login(String name, String password, Boolean guest) {
        this(name, password, guest, null, null);
    }

    public Login(String name, String password) {
        this(name, password, null);
    }

    /** A guest's login: no password, no account. */
    public static Login asGuest(String name) {
        return new Login(name, null, true);
    }

    /** Logging in again with a resume token, asking for everything after the message with id {@code since}. */
    public static Login resuming(String name, String resume, long since) {
        return new Login(name, null, null, resume, since);
    }

    /** Protocol 2: this login, asking for everything after these ids, room by room. */
    public Login seeing(Map<String, Long> lastSeen) {
        return new Login(name, password, guest, resume, since, lastSeen);
    }

    public boolean isGuest() {
        return Boolean.TRUE.equals(guest);
    }

    public boolean isResume() {
        return resume != null;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Login[name=" + name + (password == null ? "" : ", password=***") + (isGuest() ? ", guest" : "")
                + (resume == null ? "" : ", resume=***") + (since == null ? "" : ", since=" + since)
                + (seen == null ? "" : ", seen=" + seen) + "]";
    }
}
