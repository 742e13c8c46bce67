package chatroom.transport.irc;

import chatroom.api.message.Limits;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one IRC connection knows: how far its registration got, its nick, its channels and their topics, and the
 * answers it waits for. Guarded by its own monitor, which {@link IrcClient} holds around every use.
 */
final class IrcState {
    /** Read markers go to the server at most this often per room, however busy it is. */
    static final long READ_REPORT_NANOS = 5_000_000_000L;

    /** Why a {@code who} was sent: the names of a channel (NAMES, or after a join) or a WHO listing. */
    enum Listing { NAMES, WHO }

    private String requestedNick;
    private String user;
    private String password;
    private boolean negotiating;
    private final Set<String> capabilities = new LinkedHashSet<>();
    private boolean saslStarted;
    private String saslAccount;
    private boolean loggingIn;
    private boolean asGuest;
    private LoggedIn loggedIn;
    private boolean registered;
    private String nick;
    private Limits limits;
    /** The channels the user is in, by room key, with their names as the server spells them. */
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final Map<String, String> topics = new HashMap<>();
    private final Map<String, Deque<Listing>> listings = new HashMap<>();
    /** Who the last request of each kind named, for the numerics that must repeat it. */
    private final Map<String, String> lastTarget = new HashMap<>();
    /** The channel modes as last told: topic locked ({@code t}) and invite-only ({@code i}), by room key. */
    private final Map<String, String> modes = new HashMap<>();
    /** The nicks seen in the user's channels (names, joins, parts, renames): nick key to their channels' keys. */
    private final Map<String, Set<String>> seen = new HashMap<>();
    private String away;
    /**
     * Who was last told gone with a QUIT: the server tells a person's going offline once per shared room, one
     * notice after another, and IRC says it once. Cleared when that person is seen arriving again.
     */
    private String lastQuit;
    /** Names known to be guests (from member lists): no account tag for them. */
    private final Set<String> guests = new java.util.HashSet<>();
    /** History entries of each room's replay on their way, until its end. */
    private final Map<String, java.util.List<chatroom.api.message.ServerMessage>> replays = new HashMap<>();
    /** A replay's lines held until the channel's JOIN, which comes after it. */
    private final Map<String, java.util.List<String>> heldReplays = new HashMap<>();
    /** How many of a room's first replay to show: the login's unread count there, when it had one. */
    private final Map<String, Long> replayLimits = new HashMap<>();
    /** The newest id delivered in each room, and when its read marker was last reported. */
    private final Map<String, long[]> delivered = new HashMap<>();
    private int batches;
    private String lastRoom;
    private String lastRoomKey;
    /** Whether any capability that tags messages is on. */
    private boolean tagging;
    private final String connectionId = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private long ids;
    /** The label of the command being handled ({@code labeled-response}), or null. */
    private String label;
    /** Rooms whose replay (after the login or a join) has not ended yet. */
    private final Set<String> replaying = new java.util.HashSet<>();
    /** CHATHISTORY commands waiting for their page, by the key of their room or nick. */
    private final Map<String, Deque<ChatHistory>> histories = new HashMap<>();
    /** History requests held until a room's replay ended, so that each page is told from the replay. */
    private final Map<String, java.util.List<chatroom.api.message.ClientMessage>> heldRequests = new HashMap<>();

    String requestedNick() {
        return requestedNick;
    }

    void requestedNick(String value) {
        requestedNick = value;
    }

    String user() {
        return user;
    }

    void user(String value) {
        user = value;
    }

    String password() {
        return password;
    }

    void password(String value) {
        password = value;
    }

    boolean negotiating() {
        return negotiating;
    }

    void negotiating(boolean value) {
        negotiating = value;
    }

    Set<String> capabilities() {
        return capabilities;
    }

    /** Turns a capability on, or off with a leading {@code -}. */
    void capability(String change) {
        if (change.startsWith("-")) {
            capabilities.remove(change.substring(1));
        } else {
            capabilities.add(change);
        }
        tagging = has("server-time") || has("message-tags") || has("account-tag");
    }

    /** Whether messages carry tags for this client (else their lines are alike for every such client). */
    boolean tagging() {
        return tagging;
    }

    boolean has(String capability) {
        return capabilities.contains(capability);
    }

    boolean saslStarted() {
        return saslStarted;
    }

    void saslStarted(boolean value) {
        saslStarted = value;
    }

    String saslAccount() {
        return saslAccount;
    }

    void sasl(String account, String secret) {
        saslAccount = account;
        password = secret;
    }

    boolean loggingIn() {
        return loggingIn;
    }

    /** A login went to the server; its answer decides. */
    Login loginStarted(Login login) {
        loggingIn = true;
        asGuest = login.isGuest();
        return login;
    }

    /** Whether the user logged in as a guest, who keeps no read markers. */
    boolean asGuest() {
        return asGuest;
    }

    /** The login was refused: NICK, PASS or AUTHENTICATE may try again. */
    void loginRefused() {
        loggingIn = false;
        saslAccount = null;
        password = null;
    }

    LoggedIn loggedIn() {
        return loggedIn;
    }

    void loggedIn(LoggedIn value) {
        loggingIn = false;
        loggedIn = value;
        nick = value.name();
    }

    boolean registered() {
        return registered;
    }

    void registered(boolean value) {
        registered = value;
    }

    /** The nick, or {@code *} before there is one, as numerics address the client. */
    String nickOrStar() {
        return nick != null ? nick : "*";
    }

    String nick() {
        return nick;
    }

    void nick(String value) {
        nick = value;
    }

    Limits limits() {
        return limits;
    }

    void limits(Limits value) {
        limits = value;
    }

    void joined(String room) {
        channels.put(RoomNames.key(room), room);
    }

    void parted(String room) {
        channels.remove(RoomNames.key(room));
        topics.remove(RoomNames.key(room));
    }

    boolean inChannel(String room) {
        return channels.containsKey(RoomNames.key(room));
    }

    Iterable<String> channels() {
        return channels.values();
    }

    String topic(String room) {
        return topics.get(RoomNames.key(room));
    }

    void topic(String room, String text) {
        if (text == null || text.isEmpty()) {
            topics.remove(RoomNames.key(room));
        } else {
            topics.put(RoomNames.key(room), text);
        }
    }

    void listingAsked(String room, Listing listing) {
        listings.computeIfAbsent(RoomNames.key(room), any -> new ArrayDeque<>()).add(listing);
    }

    /** Why the member list of this room was asked for; NAMES when nothing waits for it. */
    Listing listingAnswered(String room) {
        Deque<Listing> waiting = listings.get(RoomNames.key(room));
        Listing listing = waiting == null ? null : waiting.poll();
        return listing == null ? Listing.NAMES : listing;
    }

    /** The channel's modes as {@code +t}, {@code +ti}, {@code +i} or {@code +}. */
    String modes(String room) {
        return modes.getOrDefault(RoomNames.key(room), "+t");
    }

    void modes(String room, boolean topicLocked, boolean inviteOnly) {
        modes.put(RoomNames.key(room), "+" + (topicLocked ? "t" : "") + (inviteOnly ? "i" : ""));
    }

    /** Someone is in a channel of the user's. */
    void sees(String nick, String room) {
        seen.computeIfAbsent(Names.key(nick), any -> new LinkedHashSet<>()).add(RoomNames.key(room));
    }

    /** Whether someone's going offline is news here: not when its QUIT went out for another shared room. */
    boolean quits(String nick) {
        String key = Names.key(nick);
        if (key.equals(lastQuit)) {
            return false;
        }
        lastQuit = key;
        return true;
    }

    /** Someone came online or joined: a later going offline is news again. */
    void arrived(String nick) {
        if (lastQuit != null && lastQuit.equals(Names.key(nick))) {
            lastQuit = null;
        }
    }

    /** Someone left a channel of the user's. */
    void seesNoMore(String nick, String room) {
        Set<String> rooms = seen.get(Names.key(nick));
        if (rooms != null && rooms.remove(RoomNames.key(room)) && rooms.isEmpty()) {
            seen.remove(Names.key(nick));
        }
    }

    void renamed(String from, String to) {
        Set<String> rooms = seen.remove(Names.key(from));
        if (rooms != null) {
            seen.put(Names.key(to), rooms);
        }
    }

    /** The channels of the user's that someone is in, as the server spells them; empty when not seen. */
    java.util.List<String> channelsOf(String nick) {
        return seen.getOrDefault(Names.key(nick), Set.of()).stream().map(channels::get)
                .filter(java.util.Objects::nonNull).toList();
    }

    void guest(String name, boolean guest) {
        if (guest) {
            guests.add(Names.key(name));
        } else {
            guests.remove(Names.key(name));
        }
    }

    boolean isGuest(String name) {
        return guests.contains(Names.key(name));
    }

    /** A history entry of a room's replay or page, or of a private conversation's page (by the other's nick). */
    void replayed(String target, chatroom.api.message.ServerMessage entry) {
        replays.computeIfAbsent(historyKey(target), any -> new java.util.ArrayList<>()).add(entry);
    }

    /** A page that just ended, whole. */
    java.util.List<chatroom.api.message.ServerMessage> pageTaken(String target) {
        java.util.List<chatroom.api.message.ServerMessage> entries = replays.remove(historyKey(target));
        return entries == null ? java.util.List.of() : entries;
    }

    /** The replay that just ended, cut to the login's unread count for the room's first replay. */
    java.util.List<chatroom.api.message.ServerMessage> replayTaken(String room) {
        java.util.List<chatroom.api.message.ServerMessage> entries = pageTaken(room);
        Long limit = replayLimits.remove(RoomNames.key(room));
        return limit == null || limit >= entries.size() ? entries
                : entries.subList(entries.size() - (int) Math.max(0, limit), entries.size());
    }

    void replayLimit(String room, Long unread) {
        if (unread != null) {
            replayLimits.put(RoomNames.key(room), unread);
        }
    }

    void holdReplay(String room, java.util.List<String> lines) {
        heldReplays.computeIfAbsent(RoomNames.key(room), any -> new java.util.ArrayList<>()).addAll(lines);
    }

    java.util.List<String> heldReplay(String room) {
        java.util.List<String> held = heldReplays.remove(RoomNames.key(room));
        return held == null ? java.util.List.of() : held;
    }

    void replayExpected(String room) {
        replaying.add(RoomNames.key(room));
    }

    boolean replaying(String room) {
        return replaying.contains(RoomNames.key(room));
    }

    /** A room's replay ended, or will not come (its join was refused): the requests held for it, to send now. */
    java.util.List<chatroom.api.message.ClientMessage> replayDone(String room) {
        replaying.remove(RoomNames.key(room));
        java.util.List<chatroom.api.message.ClientMessage> held = heldRequests.remove(RoomNames.key(room));
        return held == null ? java.util.List.of() : held;
    }

    void holdRequest(String room, chatroom.api.message.ClientMessage request) {
        heldRequests.computeIfAbsent(RoomNames.key(room), any -> new java.util.ArrayList<>()).add(request);
    }

    private static String historyKey(String target) {
        return target.startsWith("#") ? RoomNames.key(target) : Names.key(target);
    }

    void historyAsked(ChatHistory history) {
        histories.computeIfAbsent(historyKey(history.target()), any -> new ArrayDeque<>()).add(history);
    }

    /** The CHATHISTORY command a page of this room or conversation answers, if one waits. */
    ChatHistory historyAnswered(String target) {
        Deque<ChatHistory> waiting = histories.get(historyKey(target));
        return waiting == null ? null : waiting.poll();
    }

    boolean historyWaits(String target) {
        Deque<ChatHistory> waiting = histories.get(historyKey(target));
        return waiting != null && !waiting.isEmpty();
    }

    /** An id no other connection or message has: a random one per connection and a count. */
    String uniqueId() {
        return connectionId + "." + (++ids);
    }

    String label() {
        return label;
    }

    void label(String value) {
        label = value;
    }

    /** A new batch reference. */
    String nextBatch() {
        return "b" + (++batches);
    }

    /**
     * A live message delivered to the user, who has read it by IRC's lights; returns the id to report as read
     * when a report is due (at most every {@link #READ_REPORT_NANOS} per room), else {@code null}.
     */
    Long delivered(String room, long id, long now) {
        // The same room message after message: its key is worked out (normalised) once.
        if (!room.equals(lastRoom)) {
            lastRoom = room;
            lastRoomKey = RoomNames.key(room);
        }
        long[] last = delivered.computeIfAbsent(lastRoomKey, any -> new long[] {0, now - READ_REPORT_NANOS});
        last[0] = Math.max(last[0], id);
        if (now - last[1] < READ_REPORT_NANOS) {
            return null;
        }
        last[1] = now;
        return last[0];
    }

    /** The newest ids delivered and not reported yet, by room name, as a connection ends. */
    Map<String, Long> unreported() {
        Map<String, Long> newest = new HashMap<>();
        delivered.forEach((key, last) -> {
            if (channels.containsKey(key)) {
                newest.put(channels.get(key), last[0]);
            }
        });
        return newest;
    }

    String away() {
        return away;
    }

    void away(String message) {
        away = message == null || message.isEmpty() ? null : message;
    }

    void target(String request, String target) {
        lastTarget.put(request, target);
    }

    String target(String request) {
        return lastTarget.getOrDefault(request, "*");
    }
}
