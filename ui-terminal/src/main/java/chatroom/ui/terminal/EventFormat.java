package chatroom.ui.terminal;

import chatroom.api.file.TransferText;
import chatroom.api.rules.Roles;
import chatroom.client.ChatEvent;
import chatroom.client.Conversation;
import chatroom.client.Entry;
import chatroom.client.EventText;
import chatroom.client.RoomSummary;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the model's entries and events into the lines people read. The words are the same on a TTY and in a pipe
 * (scripts and tests match them); only the {@link Style} differs. Everything that came from the network passes
 * through {@link SafeText}. Times are the server's, shown as {@code HH:mm:ss} in the clock's zone.
 */
final class EventFormat {
    private final Style style;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final EventText sentences;

    EventFormat(Style style, Clock clock) {
        this.style = style;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone());
        this.sentences = new EventText(clock);
    }

    String loggedIn(String name, int online) {
        return style.notice("Logged in as " + SafeText.of(name) + " (" + online
                + " online). Type /help for commands.");
    }

    /** A line of ours, such as the help. */
    String note(String text) {
        return style.notice(text);
    }

    /** The connection was lost and this is the next attempt to come back. */
    String reconnecting(int attempt, String reason) {
        return style.error("* reconnecting… (attempt " + attempt + "): " + SafeText.of(reason));
    }

    String reconnected() {
        return style.notice("* reconnected");
    }

    /** What the replay after a reconnect amounted to. */
    String missed(int missed, boolean more) {
        String count = missed == 0 ? "nothing" : missed + (missed == 1 ? " message" : " messages");
        return style.notice("* " + count + " missed while disconnected"
                + (more ? " shown; more before them: /history" : ""));
    }

    /** Something about the connection itself, such as whether it is encrypted. */
    String notice(String text) {
        return style.notice("* " + SafeText.of(text));
    }

    /** A message that will never be delivered, and why. */
    String notSent(Conversation where, String text, String reason) {
        String what = "\"" + SafeText.of(text) + "\"" + (where.isRoom() ? "" : " to " + SafeText.of(where.name()));
        return style.error("* not sent: " + what + " (" + SafeText.of(reason) + ")");
    }

    /** A line of ours about something the user typed wrong. */
    String mistake(String text) {
        return style.error(text);
    }

    /** The line for an entry of the room or of a private conversation. */
    String entry(Entry entry) {
        return switch (entry) {
            case Entry.Message chat -> stamp(chat.ts()) + " " + history(chat.history())
                    + style.person(chat.from(), "<" + SafeText.of(chat.from()) + ">") + " " + SafeText.of(chat.text());
            case Entry.Announcement announcement -> stamp(announcement.ts()) + " " + history(announcement.history())
                    + style.announcement("! announcement: " + SafeText.of(announcement.text()));
            case Entry.SharedFile shared -> stamp(shared.ts()) + " " + history(shared.history()) + style.notice("* ")
                    + style.person(shared.from(), SafeText.of(shared.from())) + style.notice(" shared "
                    + SafeText.of(shared.name()) + " (" + TransferText.size(shared.size()) + ")");
            case Entry.Private whisper -> whisper.own()
                    ? stamp(whisper.ts()) + " " + history(whisper.history())
                            + style.privately("[private to " + SafeText.of(whisper.to()) + "]")
                            + " " + SafeText.of(whisper.text()) + (whisper.waiting() ? style.notice(" ("
                            + SafeText.of(whisper.to()) + " is offline; they will get it when they return)") : "")
                    : stamp(whisper.ts()) + " " + history(whisper.history())
                            + style.privately(whisper.away() ? "[private, while you were away]" : "[private]") + " "
                            + style.person(whisper.from(), "<" + SafeText.of(whisper.from()) + ">") + " "
                            + SafeText.of(whisper.text());
        };
    }

    /**
     * The line that closes a run of history, or {@code null} when it shows nothing.
     *
     * @param asked whether it answers a {@code /history} the user typed, so that even an empty answer is shown (the
     *              empty history after login is not)
     */
    String historyEnd(int count, boolean more, boolean asked) {
        return count == 0 && !asked ? null : style.notice("--- end of history (" + count
                + (count == 1 ? " message" : " messages") + (more ? "; /history for older" : "") + ") ---");
    }

    /** A page of the room list, a line a room. */
    List<String> rooms(ChatEvent.RoomsListed listed) {
        List<String> lines = new ArrayList<>();
        for (RoomSummary room : listed.rooms()) {
            lines.add(style.notice(SafeText.of(room.name()) + " (" + room.online() + " online, " + room.members()
                    + " members)" + (room.topic() == null ? "" : ": " + SafeText.of(room.topic()))));
        }
        lines.add(style.notice(listed.rooms().isEmpty() ? "No rooms match." : listed.more()
                ? "More rooms match; narrow the list with a filter." : "End of the room list."));
        return lines;
    }

    /** Who is online in a conversation. */
    String members(Conversation conversation) {
        return style.notice("Online (" + conversation.members().size() + "): "
                + conversation.members().stream().map(member -> SafeText.of(member) + roleMark(conversation, member))
                .collect(Collectors.joining(", ")));
    }

    /** Who is banned from a room, on one line. */
    String bans(ChatEvent.BansListed bans) {
        String room = SafeText.of(bans.conversation().name());
        return style.notice(bans.names().isEmpty() ? "No one is banned from " + room + "."
                : "Banned from " + room + " (" + bans.names().size() + (bans.more() ? "+" : "") + "): "
                + bans.names().stream().map(SafeText::of).collect(Collectors.joining(", ")));
    }

    /** " (owner)" or " (operator)" after a name in a room's list; nothing for a member. */
    private static String roleMark(Conversation conversation, String member) {
        String role = conversation.roleOf(member);
        return role.equals(Roles.MEMBER) ? "" : " (" + role + ")";
    }

    /** The line for a change in who is here, a refusal or a goodbye; {@code null} for events shown otherwise. */
    String event(ChatEvent event) {
        return switch (event) {
            // The user's own join and leave name the room: a kick out of a room is news, and says where.
            case ChatEvent.MemberJoined joined -> stamp(joined.ts()) + " " + style.notice("* "
                    + (joined.you() ? "You joined " + where(joined.conversation()) : SafeText.of(joined.name())
                    + " joined") + " (" + joined.online() + " online)");
            case ChatEvent.MemberLeft left -> stamp(left.ts()) + " " + style.notice("* "
                    + (left.you() ? "You left " + where(left.conversation()) : SafeText.of(left.name()) + " left")
                    + ": " + SafeText.of(left.reason()) + (left.you() ? "" : " (" + left.online() + " online)"));
            case ChatEvent.Renamed renamed -> stamp(renamed.ts()) + " " + style.notice("* "
                    + SafeText.of(renamed.from()) + " is now " + SafeText.of(renamed.to()) + " (" + renamed.online()
                    + " online)");
            case ChatEvent.Invited invited -> stamp(0) + " " + style.notice("* " + SafeText.of(sentences.of(invited))
                    + (invited.you() ? "; /join " + SafeText.of(invited.room()) : ""));
            case ChatEvent.PresenceChanged presence -> roomEvent(presence.ts(), presence);
            case ChatEvent.TopicChanged topic -> roomEvent(topic.ts(), topic);
            case ChatEvent.RoleChanged role -> roomEvent(role.ts(), role);
            case ChatEvent.TopicLockChanged lock -> roomEvent(lock.ts(), lock);
            case ChatEvent.InviteOnlyChanged only -> roomEvent(only.ts(), only);
            case ChatEvent.ServerBanChanged ban -> roomEvent(ban.ts(), ban);
            case ChatEvent.RoomDeleted deleted -> roomEvent(deleted.ts(), deleted);
            case ChatEvent.BanChanged ban -> roomEvent(ban.ts(), ban);
            case ChatEvent.Refused refused -> style.error("error: " + SafeText.of(refused.message()));
            case ChatEvent.Goodbye goodbye -> "Disconnected by the server: " + SafeText.of(goodbye.reason());
            default -> null;
        };
    }

    /** A change in a room, in the words every interface uses. */
    private String roomEvent(long ts, ChatEvent event) {
        return stamp(ts) + " " + style.notice("* " + SafeText.of(sentences.of(event)));
    }

    private String stamp(long millis) {
        Instant when = millis > 0 ? Instant.ofEpochMilli(millis) : clock.instant();
        return style.time(time.format(when));
    }

    private String history(boolean history) {
        return history ? style.marker("[history]") + " " : "";
    }

    /** A room by name, or "the room" for the one unnamed room of a chat without rooms. */
    private static String where(Conversation room) {
        return room.name().isEmpty() ? "the room" : SafeText.of(room.name());
    }
}
