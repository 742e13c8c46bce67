package chatroom.api.message;

/** Logs in to an account, creating it when the server's registration is open and the name is new. */
public record Login(String name, String password) implements ClientMessage {
    public static final String TYPE = "login";

    public Login {
        Fields.required(name, "name");
        Fields.required(password, "password");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Login[name=" + name + ", password=***]";
    }
}
