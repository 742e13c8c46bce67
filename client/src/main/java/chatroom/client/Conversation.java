package chatroom.client;

import chatroom.api.rules.Roles;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A room or a private conversation as the user sees it: its entries (at most {@link #MAX_ENTRIES}, oldest first),
 * its members online, its unread count and where paging through its history stands. Read on the model's thread;
 * only the {@link Chat} changes it.
 */
public final class Conversation {
    /** Entries kept per conversation; live ones push the oldest out, and no more history is paged in. */
    public static final int MAX_ENTRIES = 5000;
    /** Members are listed as the server sorts them: ignoring case first. */
    static final Comparator<String> MEMBER_ORDER = String.CASE_INSENSITIVE_ORDER
            .thenComparing(Comparator.naturalOrder());

    public enum Kind { ROOM, PRIVATE }

    private final Kind kind;
    private String name;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Set<Long> ids = new HashSet<>();
    private final List<String> members = new ArrayList<>();
    /** A room's members who are offline, as the last {@code who} and presence changes told; sorted. */
    private final List<String> offline = new ArrayList<>();
    /** Roles other than plain member, by display name, as the last {@code who} and role changes told. */
    private final Map<String, String> roles = new HashMap<>();
    private boolean topicLocked = true;
    private boolean inviteOnly;
    private int online;
    private int unread;
    private String topic;
    private boolean older = true;
    private int pagesAsked;

    Conversation(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRoom() {
        return kind == Kind.ROOM;
    }

    /** The room's name ({@code ""} for the one room of a protocol-1 server or a UDP group), or the other person's. */
    public String name() {
        return name;
    }

    /** The entries, oldest first; a copy. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Who is in the conversation and online, sorted; a copy. */
    public List<String> members() {
        return Collections.unmodifiableList(new ArrayList<>(members));
    }

    /** A room's members who are offline (rooms only: known once its members were asked for), sorted; a copy. */
    public List<String> offlineMembers() {
        return List.copyOf(offline);
    }

    /** How many are online here, as the server last said. */
    public int online() {
        return online;
    }

    /** A room's topic, or {@code null} for none. */
    public String topic() {
        return topic;
    }

    void topic(String text) {
        topic = text == null || text.isEmpty() ? null : text;
    }

    /** Messages from others since the user last read this conversation. */
    public int unread() {
        return unread;
    }

    /** Whether older entries may exist on the server, to be paged in. */
    public boolean hasOlder() {
        return older && !isFull();
    }

    /** The smallest history id shown, or 0 when none: where the next page ends. */
    public long oldestId() {
        long oldest = 0;
        for (Entry entry : entries) {
            if (entry.id() > 0 && (oldest == 0 || entry.id() < oldest)) {
                oldest = entry.id();
            }
        }
        return oldest;
    }

    /** The largest id shown, or 0 when none: what a catch-up after a reconnect starts after. */
    public long newestId() {
        long newest = 0;
        for (Entry entry : entries) {
            newest = Math.max(newest, entry.id());
        }
        return newest;
    }

    /** Whether a history page asked for has not arrived yet. */
    public boolean historyPending() {
        return pagesAsked > 0;
    }

    public boolean isFull() {
        return entries.size() >= MAX_ENTRIES;
    }

    // The model's side.

    /** Adds a newer entry at the end; false when an entry with its id is here already. */
    boolean append(Entry entry) {
        if (entry.id() > 0 && !ids.add(entry.id())) {
            return false;
        }
        entries.addLast(entry);
        while (entries.size() > MAX_ENTRIES) {
            Entry dropped = entries.removeFirst();
            ids.remove(dropped.id());
        }
        return true;
    }

    /** Puts older entries (oldest first) in front, as far as room is left; returns those that were new. */
    List<Entry> prepend(List<Entry> older) {
        List<Entry> added = new ArrayList<>();
        for (Entry entry : older) {
            if (entries.size() + added.size() >= MAX_ENTRIES) {
                break;
            }
            if (entry.id() <= 0 || ids.add(entry.id())) {
                added.add(entry);
            }
        }
        for (int i = added.size() - 1; i >= 0; i--) {
            entries.addFirst(added.get(i));
        }
        return added;
    }

    void older(boolean more) {
        older = more;
    }

    void pageAsked() {
        pagesAsked++;
    }

    /** A page arrived; whether one was asked for (else it was the replay at login). */
    boolean pageArrived() {
        if (pagesAsked == 0) {
            return false;
        }
        pagesAsked--;
        return true;
    }

    void forgetPages() {
        pagesAsked = 0;
    }

    void online(int count) {
        online = count;
    }

    /** Someone came in, or a member came online. */
    void joined(String member) {
        offline.remove(member);
        insertSorted(members, member);
    }

    /** Someone left: no longer a member, online or not. */
    void left(String member) {
        members.remove(member);
        offline.remove(member);
    }

    /** A member went offline and stays a member. */
    void wentOffline(String member) {
        if (members.remove(member)) {
            insertSorted(offline, member);
        }
    }

    void members(List<String> names) {
        members(names, List.of());
    }

    void members(List<String> online, List<String> away) {
        members.clear();
        members.addAll(online);
        members.sort(MEMBER_ORDER);
        offline.clear();
        offline.addAll(away);
        offline.sort(MEMBER_ORDER);
    }

    private static void insertSorted(List<String> names, String name) {
        if (names.contains(name)) {
            return;
        }
        int at = 0;
        while (at < names.size() && MEMBER_ORDER.compare(names.get(at), name) < 0) {
            at++;
        }
        names.add(at, name);
    }

    /** A member's role in this room: {@code owner}, {@code operator} or {@code member} (also when not known). */
    public String roleOf(String member) {
        return roles.getOrDefault(member, Roles.MEMBER);
    }

    void role(String member, String role) {
        if (role == null || role.equals(Roles.MEMBER)) {
            roles.remove(member);
        } else {
            roles.put(member, role);
        }
    }

    /** Whether only those invited may join the room. */
    public boolean inviteOnly() {
        return inviteOnly;
    }

    void inviteOnly(boolean only) {
        inviteOnly = only;
    }

    /** Whether only the room's owner and operators may set its topic. */
    public boolean topicLocked() {
        return topicLocked;
    }

    void topicLocked(boolean locked) {
        topicLocked = locked;
    }

    void rename(String to) {
        name = to;
    }

    void unreadOneMore() {
        unread++;
    }

    /** The unread count as the server keeps it (from the account's read marker), at login. */
    void unread(long count) {
        unread = (int) Math.min(Integer.MAX_VALUE, Math.max(0, count));
    }

    /** The highest id the user's read marker was reported at, and when ({@link System#nanoTime}). */
    long reportedRead;
    long reportedAt;
    /** The highest id the user has read here, reported or not yet. */
    long readUpTo;
    /** Whether a report of what was read waits for the interval between reports to end. */
    boolean reportDue;

    /** Whether there was anything unread. */
    boolean markRead() {
        boolean had = unread > 0;
        unread = 0;
        return had;
    }

    @Override
    public String toString() {
        return (isRoom() ? "room '" : "private with '") + name + "'";
    }
}
