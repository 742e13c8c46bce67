package chatroom.server.rooms;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.RoomNames;
import chatroom.server.sessions.Session;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    private long lastId;
    private long historySize;
    /** The accounts (and guests, while their session lasts) in the room, online or not, by key. */
    private final Set<String> members = new HashSet<>();
    /** Written by the rooms thread only (a new array on every change), so a broadcast can hold on to one. */
    private volatile Session[] present = new Session[0];

    /**
     * @param recentHistory the newest history entries, oldest first, as loaded at start
     * @param lastId        the highest id in the room's history
     * @param historySize   how many entries the room's history holds
     * @param recentWindow  how many of the newest entries to keep in memory
     */
    public Room(String name, List<ServerMessage> recentHistory, long lastId, long historySize, int recentWindow) {
        this.name = name;
        this.key = RoomNames.key(name);
        this.recentWindow = recentWindow;
        this.recent.addAll(recentHistory);
        this.lastId = lastId;
        this.historySize = historySize;
    }

    public String name() {
        return name;
    }

    public String key() {
        return key;
    }

    /** Whether an account (or a guest) is a member, by its key. */
    public boolean isMember(String memberKey) {
        return members.contains(memberKey);
    }

    /** How many members the room has, online or not. */
    public int memberCount() {
        return members.size();
    }

    public void join(String memberKey) {
        members.add(memberKey);
    }

    void part(String memberKey) {
        members.remove(memberKey);
    }

    /** The id the next history entry gets. */
    long nextId() {
        return ++lastId;
    }

    long lastId() {
        return lastId;
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

    /** People in the room; safe from any thread. */
    public int online() {
        return present.length;
    }

    void add(Session session) {
        Session[] grown = Arrays.copyOf(present, present.length + 1);
        grown[present.length] = session;
        present = grown;
    }

    void remove(Session session) {
        int index = Arrays.asList(present).indexOf(session);
        if (index < 0) {
            return;
        }
        Session[] shrunk = new Session[present.length - 1];
        System.arraycopy(present, 0, shrunk, 0, index);
        System.arraycopy(present, index + 1, shrunk, index, present.length - index - 1);
        present = shrunk;
    }
}
