package chatroom.api.message;

/**
 * The server is closing this connection, and why.
 *
 * @param code   {@code logout}, {@code kicked}, {@code replaced}, {@code shutdown}, {@code protocol} or
 *               {@code overloaded}
 * @param reason a sentence for people
 */
public record Bye(String code, String reason) implements ServerMessage {
    public static final String TYPE = "bye";
    public static final String LOGOUT = "logout";
    public static final String KICKED = "kicked";
    public static final String REPLACED = "replaced";
    public static final String SHUTDOWN = "shutdown";
    public static final String PROTOCOL = "protocol";
    public static final String OVERLOADED = "overloaded";

    public Bye {
        Fields.required(code, "code");
        Fields.required(reason, "reason");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
