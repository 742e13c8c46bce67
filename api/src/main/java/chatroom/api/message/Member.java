package chatroom.api.message;

/**
 * One person online, in {@link Members}: display name, since when (milliseconds since the epoch), and whether a
 * guest (then {@code true}; absent otherwise).
 */
public record Member(String name, long since, Boolean guest) {
    public Member {
        Fields.required(name, "name");
        guest = Boolean.TRUE.equals(guest) ? Boolean.TRUE : null;
    }

    public Member(String name, long since) {
        this(name, since, null);
    }

    public boolean isGuest() {
        return guest != null;
    }
}
