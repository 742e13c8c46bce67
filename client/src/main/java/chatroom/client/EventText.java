package chatroom.client;

import chatroom.api.rules.Roles;

import java.time.Clock;

/**
 * The plain sentence people read for a change in a room (topic, roles, settings, bans, presence, invitations), the
 * same in every user interface; each adds its own time stamp, styling and escaping, and hints of its own (a command
 * to type, a key to press). Network text is passed through as it came: escaping it is the interface's job.
 */
public final class EventText {
    private final Clock clock;

    /** @param clock tells the hours left of an invitation */
    public EventText(Clock clock) {
        this.clock = clock;
    }

    /** The sentence for a room event, or {@code null} for an event this class does not describe. */
    public String of(ChatEvent event) {
        return switch (event) {
            case ChatEvent.PresenceChanged presence -> presence.name() + (presence.online() ? " is online"
                    : " went offline: " + presence.reason()) + " (" + presence.count() + " online)";
            case ChatEvent.TopicChanged topic -> topic.by() + (topic.text().isEmpty()
                    ? " cleared the topic of " + topic.conversation().name()
                    : " set the topic of " + topic.conversation().name() + ": " + topic.text());
            case ChatEvent.RoleChanged role -> role.by() + " made " + (role.you() ? "you" : role.name()) + " "
                    + article(role.role()) + " of " + role.conversation().name();
            case ChatEvent.TopicLockChanged lock -> lock.by() + (lock.locked()
                    ? " locked the topic of " + lock.conversation().name() + " to its owner and operators"
                    : " opened the topic of " + lock.conversation().name() + " to every member");
            case ChatEvent.InviteOnlyChanged only -> only.by() + (only.inviteOnly() ? " made " : " opened ")
                    + only.conversation().name() + (only.inviteOnly() ? " invite-only" : " to anyone");
            case ChatEvent.Invited invited -> invited.you()
                    ? invited.by() + " invited you to " + invited.room() + hoursLeft(invited.expires())
                    : invited.name() + " is invited to " + invited.room() + hoursLeft(invited.expires());
            case ChatEvent.ServerBanChanged ban -> ban.name() + (ban.banned() ? " is banned from the server"
                    : " is no longer banned from the server");
            case ChatEvent.RoomDeleted deleted -> deleted.by() + " deleted " + deleted.conversation().name();
            case ChatEvent.BanChanged ban -> ban.by() + (ban.banned() ? " banned " : " lifted the ban on ")
                    + (ban.you() ? "you" : ban.name()) + (ban.banned() ? " from " : " in ")
                    + ban.conversation().name();
            default -> null;
        };
    }

    /** " for 24 hours": how long until {@code expires}, in whole hours (at least one). */
    private String hoursLeft(long expires) {
        long hours = Math.max(1, Math.round((expires - clock.millis()) / 3_600_000.0));
        return " for " + hours + (hours == 1 ? " hour" : " hours");
    }

    /** "the owner", "an operator", "a member". */
    static String article(String role) {
        return switch (role) {
            case Roles.OWNER -> "the owner";
            case Roles.OPERATOR -> "an operator";
            default -> "a member";
        };
    }
}
