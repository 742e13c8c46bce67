package chatroom.server.rooms;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.Roles;
import chatroom.api.rules.RoomNames;
import chatroom.server.sessions.Session;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One room's state: its name, its own sequence of history ids, the newest entries kept in memory for replays, and
 * the sessions present in it. Changed on the rooms thread only; {@link #present()} and {@link #online()} may be
 * read from any thread.
 */
public final class Room {
    private final String name;
    private final String key;
    private final int recentWindow;
    private final ArrayDeque<ServerMessage> recent = new ArrayDeque<>();
    /** Written by the rooms thread only; read by sessions for unread counts and the conversation list. */
    private volatile long lastId;
    /** When the newest entry was said (milliseconds since the epoch), 0 for none; read as {@link #lastId}. */
    private volatile long lastTs;
    private long historySize;
    /**
     * The accounts (and guests, while their session lasts) in the room, online or not: key to name and since when.
     * Written by the rooms thread; read by sessions too (whether someone may page the room's history).
     */
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private volatile String topic;
    /** The owner's account key, or {@code null} for a room the server made (or a guest). */
    private String ownerKey;
    /** The member keys of the room's operators (accounts only). */
    private final Set<String> operators = new HashSet<>();
    /** Whether only the owner and operators set the topic (the default) rather than every member. */
    private boolean topicLocked = true;
    /** The accounts banned from the room: key to account name. */
    private final Map<String, String> banned = new HashMap<>();
    /** Whether only those invited may join. */
    private boolean inviteOnly;
    /** The accounts invited to the room, by key, until when (milliseconds since the epoch). */
    private final Map<String, Long> invites = new HashMap<>();
    /** Written by the rooms thread only (a new array on every change), so a broadcast can hold on to one. */
    private volatile Session[] present = new Session[0];
    /** The same sessions by the protocol they speak, so each hears the room in its own words. */
    private volatile Session[] presentV1 = new Session[0];
    private volatile Session[] presentV2 = new Session[0];
    /** How many sessions of each member (by key) are present: a person on two devices is here once. */
    private final Map<String, Integer> sessionsHere = new HashMap<>();
    /** How many people are present; safe from any thread. */
    private volatile int people;
    /** Members online on other nodes (a node of several), whether here too or not; rooms thread only. */
    private final Set<String> elsewhere = new HashSet<>();
    /** How many of {@link #elsewhere} have no session here: with {@link #sessionsHere}, the room's online count. */
    private int elsewhereOnly;

    /** A member: the name it had when it joined (an account's registered name) and when that was. */
    public record Member(String name, long since) {
    }

    /**
     * @param recentHistory the newest history entries, oldest first, as loaded at start
     * @param lastId        the highest id in the room's history
     * @param historySize   how many entries the room's history holds
     * @param recentWindow  how many of the newest entries to keep in memory
     */
    public Room(String name, List<ServerMessage> recentHistory, long lastId, long historySize, int recentWindow) {
        this(name, null, null, recentHistory, lastId, historySize, recentWindow);
    }

    /**
     * @param topic    the topic, or {@code null} for none
     * @param ownerKey the owner's account key, or {@code null} for a room the server made
     */
    public Room(String name, String topic, String ownerKey, List<ServerMessage> recentHistory, long lastId,
                long historySize, int recentWindow) {
        this.name = name;
        this.topic = topic;
        this.ownerKey = ownerKey;
        this.key = RoomNames.key(name);
        this.recentWindow = recentWindow;
        this.recent.addAll(recentHistory);
        this.lastId = lastId;
        this.lastTs = recentHistory.isEmpty() ? 0 : Entries.tsOf(recentHistory.getLast());
        this.historySize = historySize;
    }

    public String name() {
        return name;
    }

    public String key() {
        return key;
    }

    /** Whether an account (or a guest) is a member, by its key; safe from any thread. */
    public boolean isMember(String memberKey) {
        return members.containsKey(memberKey);
    }

    /** The members by key; not to be changed. */
    Map<String, Member> members() {
        return members;
    }

    public void join(String memberKey, String memberName, long since) {
        members.putIfAbsent(memberKey, new Member(memberName, since));
    }

    void part(String memberKey) {
        members.remove(memberKey);
        operators.remove(memberKey);
    }

    /** The member's role: {@code owner}, {@code operator} or {@code member}. */
    String roleOf(String memberKey) {
        if (ownerKey != null && ownerKey.equals(memberKey)) {
            return Roles.OWNER;
        }
        return operators.contains(memberKey) ? Roles.OPERATOR : Roles.MEMBER;
    }

    /** The owner's account key, or {@code null} for a room the server made (or a guest). */
    String ownerKey() {
        return ownerKey;
    }

    /** Makes a member one of the operators, or not. */
    public void operator(String memberKey, boolean operator) {
        if (operator) {
            operators.add(memberKey);
        } else {
            operators.remove(memberKey);
        }
    }

    /** Hands the room to another account; the owner it had stays as an operator. */
    void handTo(String newOwnerKey) {
        if (ownerKey != null) {
            operators.add(ownerKey);
        }
        operators.remove(newOwnerKey);
        ownerKey = newOwnerKey;
    }

    /** Bans an account (by key; its name for the ban list), or lifts its ban. */
    public void ban(String accountKey, String name, boolean ban) {
        if (ban) {
            banned.put(accountKey, name);
        } else {
            banned.remove(accountKey);
        }
    }

    boolean isBanned(String memberKey) {
        return banned.containsKey(memberKey);
    }

    /** The names of the accounts banned from the room, sorted. */
    List<String> bannedNames() {
        return banned.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    boolean inviteOnly() {
        return inviteOnly;
    }

    public void inviteOnly(boolean only) {
        inviteOnly = only;
    }

    /** Invites an account until {@code expires}, or forgets its invite ({@code expires} null). */
    public void invite(String accountKey, Long expires) {
        if (expires == null) {
            invites.remove(accountKey);
        } else {
            invites.put(accountKey, expires);
        }
    }

    /** Whether the account holds an invite that has not expired at {@code now}. */
    boolean invited(String accountKey, long now) {
        Long expires = invites.get(accountKey);
        return expires != null && expires > now;
    }

    /** Whether any invite, expired or not, is kept for the account. */
    boolean holdsInvite(String accountKey) {
        return invites.containsKey(accountKey);
    }

    boolean topicLocked() {
        return topicLocked;
    }

    public void topicLocked(boolean locked) {
        topicLocked = locked;
    }

    /** Why a request about a room of that name is refused when there is none. */
    public static String noSuchRoom(String name) {
        return "There is no room called '" + name + "'.";
    }

    /** Why a request about this room is refused for someone not in it. */
    public String notInIt() {
        return "You are not in " + name + "; join it first.";
    }

    /** The topic, or {@code null} for none. */
    public String topic() {
        return topic;
    }

    void topic(String text) {
        topic = text == null || text.isEmpty() ? null : text;
    }

    /** What the room is, as the room list and a joiner see it. */
    RoomInfo info() {
        return new RoomInfo(name, topic, members.size(), people, topicLocked, inviteOnly);
    }

    /** On a node of several: the entry with this id, numbered by the database, is the room's newest now. */
    void advanceTo(long id) {
        lastId = id;
    }

    /** The id the next history entry gets. */
    long nextId() {
        return ++lastId;
    }

    /** The newest id in the room's history: ids count up from 1 without gaps, so it is also how many there are. */
    public long lastId() {
        return lastId;
    }

    /** When the newest entry was said, 0 for none; safe from any thread. */
    public long lastTs() {
        return lastTs;
    }

    /** The entries after a read marker; safe from any thread. */
    public long unreadAfter(long marker) {
        return Math.max(0, lastId - marker);
    }

    long historySize() {
        return historySize;
    }

    /** The newest entries, oldest first; not to be changed. */
    ArrayDeque<ServerMessage> recent() {
        return recent;
    }

    /** Keeps a new entry for replays, as history. */
    void remember(ServerMessage entry) {
        lastTs = Entries.tsOf(entry);
        recent.addLast(switch (entry) {
            case ChatMessage m -> m.asHistory();
            case Announcement a -> a.asHistory();
            case FileShared f -> f.asHistory();
            default -> entry;
        });
        while (recent.size() > recentWindow) {
            recent.removeFirst();
        }
        historySize++;
    }

    /** The sessions in the room as of a moment ago; safe from any thread. The array must not be changed. */
    public Session[] present() {
        return present;
    }

    /** People in the room, each once however many devices it is here from; safe from any thread. */
    public int online() {
        return people;
    }

    /** Whether a member (by key) is here from at least one session; rooms thread only. */
    boolean isHere(String memberKey) {
        return sessionsHere.containsKey(memberKey);
    }

    /** The sessions present that speak protocol 1, or 2; safe from any thread. */
    Session[] present(int protocol) {
        return protocol == 1 ? presentV1 : presentV2;
    }

    /**
     * Puts a session of a member in the room.
     *
     * @return whether the member came online here with it (it had no other session here)
     */
    boolean add(Session session, String memberKey) {
        present = grown(present, session);
        if (session.protocol() == 1) {
            presentV1 = grown(presentV1, session);
        } else {
            presentV2 = grown(presentV2, session);
        }
        boolean first = sessionsHere.merge(memberKey, 1, Integer::sum) == 1;
        boolean online = first && !elsewhere.contains(memberKey);
        if (first && !online) {
            elsewhereOnly--;
        }
        people = sessionsHere.size() + elsewhereOnly;
        return online;
    }

    /**
     * On a node of several: a member of the room came online on another node.
     *
     * @return whether that brought the member online in the room (it was not here already)
     */
    boolean arrivedElsewhere(String memberKey) {
        boolean online = elsewhere.add(memberKey) && !sessionsHere.containsKey(memberKey);
        if (online) {
            elsewhereOnly++;
            people = sessionsHere.size() + elsewhereOnly;
        }
        return online;
    }

    /**
     * On a node of several: a member of the room went offline on the other nodes.
     *
     * @return whether that took the member offline in the room (it is not here either)
     */
    boolean departedElsewhere(String memberKey) {
        boolean offline = elsewhere.remove(memberKey) && !sessionsHere.containsKey(memberKey);
        if (offline) {
            elsewhereOnly--;
            people = sessionsHere.size() + elsewhereOnly;
        }
        return offline;
    }

    /** The members (by key) online in the room on other nodes, here too or not; rooms thread only. */
    Set<String> elsewhere() {
        return java.util.Collections.unmodifiableSet(elsewhere);
    }

    /**
     * Takes a session of a member out of the room.
     *
     * @return whether the member went offline here with it (it was here, and from no other session)
     */
    boolean remove(Session session, String memberKey) {
        Session[] before = present;
        present = shrunk(present, session);
        presentV1 = shrunk(presentV1, session);
        presentV2 = shrunk(presentV2, session);
        if (present == before) {
            return false;
        }
        boolean last = sessionsHere.merge(memberKey, -1, Integer::sum) == 0;
        if (last) {
            sessionsHere.remove(memberKey);
        }
        boolean offline = last && !elsewhere.contains(memberKey);
        if (last && !offline) {
            elsewhereOnly++;
        }
        people = sessionsHere.size() + elsewhereOnly;
        return offline;
    }

    public boolean isPresent(Session session) {
        return Arrays.asList(present).contains(session);
    }

    private static Session[] grown(Session[] sessions, Session session) {
        Session[] grown = Arrays.copyOf(sessions, sessions.length + 1);
        grown[sessions.length] = session;
        return grown;
    }

    private static Session[] shrunk(Session[] sessions, Session session) {
        int index = Arrays.asList(sessions).indexOf(session);
        if (index < 0) {
            return sessions;
        }
        Session[] shrunk = new Session[sessions.length - 1];
        System.arraycopy(sessions, 0, shrunk, 0, index);
        System.arraycopy(sessions, index + 1, shrunk, index, sessions.length - index - 1);
        return shrunk;
    }
}
