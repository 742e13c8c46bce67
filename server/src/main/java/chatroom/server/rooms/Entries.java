package chatroom.server.rooms;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.ServerMessage;

/**
 * Messages as a protocol-1 client reads them: history entries, history ends, file offers, joins and leaves without
 * the room they belong to, which for such a client is always the default room. They keep their room everywhere
 * else (history, journal, replays, protocol 2).
 */
public final class Entries {
    private Entries() {
    }

    /** The message as a client of this protocol version reads it. */
    public static ServerMessage forProtocol(int protocol, ServerMessage message) {
        return protocol == 1 ? withoutRoom(message) : message;
    }

    /** When a history entry was said (milliseconds since the epoch); 0 for anything else. */
    public static long tsOf(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage message -> message.ts();
            case Announcement announcement -> announcement.ts();
            case FileShared shared -> shared.ts();
            default -> 0;
        };
    }

    /** The room a history entry names. */
    public static String roomOf(ServerMessage entry) {
        return switch (entry) {
            case ChatMessage message -> message.room();
            case Announcement announcement -> announcement.room();
            case FileShared shared -> shared.room();
            default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
        };
    }

    /** A history entry as shown when it is said: not marked as history, without a client id, in the named room. */
    public static ServerMessage live(ServerMessage entry, String room) {
        return switch (entry) {
            case ChatMessage m -> new ChatMessage(m.id(), m.ts(), m.from(), m.text(), false, null, room);
            case Announcement a -> new Announcement(a.id(), a.ts(), a.text(), false, room);
            case FileShared f -> new FileShared(f.id(), f.ts(), f.from(), f.name(), f.size(), false, room);
            default -> throw new IllegalArgumentException("Not a history entry: " + entry.type());
        };
    }

    private static ServerMessage withoutRoom(ServerMessage message) {
        return switch (message) {
            case ChatMessage m when m.room() != null -> m.withRoom(null);
            case Announcement a when a.room() != null -> a.withRoom(null);
            case FileShared f when f.room() != null -> f.withRoom(null);
            case HistoryEnd e when e.room() != null -> new HistoryEnd(e.count(), e.more());
            case FileOffered o when o.room() != null -> new FileOffered(o.tid(), o.ts(), o.from(), o.name(), o.size(),
                    o.to());
            case Joined j when j.room() != null -> new Joined(j.ts(), j.name(), j.online(), j.guest());
            case Left l when l.room() != null -> new Left(l.ts(), l.name(), l.online(), l.reason());
            default -> message;
        };
    }
}
