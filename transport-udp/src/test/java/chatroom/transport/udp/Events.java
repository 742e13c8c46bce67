package chatroom.transport.udp;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.ServerMessage;

import java.util.List;
import java.util.stream.Collectors;

/** Events as short exact lines without timestamps, so tests compare whole conversations. */
final class Events {
    private Events() {
    }

    static List<String> describe(List<? extends ServerMessage> events) {
        return events.stream().map(Events::describe).toList();
    }

    static String describe(ServerMessage event) {
        return switch (event) {
            case ChatMessage m -> "message " + m.from() + in(m.room()) + ": " + m.text();
            case PrivateMessage m -> "private " + m.from() + " -> " + m.to() + ": " + m.text();
            case Joined j -> "joined " + j.name() + in(j.room()) + " (" + j.online() + ")";
            case Left l -> "left " + l.name() + in(l.room()) + " (" + l.online() + "): " + l.reason();
            case RoomInfo r -> "room " + r.name() + " (" + r.online() + ")";
            case Renamed r -> "renamed " + r.from() + " -> " + r.to() + " (" + r.online() + ")";
            case ErrorReply e -> "error " + e.code() + " [" + e.ref() + "]: " + e.message();
            case Members m -> "members" + in(m.room()) + " "
                    + m.users().stream().map(Member::name).collect(Collectors.joining(", "));
            case HistoryEnd h -> "history end " + h.count() + " " + h.more() + in(h.room());
            case Announcement a -> "announcement: " + a.text();
            case Bye b -> "bye " + b.code() + ": " + b.reason();
            default -> event.toString();
        };
    }

    /** " in #room" for an event of a room other than the lobby. */
    private static String in(String room) {
        return room == null ? "" : " in " + room;
    }
}
