package chatroom.server.rooms;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.ServerMessage;

/**
 * History entries (and file offers) as a protocol-1 client reads them: without the room they belong to, which for
 * such a client is always the default room. Entries keep their room everywhere else (history, journal, replays).
 */
public final class Entries {
    private Entries() {
    }

    public static ServerMessage withoutRoom(ServerMessage message) {
        return switch (message) {
            case ChatMessage m when m.room() != null -> m.withRoom(null);
            case Announcement a when a.room() != null -> a.withRoom(null);
            case FileShared f when f.room() != null -> f.withRoom(null);
            case HistoryEnd e when e.room() != null -> new HistoryEnd(e.count(), e.more());
            case FileOffered o when o.room() != null -> new FileOffered(o.tid(), o.ts(), o.from(), o.name(), o.size(),
                    o.to());
            default -> message;
        };
    }
}
