package chatroom.client;

import chatroom.api.spi.FileTransfer;

import java.util.List;

/**
 * Something that changed in the {@link Chat}, for the user interfaces to show. Each comes after the model has changed,
 * so reading the model while handling one sees the state it describes.
 */
public sealed interface ChatEvent {
    /** The user is in: under this name, with this many online. Earlier events that waited for it follow. */
    record LoggedIn(String me, int online) implements ChatEvent {
    }

    /** A newer entry at the end of a conversation: said just now, or missed while reconnecting. */
    record Added(Conversation conversation, Entry entry) implements ChatEvent {
    }

    /**
     * Older entries were put in front of a conversation, oldest first: the replay at login, or a page of history.
     *
     * @param asked whether the user asked for the page (the replay at login was not asked for)
     * @param more  whether still older entries exist
     */
    record HistoryLoaded(Conversation conversation, List<Entry> entries, boolean asked, boolean more)
            implements ChatEvent {
    }

    /** The entries missed while reconnecting have all been added; {@code more} when not all of them could be. */
    record CaughtUp(Conversation conversation, int missed, boolean more) implements ChatEvent {
    }

    record MemberJoined(Conversation conversation, String name, boolean guest, long ts, int online, boolean you)
            implements ChatEvent {
    }

    /** Someone left a room; {@code you} when it is the user, whose room it no longer is. */
    record MemberLeft(Conversation conversation, String name, String reason, long ts, int online, boolean you)
            implements ChatEvent {
    }

    /** Someone took another name; the member lists and a private conversation with them follow it. */
    record Renamed(String from, String to, long ts, int online, boolean you) implements ChatEvent {
    }

    /** The member list was read afresh; {@code asked} when the user asked who is online. */
    record MembersListed(Conversation conversation, boolean asked) implements ChatEvent {
    }

    /** A member of a room came online or went offline (rooms only). */
    record PresenceChanged(Conversation conversation, String name, boolean online, String reason, long ts, int count)
            implements ChatEvent {
    }

    /** A room's topic changed (rooms only); empty text: cleared. */
    record TopicChanged(Conversation conversation, String by, String text, long ts) implements ChatEvent {
    }

    /** Someone's role in a room changed (rooms only): {@code owner}, {@code operator} or {@code member}. */
    record RoleChanged(Conversation conversation, String name, String role, String by, long ts, boolean you)
            implements ChatEvent {
    }

    /** A room's topic was locked to its owner and operators, or opened to every member (rooms only). */
    record TopicLockChanged(Conversation conversation, String by, boolean locked, long ts) implements ChatEvent {
    }

    /** A room was made invite-only, or open to anyone again (rooms only). */
    record InviteOnlyChanged(Conversation conversation, String by, boolean inviteOnly, long ts) implements ChatEvent {
    }

    /**
     * An account was invited to a room (rooms only): told to whoever invited it ({@code you} false) and to the
     * invited user ({@code you} true), who is not in the room yet.
     */
    record Invited(String room, String name, String by, long expires, boolean you) implements ChatEvent {
    }

    /** A room was deleted with its history (rooms only); a {@link RoomClosed} follows. */
    record RoomDeleted(Conversation conversation, String by, long ts) implements ChatEvent {
    }

    /** An account was banned from the whole server, or its ban lifted: the answer to a server operator's request. */
    record ServerBanChanged(String name, boolean banned, long ts) implements ChatEvent {
    }

    /** An account was banned from a room, or its ban lifted (rooms only); {@code you} when it is the user's. */
    record BanChanged(Conversation conversation, String name, String by, boolean banned, long ts, boolean you)
            implements ChatEvent {
    }

    /** Who is banned from a room (rooms only); {@code more} when the server has more names than these. */
    record BansListed(Conversation conversation, List<String> names, boolean more) implements ChatEvent {
    }

    /** A page of the room list (rooms only), in name order; {@code more} when rooms after these match too. */
    record RoomsListed(List<RoomSummary> rooms, boolean more) implements ChatEvent {
    }

    /** The user is no longer in this room (rooms only): it left it. */
    record RoomClosed(Conversation conversation) implements ChatEvent {
    }

    /** A private conversation began, or (rooms only) the user came into a room. */
    record ConversationOpened(Conversation conversation) implements ChatEvent {
    }

    /** A conversation's unread count changed. */
    record UnreadChanged(Conversation conversation) implements ChatEvent {
    }

    /**
     * The server refused a request.
     *
     * @param request the request's type, such as {@code nick}, or {@code null} when the server did not say
     */
    record Refused(String request, String code, String message) implements ChatEvent {
    }

    /** The server is closing the connection and says why; {@code asked} when the user logged out. */
    record Goodbye(String code, String reason, boolean asked) implements ChatEvent {
    }

    record Reconnecting(String reason, int attempt) implements ChatEvent {
    }

    /** Logged in again; what was missed follows as {@link Added} entries and ends with {@link CaughtUp}. */
    record Reconnected() implements ChatEvent {
    }

    /**
     * The session is over; nothing follows.
     *
     * @param reason why, the server's goodbye if it gave one
     * @param error  whether it ended without the user asking
     */
    record Disconnected(String reason, boolean error) implements ChatEvent {
    }

    /** Something about the connection itself: not encrypted, a certificate trusted for the first time. */
    record Notice(String text) implements ChatEvent {
    }

    /** A message the user wrote here will never be delivered. */
    record NotSent(Conversation conversation, String text, String reason) implements ChatEvent {
    }

    /** A file on its way to or from the conversation. */
    record Transfer(Conversation conversation, FileTransfer transfer) implements ChatEvent {
    }
}
