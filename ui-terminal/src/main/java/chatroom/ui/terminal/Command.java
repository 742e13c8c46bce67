package chatroom.ui.terminal;

/** What a typed line asks for, as {@link Commands#parse} read it. */
sealed interface Command {
    record Say(String text) implements Command {
    }

    record Tell(String to, String text) implements Command {
    }

    /** List the conversations with unread messages. */
    record Unread() implements Command {
    }

    /** Write privately to someone from now on. */
    record Query(String name) implements Command {
    }

    record Rename(String name) implements Command {
    }

    record Who() implements Command {
    }

    /** Up to {@code limit} entries older than the oldest shown so far. */
    record History(int limit) implements Command {
    }

    /** Sends the file at {@code path} to the room ({@code to} null) or to one person. */
    record SendFile(String path, String to) implements Command {
    }

    /** Stops the transfer shown as {@code [number]}, or the newest running one when {@code number} is 0. */
    record Cancel(int number) implements Command {
    }

    /** Join a room (making it if it does not exist). */
    record Join(String room) implements Command {
    }

    /** Leave a room ({@code null}: the current one), with an optional reason. */
    record Part(String room, String reason) implements Command {
    }

    /** List the rooms whose names contain {@code filter} ({@code null}: all). */
    record Rooms(String filter) implements Command {
    }

    /** Show the current room's topic ({@code text} null) or set it (empty after trimming is not allowed). */
    record Topic(String text) implements Command {
    }

    /** Give a member of the current room a role: operator, member (taking operator away) or owner (handing over). */
    record SetRole(String name, String role) implements Command {
    }

    /** Put someone present out of the current room; {@code reason} may be {@code null}. */
    record Kick(String name, String reason) implements Command {
    }

    /** Ban an account from the current room, or lift its ban. */
    record Ban(String name, boolean banned) implements Command {
    }

    /** Make the current room invite-only, or open to anyone again. */
    record InviteOnly(boolean inviteOnly) implements Command {
    }

    /** Invite an account to the current room. */
    record Invite(String name) implements Command {
    }

    /** Delete a room with its history: asks first, and deletes when {@code confirmed} ({@code /delete #room yes}). */
    record Delete(String room, boolean confirmed) implements Command {
    }

    /** Ban an account from the whole server, or lift its ban (server operators). */
    record ServerBan(String name, boolean banned) implements Command {
    }

    /** Show who is banned from the current room. */
    record Bans() implements Command {
    }

    /** Lock the current room's topic to its owner and operators, or open it to every member. */
    record TopicLock(boolean locked) implements Command {
    }

    /** Make a room the current one: by name, or by its place in the prompt's list (from 1). */
    record Switch(String room, int number) implements Command {
    }

    record Help() implements Command {
    }

    record Quit() implements Command {
    }

    /** A blank line: nothing to send. */
    record Nothing() implements Command {
    }

    /** A command typed wrong; {@code message} says how to type it right. */
    record Mistake(String message) implements Command {
    }
}
