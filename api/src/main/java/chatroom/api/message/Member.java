package chatroom.api.message;

/**
 * One person in {@link Members}: display name, since when (milliseconds since the epoch: online, or in protocol 2 a
 * member of the room), whether a guest (then {@code true}; absent otherwise), and in protocol 2 whether online and
 * the role in the room ({@code owner}, {@code operator} or {@code member}).
 */
public record Member(String name, long since, Boolean guest, Boolean online, String role) {
    public Member {
        Fields.required(name, "name");
        guest = Boolean.TRUE.equals(guest) ? Boolean.TRUE : null;
    }

    public Member(String name, long since, Boolean guest, Boolean online) {
        this(name, since, guest, online, null);
    }

    public Member(String name, long since, Boolean guest) {
        this(name, since, guest, null, null);
    }

    public Member(String name, long since) {
        this(name, since, null, null, null);
    }

    public boolean isGuest() {
        return guest != null;
    }
}
