package chatroom.api.message;

/** Someone came online; {@code online} counts everyone online now; {@code guest} is true for guests. */
public record Joined(long ts, String name, int online, Boolean guest, String room) implements ServerMessage {
    public static final String TYPE = "join";

    public Joined {
        Fields.required(name, "name");
        guest = Boolean.TRUE.equals(guest) ? Boolean.TRUE : null;
    }

    public Joined(long ts, String name, int online, Boolean guest) {
        this(ts, name, online, guest, null);
    }

    public Joined(long ts, String name, int online) {
        this(ts, name, online, null, null);
    }

    public boolean isGuest() {
        return guest != null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
