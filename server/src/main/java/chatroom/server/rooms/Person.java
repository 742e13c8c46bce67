package chatroom.server.rooms;

import chatroom.server.sessions.Session;

import java.time.Instant;
import java.util.Arrays;

/**
 * Someone online: an account (or a guest) with one session per place it is logged in from, all under one display
 * name. Others see the person, not its sessions: once in presence, counts and who. Changed on the rooms thread only;
 * {@link #sessions()} and {@link #name()} may be read from any thread.
 */
final class Person {
    private final String memberKey;
    private final String account;
    private final boolean guest;
    private final Instant since;
    private volatile String name;
    /** Oldest first; a new array on every change, so a reader may hold on to one. */
    private volatile Session[] sessions = new Session[0];

    Person(String memberKey, String account, boolean guest, String name, Instant since) {
        this.memberKey = memberKey;
        this.account = account;
        this.guest = guest;
        this.name = name;
        this.since = since;
    }

    /** How the rooms know it among their members. */
    String memberKey() {
        return memberKey;
    }

    String account() {
        return account;
    }

    boolean guest() {
        return guest;
    }

    /** When it came online: its oldest session's login. */
    Instant since() {
        return since;
    }

    String name() {
        return name;
    }

    /** Renames the person on every device. */
    void renamedTo(String newName) {
        name = newName;
        for (Session session : sessions) {
            session.renamedTo(newName);
        }
    }

    Session[] sessions() {
        return sessions;
    }

    void add(Session session) {
        Session[] grown = Arrays.copyOf(sessions, sessions.length + 1);
        grown[sessions.length] = session;
        sessions = grown;
    }

    void remove(Session session) {
        sessions = Arrays.stream(sessions).filter(s -> s != session).toArray(Session[]::new);
    }

    /**
     * The session a new login ends: the one that held the resume token it came back with (the same device, after a
     * connection the server has not noticed was lost), else the oldest when the person is at its limit; else none.
     */
    Session replacedBy(String redeemedToken, int maxSessions) {
        for (Session session : sessions) {
            if (redeemedToken != null && session.holdsResumeToken(redeemedToken)) {
                return session;
            }
        }
        return sessions.length >= maxSessions ? sessions[0] : null;
    }
}
