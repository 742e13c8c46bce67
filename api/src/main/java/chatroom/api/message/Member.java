package chatroom.api.message;

/** One person online, in {@link Members}: display name and since when (milliseconds since the epoch). */
public record Member(String name, long since) {
    public Member {
        Fields.required(name, "name");
    }
}
