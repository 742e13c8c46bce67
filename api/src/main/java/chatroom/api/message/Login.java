package chatroom.api.message;

/**
 * Logs in to an account, creating it when the server's registration is open and the name is new; or, with
 * {@code guest} true and no password, joins as a guest under a name no account has (where the server allows guests).
 */
public record Login(String name, String password, Boolean guest) implements ClientMessage {
    public static final String TYPE = "login";

    public Login {
        Fields.required(name, "name");
        if (!Boolean.TRUE.equals(guest)) {
            Fields.required(password, "password");
        }
    }

    public Login(String name, String password) {
        this(name, password, null);
    }

    /** A guest's login: no password, no account. */
    public static Login asGuest(String name) {
        return new Login(name, null, true);
    }

    public boolean isGuest() {
        return Boolean.TRUE.equals(guest);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Login[name=" + name + ", password=***" + (isGuest() ? ", guest" : "") + "]";
    }
}
