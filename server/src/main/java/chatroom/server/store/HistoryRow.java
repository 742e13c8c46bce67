package chatroom.server.store;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;

/**
 * A history entry as the stores keep it, in plain columns, so that every store writes the same columns and a copy
 * from one store to another is row for row.
 *
 * @param roomKey       the room's key, or {@code null} for an entry from before rooms ({@link HistoryStore#adopt})
 * @param id            its id in the room
 * @param kind          {@link #MESSAGE}, {@link #ANNOUNCEMENT} or {@link #FILE}
 * @param sender        who sent it, as shown; {@code null} for an announcement
 * @param body          the text; for a file, its size, a space, and its name
 * @param senderAccount with {@code cid}, the receipt of a client message id ({@link HistoryStore#receiptCid}), else
 *                      {@code null}
 */
public record HistoryRow(String roomKey, long id, long ts, String kind, String sender, String body,
                         String senderAccount, String cid) {
    public static final String MESSAGE = "message";
    public static final String ANNOUNCEMENT = "announcement";
    public static final String FILE = "file";

    /** The row of a chat message, an announcement or a shared file, each naming its room. */
    public static HistoryRow of(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage m -> row(m.room(), m.id(), m.ts(), MESSAGE, m.from(), m.text(), m.cid());
            case Announcement a -> row(a.room(), a.id(), a.ts(), ANNOUNCEMENT, null, a.text(), null);
            case FileShared f -> row(f.room(), f.id(), f.ts(), FILE, f.from(), f.size() + " " + f.name(), null);
            default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
        };
    }

    private static HistoryRow row(String room, long id, long ts, String kind, String sender, String body,
                                  String receipt) {
        if (room == null) {
            throw new IllegalArgumentException("A history entry names its room: " + kind + " " + id);
        }
        int split = receipt == null ? -1 : receipt.indexOf(HistoryStore.RECEIPT_SEPARATOR);
        return new HistoryRow(RoomNames.key(room), id, ts, kind, sender, body,
                split < 0 ? null : receipt.substring(0, split), split < 0 ? null : receipt.substring(split + 1));
    }

    /** The columns' values, in the order of the record's components, for an insert. */
    public Object[] values() {
        return new Object[] {roomKey, id, ts, kind, sender, body, senderAccount, cid};
    }

    /** The entry again, marked as history and naming the room as given; never with its receipt. */
    public ServerMessage entry(String room) {
        return switch (kind) {
            case ANNOUNCEMENT -> new Announcement(id, ts, body, true, room);
            case FILE -> {
                int space = body.indexOf(' ');
                yield new FileShared(id, ts, sender, body.substring(space + 1),
                        Long.parseLong(body.substring(0, space)), true, room);
            }
            default -> new ChatMessage(id, ts, sender, body, true, null, room);
        };
    }
}
