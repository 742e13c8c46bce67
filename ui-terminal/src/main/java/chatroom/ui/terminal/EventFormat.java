package chatroom.ui.terminal;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.file.TransferText;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Turns events into the lines people read. The words are the same on a TTY and in a pipe (scripts and tests match
 * them); only the {@link Style} differs. Everything that came from the network passes through {@link SafeText}.
 * Times are the server's, shown as {@code HH:mm:ss} in the clock's zone.
 */
final class EventFormat {
    private final Style style;
    private final Clock clock;
    private final DateTimeFormatter time;

    EventFormat(Style style, Clock clock) {
        this.style = style;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone());
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
    String missed(HistoryEnd end) {
        String count = end.count() == 0 ? "nothing" : end.count() + (end.count() == 1 ? " message" : " messages");
        return style.notice("* " + count + " missed while disconnected"
                + (end.more() ? " shown; more before them: /history" : ""));
    }

    /** Something about the connection itself, such as whether it is encrypted. */
    String notice(String text) {
        return style.notice("* " + SafeText.of(text));
    }

    /** A message that will never be delivered, and why. */
    String notSent(ClientMessage request, String reason) {
        String what = switch (request) {
            case Say say -> "\"" + SafeText.of(say.text()) + "\"";
            case Tell tell -> "\"" + SafeText.of(tell.text()) + "\" to " + SafeText.of(tell.to());
            default -> request.type();
        };
        return style.error("* not sent: " + what + " (" + SafeText.of(reason) + ")");
    }

    /** A line of ours about something the user typed wrong. */
    String mistake(String text) {
        return style.error(text);
    }

    /**
     * The line for an event, or {@code null} when it shows nothing.
     *
     * @param myName       the user's name now, to tell their own private messages from those sent to them
     * @param historyAsked whether this event answers a {@code /history} the user typed, so that even an empty answer
     *                     is shown (the empty history after login is not)
     */
    String event(ServerMessage message, String myName, boolean historyAsked) {
        return switch (message) {
            case ChatMessage chat -> stamp(chat.ts()) + " " + history(chat.history())
                    + style.person(chat.from(), "<" + SafeText.of(chat.from()) + ">") + " " + SafeText.of(chat.text());
            case Announcement announcement -> stamp(announcement.ts()) + " " + history(announcement.history())
                    + style.announcement("! announcement: " + SafeText.of(announcement.text()));
            case FileShared shared -> stamp(shared.ts()) + " " + history(shared.history()) + style.notice("* ")
                    + style.person(shared.from(), SafeText.of(shared.from())) + style.notice(" shared "
                    + SafeText.of(shared.name()) + " (" + TransferText.size(shared.size()) + ")");
            case PrivateMessage whisper -> whisper.from().equals(myName)
                    ? stamp(whisper.ts()) + " " + style.privately("[private to " + SafeText.of(whisper.to()) + "]")
                            + " " + SafeText.of(whisper.text())
                    : stamp(whisper.ts()) + " " + style.privately("[private]") + " "
                            + style.person(whisper.from(), "<" + SafeText.of(whisper.from()) + ">") + " "
                            + SafeText.of(whisper.text());
            case Joined joined -> stamp(joined.ts()) + " " + style.notice("* " + SafeText.of(joined.name())
                    + " joined (" + joined.online() + " online)");
            case Left left -> stamp(left.ts()) + " " + style.notice("* " + SafeText.of(left.name()) + " left: "
                    + SafeText.of(left.reason()) + " (" + left.online() + " online)");
            case Renamed renamed -> stamp(renamed.ts()) + " " + style.notice("* " + SafeText.of(renamed.from())
                    + " is now " + SafeText.of(renamed.to()) + " (" + renamed.online() + " online)");
            case Members members -> style.notice("Online (" + members.users().size() + "): "
                    + members.users().stream().map(Member::name).map(SafeText::of)
                            .collect(Collectors.joining(", ")));
            case HistoryEnd end -> end.count() == 0 && !historyAsked ? null : style.notice(
                    "--- end of history (" + end.count() + (end.count() == 1 ? " message" : " messages")
                            + (end.more() ? "; /history for older" : "") + ") ---");
            case ErrorReply error -> style.error("error: " + SafeText.of(error.message()));
            case Bye bye -> "Disconnected by the server: " + SafeText.of(bye.reason());
            // The transport consumes these while logging in; a late one says nothing new.
            case Welcome welcome -> null;
            case LoggedIn loggedIn -> null;
            case Pong pong -> null;
            // The transport turns these into transfer progress, shown apart.
            case FileOffered offered -> null;
            case FileChunk chunk -> null;
            case FileAck ack -> null;
            case FileDone done -> null;
            case FileCancel cancel -> null;
        };
    }

    private String stamp(long millis) {
        Instant when = millis > 0 ? Instant.ofEpochMilli(millis) : clock.instant();
        return style.time(time.format(when));
    }

    private String history(boolean history) {
        return history ? style.marker("[history]") + " " : "";
    }
}
