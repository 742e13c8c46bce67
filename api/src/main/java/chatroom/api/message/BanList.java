package chatroom.api.message;

import java.util.List;

/**
 * The accounts banned from a room, by name, sorted (protocol 2): the answer to {@link ListBans}. At most
 * {@link #MAX} names; {@code more} when there are others.
 */
public record BanList(String room, List<String> names, boolean more) implements ServerMessage {
    public static final String TYPE = "ban_list";
    public static final int MAX = 500;

    public BanList {
        Fields.required(room, "room");
        names = Fields.list(names, "names");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
