package chatroom.server.rooms;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.rules.Names;
import chatroom.api.rules.Refusal;
import chatroom.api.rules.Roles;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Topics;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.RoomReport;
import chatroom.server.RoomCreation;
import chatroom.server.ServerConfig;
import chatroom.server.accounts.ResumeTokens;
import chatroom.server.log.ServerLog;
import chatroom.server.sessions.Session;
import chatroom.server.privates.PrivateConversations;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;
import chatroom.server.store.ReadMarkerStore;
import chatroom.server.store.RoomStore;
import chatroom.server.store.ServerBanStore;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The room's state and rules, on one thread: who is online under which name, message ids, notices. Sessions post
 * {@link Event}s; the room answers through the {@link Journal}, which commits history before delivering, so every
 * recipient sees the same order and nobody sees what a crash could lose. Single-threaded by design: no locks, and
 * the order of events is the order of the room.
 */
public final class Rooms {
    /** Something that happened to the room, in the order it happened. */
    public sealed interface Event {
    }

    /**
     * Completes {@code admitted} once the room has decided, so the session reads no request before it knows.
     *
     * @param since    replay the entries after this id instead of the latest few; {@code null} for the latest few
     * @param resume   the token the session gets, which the room takes back when the login fails
     * @param takeOver whether the login proved it owns the name (a password, or a resume token, which a guest has
     *                 too), so that it joins the sessions of the same account (or replaces the guest's) still here
     * @param unread   the messages after the account's read marker, by room key, for the rooms it has one in
     * @param redeemed the resume token the login came back with, or {@code null}: a session still holding it is the
     *                 same device, whose lost connection the server has not noticed yet, and is replaced
     */
    public record Enter(Session session, String account, boolean guest, Long since, Map<String, Long> seen,
                        String resume, boolean takeOver, CompletableFuture<Boolean> admitted,
                        Map<String, Long> unread, String redeemed) implements Event {
        public Enter(Session session, String account, boolean guest, CompletableFuture<Boolean> admitted) {
            this(session, account, guest, null, null, null, !guest, admitted, Map.of(), null);
        }
    }

    /** One of an account's sessions read further; its other sessions are told. */
    public record ReadElsewhere(Session session, ReadMoved moved) implements Event {
    }

    /**
     * @param room the room (protocol 2), or {@code null} for the default room (protocol 1)
     * @param cid  the client message id, or {@code null}
     */
    public record Say(Session session, String room, String text, String cid) implements Event {
        public Say(Session session, String text) {
            this(session, null, text, null);
        }
    }

    /** @param cid the client message id, or {@code null} */
    public record Tell(Session session, String to, String text, String cid) implements Event {
        public Tell(Session session, String to, String text) {
            this(session, to, text, null);
        }
    }

    public record Rename(Session session, String name) implements Event {
    }

    /** @param room the room (protocol 2), or {@code null} for who is online (protocol 1) */
    public record Who(Session session, String room, boolean onlineOnly) implements Event {
    }

    /** Join a room, making it if it does not exist and the session may (protocol 2). */
    public record Join(Session session, String room) implements Event {
    }

    /** Leave a room (protocol 2). */
    public record Part(Session session, String room, String reason) implements Event {
    }

    /** A page of the room list (protocol 2). */
    public record ListRooms(Session session, String filter, String after, int limit) implements Event {
    }

    /** Set a room's topic, empty to clear it (protocol 2). */
    public record SetRole(Session session, String room, String name, String role) implements Event {
    }

    /** Either setting may be null: it stays as it is. */
    public record ChangeSettings(Session session, String room, Boolean topicLocked, Boolean inviteOnly)
            implements Event {
    }

    public record InviteMember(Session session, String room, String name) implements Event {
    }

    public record DeleteRoom(Session session, String room, String confirm) implements Event {
    }

    public record KickMember(Session session, String room, String name, String reason) implements Event {
    }

    public record BanMember(Session session, String room, String name, boolean banned) implements Event {
    }

    public record ListBans(Session session, String room) implements Event {
    }

    public record SetTopic(Session session, String room, String text) implements Event {
    }

    public record Leave(Session session, String reason, boolean logout) implements Event {
    }

    public record Kick(String name, String reason, CompletableFuture<Boolean> kicked) implements Event {
    }

    public record Announce(String text) implements Event {
    }

    public record ListOnline(CompletableFuture<List<OnlineUser>> users) implements Event {
    }

    public record Shutdown(CompletableFuture<Void> done) implements Event {
    }

    /** From the console: ban an account from the whole server, or lift its ban; completes with a refusal or null. */
    public record BanFromServer(String account, boolean banned, CompletableFuture<String> refusal) implements Event {
    }

    /** From a server operator's session: ban an account from the whole server, or lift its ban. */
    public record ServerBanRequest(Session session, String account, boolean banned) implements Event {
    }

    /** From the console: every room's summary. */
    public record ListAllRooms(CompletableFuture<List<RoomInfo>> rooms) implements Event {
    }

    /** From the console: a room's members (with roles and whether online) and bans; null when there is none. */
    public record DescribeRoom(String room, CompletableFuture<RoomReport> report) implements Event {
    }

    /** From the console: kick someone out of a room; completes with a refusal or null. */
    public record KickFromRoom(String room, String name, String reason, CompletableFuture<String> refusal)
            implements Event {
    }

    /** From the console: ban an account from a room or lift the ban; completes with a refusal or null. */
    public record BanFromRoom(String room, String account, boolean banned, CompletableFuture<String> refusal)
            implements Event {
    }

    /** From the console: close (delete) a room with its history; completes with a refusal or null. */
    public record CloseRoom(String room, CompletableFuture<String> refusal) implements Event {
    }

    /** Time to end the memberships of guests who can no longer resume (posted every minute or so). */
    public record SweepGuests() implements Event {
    }

    /** Accounts just put in the default room, for the first time (see {@link #welcome}). */
    record Welcomed(List<MembershipStore.Membership> memberships) implements Event {
    }

    /**
     * Entries the database numbered: this node's, back from {@link Numbering}, or another node's read from the
     * tables. Shown in each room in id order.
     */
    public record Numbered(List<Entry> entries) implements Event {
        /** An entry; {@code sender} and {@code cid} are this node's session that said it and its client id. */
        public record Entry(ServerMessage entry, Session sender, String cid) {
        }

        /** Entries another node committed, as read from the tables. */
        public static Numbered fromTables(List<ServerMessage> entries) {
            return new Numbered(entries.stream().map(entry -> new Entry(entry, null, null)).toList());
        }
    }

    /**
     * Private messages the database numbered: this node's, back from {@link Numbering}, or another node's read from
     * the tables.
     */
    public record PrivatesNumbered(List<Message> messages) implements Event {
        /** A message; {@code sender} and {@code cid} are this node's session that sent it and its client id. */
        public record Message(PrivateRow row, Session sender, String cid) {
        }

        /** Messages another node committed, as read from the tables. */
        public static PrivatesNumbered fromTables(List<PrivateRow> rows) {
            return new PrivatesNumbered(rows.stream().map(row -> new Message(row, null, null)).toList());
        }
    }

    /** On a node of several: someone came online on another node; their memberships as the database has them. */
    public record OnlineElsewhere(ClusterLink.Person person, List<MembershipStore.Membership> memberships)
            implements Event {
    }

    /** On a node of several: another node changed a room. */
    public record RoomChanged(ClusterLink.RoomChange change) implements Event {
    }

    /** On a node of several: someone went offline on another node. */
    public record OfflineElsewhere(String node, String memberKey, String reason) implements Event {
    }

    /** On a node of several: another node stopped, or was found dead; why, in a few words ("lost"). */
    public record NodeGone(String node, String reason) implements Event {
    }

    /**
     * On a node of several: everyone online on the other nodes as the database has them now (after the link came
     * back), with the memberships of each account among them.
     */
    public record AllElsewhere(List<ClusterLink.Person> people, List<MembershipStore.Membership> memberships)
            implements Event {
    }

    /** On a node of several: say again who is online here (the link came back, or the others took it for dead). */
    public record SayWhoIsHere() implements Event {
    }

    /** Waiting private messages were deleted outside the rooms' thread (retention, the operator). */
    public record PrivateMessagesDeleted() implements Event {
    }

    /** A file reached the room; recorded in the history like a message. */
    public record Shared(String room, String from, String name, long size) implements Event {
    }

    private static final int MAX_BATCH = 1024;
    /** A client resends at most its unacknowledged messages; no client has a thousand of those. */
    public static final int RECEIPTS_PER_ACCOUNT = 1000;
    public static final int RECEIPTS_IN_ALL = 100_000;

    private static final String GUEST_KEY_PREFIX = "guest:";
    /** Who the console is, in what the rooms are told. */
    private static final String CONSOLE = "the server operator";
    /** The console's member key: no member has it. */
    private static final String CONSOLE_KEY = "console:";
    private static final String STORAGE_FAILED = "The server could not record that; try again.";
    static final String UNSAVED = "The server cannot save messages right now, so yours was not sent; try again in a"
            + " moment.";
    /** How long an invite lets its account in. */
    static final Duration INVITE_VALIDITY = Duration.ofHours(24);
    private final ServerConfig config;
    private final Object welcoming = new Object();
    private final Journal journal;
    /** On a node of several, what numbers the rooms' entries; null when the server runs alone. */
    private volatile Numbering numbering;
    /** On a node of several, where this node says who is online on it; null when the server runs alone. */
    private volatile PresenceOut presenceOut;
    /** On a node of several, where this node says what it changed in a room; null when the server runs alone. */
    private volatile RoomNews roomNews;
    /**
     * On a node of several, this node's messages with a client id not yet back from the numbering, by their receipt
     * ({@link HistoryStore#receiptCid}): who said each.
     */
    private final Map<String, Session> beingNumbered = new HashMap<>();
    /** On a node of several, who is online on the other nodes. */
    private final Elsewhere elsewhere = new Elsewhere();
    /** Numbered entries that came before an earlier one of their room, by room and id; rooms thread only. */
    private final Map<Room, TreeMap<Long, Numbered.Entry>> waitingForTurn = new HashMap<>();
    private final ServerLog log;
    private final Clock clock;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ResumeTokens tokens;
    private final Receipts receipts;

    // Owned by the room thread.
    /** The people online by display name key. Written by the rooms thread; read by the file relay. */
    private final Map<String, Person> byName = new ConcurrentHashMap<>();
    /** The people online by member key. */
    private final Map<String, Person> byMember = new HashMap<>();
    /** The person each logged-in session belongs to. */
    private final Map<Session, Person> personOf = new IdentityHashMap<>();
    /** Guests whose connection was lost, and since when: their rooms wait for a resume until it is too late. */
    private final Map<String, Long> guestsAway = new HashMap<>();
    /** Every room by its key; read by sessions too. */
    private final Map<String, Room> byKey = new ConcurrentHashMap<>();
    /** The default room: protocol-1 sessions are in it, and only in it. */
    private final Room lobby;
    /** The rooms each member (account or guest, by member key) belongs to: a login finds its rooms without a scan. */
    private final Map<String, Set<Room>> roomsOfMember = new HashMap<>();
    /** The rooms each session in the rooms is present in, in the order it came to them. */
    private final Map<Session, List<Room>> roomsOf = new IdentityHashMap<>();
    private final RoomStore roomStore;
    private final MembershipStore memberships;
    private final ServerBanStore serverBans;
    /** The keys of the accounts banned from the whole server. */
    private final Set<String> bannedFromServer = new HashSet<>();
    private boolean stopped;
    private List<ServerMessage> pendingEntries = new ArrayList<>();
    private List<PrivateRow> pendingPrivates = new ArrayList<>();
    private final PrivateConversations privates;
    private final ReadMarkerStore readMarkers;
    private List<Delivery> pendingDeliveries = new ArrayList<>();

    private volatile long messages;
    /** The keys of the names online, for sessions to check from their own threads. */
    private final Set<String> onlineNames = ConcurrentHashMap.newKeySet();

    /**
     * @param registry    every room, as loaded at start; the configuration's default room among them
     * @param tokens      where resume tokens are kept, or {@code null} when sessions cannot be resumed
     * @param receipts    the client message ids delivered lately, as loaded at start
     * @param roomStore   where new rooms and topics are recorded
     * @param memberships where joining and leaving rooms are recorded
     * @param serverBans  the accounts banned from the server, as loaded at start, and where bans are recorded
     * @param privates    the private conversations between accounts, or {@code null} to keep none
     * @param readMarkers how far accounts have read their conversations (a deleted room's are forgotten)
     */
    public Rooms(ServerConfig config, Journal journal, ServerLog log, Clock clock, List<Room> registry,
                 ResumeTokens tokens, Receipts receipts, RoomStore roomStore, MembershipStore memberships,
                 ServerBanStore serverBans, PrivateConversations privates, ReadMarkerStore readMarkers)
            throws SQLException {
        this.config = config;
        this.privates = privates;
        this.readMarkers = readMarkers;
        this.roomStore = roomStore;
        this.memberships = memberships;
        this.serverBans = serverBans;
        this.bannedFromServer.addAll(serverBans.all());
        this.tokens = tokens;
        this.receipts = receipts;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
        for (Room room : registry) {
            byKey.put(room.key(), room);
            room.members().forEach((key, member) -> roomsOfMember.computeIfAbsent(key, any -> new HashSet<>())
                    .add(room));
        }
        this.lobby = byKey.get(RoomNames.key(config.defaultRoom()));
        if (lobby == null) {
            throw new IllegalArgumentException("The default room " + config.defaultRoom() + " is not among the rooms.");
        }
        this.thread = Thread.ofPlatform().name("room").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** How many rooms there are; safe from any thread. */
    public int roomCount() {
        return byKey.size();
    }

    /** Every room, as of a moment ago; safe from any thread. */
    public List<Room> rooms() {
        return List.copyOf(byKey.values());
    }

    /** The room of that name, if there is one; safe from any thread. */
    public Room room(String name) {
        return byKey.get(RoomNames.key(name));
    }

    /**
     * Makes this server a node of several: the database numbers the rooms' entries, and who is online here is told
     * to the other nodes, as are the changes to rooms. Before {@link #start}.
     */
    public void asNode(Numbering numbering, PresenceOut presence, RoomNews news) {
        this.numbering = numbering;
        this.presenceOut = presence;
        this.roomNews = news;
    }

    public void post(Event event) {
        inbox.add(event);
    }

    /**
     * Puts the accounts made since the last call (registered, or by {@code chat users add}) in the default room; to
     * be called by a login before it posts its {@link Enter}. Two logins of new accounts at once may each find the
     * other's account: holding the lock until the memberships are posted puts them before whichever login's entry
     * comes next, so a new account always enters with the default room.
     */
    public void welcome() throws SQLException {
        if (memberships == null) {
            return;
        }
        synchronized (welcoming) {
            List<MembershipStore.Membership> welcomed = memberships.welcome(config.defaultRoom(), now());
            if (!welcomed.isEmpty()) {
                post(new Welcomed(welcomed));
            }
        }
    }

    /** Chat messages and announcements since start. */
    public long messages() {
        return messages;
    }

    /** Whether someone online goes by this name now; safe from any thread, and as of a moment ago. */
    public boolean isOnline(String name) {
        return onlineNames.contains(Names.key(name));
    }

    /** On a node of several, whether someone goes by this name on another node; safe from any thread. */
    public boolean isOnlineElsewhere(String name) {
        return elsewhere.hasName(name);
    }

    /** The rooms an account is a member of, by its key; safe from any thread, as of a moment ago. */
    public List<Room> roomsWithMember(String memberKey) {
        return byKey.values().stream().filter(room -> room.isMember(memberKey)).toList();
    }

    /** The account of someone online under this display name (not a guest's); safe from any thread. */
    public Optional<String> accountOnline(String name) {
        Person person = byName.get(Names.key(name));
        return person == null || person.guest() ? Optional.empty() : Optional.of(person.account());
    }

    /** People in the room; safe from any thread. */
    public int online() {
        return lobby.online();
    }


    private void run() {
        List<Event> batch = new ArrayList<>();
        while (!stopped) {
            try {
                batch.add(inbox.take());
            } catch (InterruptedException e) {
                return;
            }
            inbox.drainTo(batch, MAX_BATCH);
            for (Event event : batch) {
                try {
                    handle(event);
                } catch (RuntimeException e) {
                    log.info("room error on " + event.getClass().getSimpleName() + ": " + e);
                }
            }
            batch.clear();
            submitPending();
        }
    }

    /** Hands what the events so far produced to the journal: committed, then delivered. */
    private void submitPending() {
        if (!pendingEntries.isEmpty() || !pendingPrivates.isEmpty() || !pendingDeliveries.isEmpty()) {
            journal.submit(pendingEntries, pendingPrivates, pendingDeliveries);
            pendingEntries = new ArrayList<>();
            pendingPrivates = new ArrayList<>();
            pendingDeliveries = new ArrayList<>();
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Enter e -> e.admitted().complete(enter(e));
            case SweepGuests sweep -> sweepGuests();
            case Numbered n -> numbered(n.entries());
            case PrivatesNumbered p -> p.messages().forEach(this::showPrivate);
            case OnlineElsewhere o -> onlineElsewhere(o.person(), o.memberships());
            case RoomChanged r -> roomChangedElsewhere(r.change());
            case OfflineElsewhere o -> {
                Elsewhere.Remote gone = elsewhere.depart(o.node(), o.memberKey());
                if (gone != null) {
                    offlineElsewhere(gone, o.reason());
                }
            }
            case NodeGone g -> elsewhere.nodeGone(g.node()).forEach(gone -> offlineElsewhere(gone,
                    "server node " + g.reason()));
            case AllElsewhere a -> allElsewhere(a.people(), a.memberships());
            case SayWhoIsHere s -> {
                if (presenceOut != null) {
                    presenceOut.onlineHere(byMember.values().stream().map(Rooms::asRemote).toList());
                }
            }
            case Welcomed w -> w.memberships().forEach(m -> enroll(lobby, m.accountKey(), m.name(), m.joined()));
            case Say s -> say(s.session(), s.room(), s.text(), s.cid());
            case Tell t -> tell(t.session(), t.to(), t.text(), t.cid());
            case Rename r -> rename(r.session(), r.name());
            case Who w -> who(w.session(), w.room(), w.onlineOnly());
            case Join j -> join(j.session(), j.room());
            case Part p -> part(p.session(), p.room(), p.reason());
            case ListRooms l -> listRooms(l.session(), l.filter(), l.after(), l.limit());
            case SetTopic t -> setTopic(t.session(), t.room(), t.text());
            case SetRole r -> setRole(r.session(), r.room(), r.name(), r.role());
            case ChangeSettings c -> changeSettings(c.session(), c.room(), c.topicLocked(), c.inviteOnly());
            case InviteMember i -> invite(i.session(), i.room(), i.name());
            case DeleteRoom d -> deleteRoom(d.session(), d.room(), d.confirm());
            case KickMember k -> kick(k.session(), k.room(), k.name(), k.reason());
            case BanMember b -> ban(b.session(), b.room(), b.name(), b.banned());
            case ListBans l -> listBans(l.session(), l.room());
            case Leave l -> leave(l.session(), l.reason(), l.logout());
            case ReadElsewhere r -> readElsewhere(r.session(), r.moved());
            case Kick k -> k.kicked().complete(kick(k.name(), k.reason()));
            case Announce a -> announce(a.text());
            case ListOnline l -> l.users().complete(onlineUsers());
            case Shutdown s -> shutdown(s.done());
            case Shared f -> shared(f);
            case PrivateMessagesDeleted deleted -> {
                if (privates != null) {
                    privates.forgetCounts();
                }
            }
            case BanFromServer b -> {
                Refusal refusal = banFromServer(b.account(), b.banned());
                b.refusal().complete(refusal == null ? null : refusal.message());
            }
            case ServerBanRequest b -> serverBan(b.session(), b.account(), b.banned());
            case ListAllRooms l -> l.rooms().complete(byKey.values().stream().sorted(Comparator.comparing(Room::key))
                    .map(Room::info).toList());
            case DescribeRoom d -> d.report().complete(describe(d.room()));
            case KickFromRoom k -> k.refusal().complete(consoleKick(k.room(), k.name(), k.reason()));
            case BanFromRoom b -> b.refusal().complete(consoleBan(b.room(), b.account(), b.banned()));
            case CloseRoom c -> c.refusal().complete(closeRoom(c.room()));
        }
    }

    private boolean enter(Enter login) {
        Session session = login.session();
        String account = login.account();
        boolean guest = login.guest();
        String resume = login.resume();
        if (session.isClosed() || stopped) {
            revoke(resume);
            return false;
        }
        if (session.inRoom()) {
            reply(session, ErrorCode.ALREADY_LOGGED_IN, "You are logged in already.", "login");
            revoke(resume);
            return false;
        }
        if (!guest && bannedFromServer.contains(Names.key(account))) {
            reply(session, ErrorCode.BANNED, "This account is banned from this server.", "login");
            revoke(resume);
            return false;
        }
        if (!guest && session.protocol() == 1 && lobby.isBanned(Names.key(account))) {
            // A protocol-1 client lives in the default room only: banned from it, it has nowhere to be.
            reply(session, ErrorCode.BANNED, "You are banned from " + lobby.name() + ".", "login");
            revoke(resume);
            return false;
        }
        // Only an account's password (or a resume token) adds a session to it; a guest name is first come, first
        // served, except for the guest's own token after a lost connection the server has not noticed yet.
        Person person = byMember.get(memberKey(account, guest));
        Session replaced = person != null && login.takeOver()
                ? person.replacedBy(login.redeemed(), guest ? 1 : config.maxSessions()) : null;
        // A guest is in one place only, and an old token of its name does not take it from another guest now.
        boolean sameGuest = replaced != null && login.redeemed() != null && replaced.holdsResumeToken(login.redeemed());
        if (person != null && (!login.takeOver() || guest && !sameGuest)
                || person == null && byName.containsKey(Names.key(account))) {
            reply(session, ErrorCode.NAME_TAKEN, "Someone online is using the name '" + account + "'.", "login");
            revoke(resume);
            return false;
        }
        session.enter(account, guest, clock.instant(), resume);
        if (person == null) {
            person = new Person(memberKey(account, guest), account, guest, account, session.since());
            byName.put(Names.key(account), person);
            onlineNames.add(Names.key(account));
            byMember.put(person.memberKey(), person);
            if (presenceOut != null) {
                presenceOut.online(asRemote(person));
            }
        } else {
            session.renamedTo(person.name());
        }
        List<Room> cameOnline = new ArrayList<>();
        List<Room> rooms = add(session, person, cameOnline);
        if (session.protocol() == 1) {
            deliver(session, new LoggedIn(session.name(), lobby.online(), resume));
            if (login.since() == null) {
                replayLatest(session, lobby);
            } else {
                replaySince(session, lobby, login.since());
            }
        } else {
            Map<String, Long> unread = login.unread() == null ? Map.of() : login.unread();
            deliver(session, new LoggedIn(session.name(), onlineCount(), resume,
                    rooms.stream().map(room -> room.info().withUnread(unread.get(room.key()))).toList()));
            Map<String, Long> seen = seenByKey(login.seen());
            for (Room room : rooms) {
                Long since = seen.get(room.key());
                if (since == null) {
                    replayLatest(session, room);
                } else {
                    replaySince(session, room, since);
                }
            }
        }
        arrived(session, person, rooms, cameOnline);
        if (replaced != null) {
            replace(replaced, login.redeemed() != null && replaced.holdsResumeToken(login.redeemed()));
        }
        if (!guest) {
            deliverWaiting(session, account);
        }
        log.info((guest ? "guest login " : "login ") + account + " from " + session.address() + " ("
                + lobby.online() + " online)");
        return true;
    }

    /**
     * Ends a session that a new login of its account replaces: the same device coming back, or the oldest when the
     * account is logged in from as many places as allowed. Its person stays online through the new session.
     */
    private void replace(Session previous, boolean sameDevice) {
        String shownAs = previous.name();
        List<Room> left = dropSession(previous, false, "logged in from somewhere else");
        revoke(previous.takeResumeToken());
        deliverAndClose(previous, new Bye(Bye.REPLACED, sameDevice ? "You logged in from somewhere else."
                : "Your account is now logged in from more than " + (config.maxSessions() == 1 ? "one place"
                : config.maxSessions() + " places") + " at once; this session, the oldest, ended."));
        departed(shownAs, left, "logged in from somewhere else");
        log.info("replaced " + previous.account() + " at " + previous.address() + " by a new login");
    }

    /**
     * Delivers the private messages that waited for an account while it was offline, oldest first, marked as such
     * (protocol 1 gets them plain). Messages queued for it since this server started are committed first, so that
     * none is read from the store before it is there. A store that cannot be read or written leaves them waiting
     * for the next login.
     */
    private void deliverWaiting(Session session, String account) {
        String key = PrivateConversations.keyOf(account);
        if (privates == null) {
            return;
        }
        if (privates.queuedWhileRunning(key)) {
            submitPending();
            if (!journal.awaitCommitted()) {
                log.info("private messages waiting for " + account + " stay queued: the store cannot be written");
                return;
            }
        }
        try {
            // At most a quarter of what may wait for a connection: a backlog larger than that would have it closed as
            // too slow, and its messages lost from the queue. Those left wait for the next login, and are all in
            // their conversations' history meanwhile.
            long budget = config.outboxBytes() / 4;
            List<PrivateRow> sent = new ArrayList<>();
            for (PrivateRow row : privates.waitingRows(key)) {
                PrivateMessage waiting = PrivateConversations.waiting(row);
                Frame frame = session.encode(session.protocol() == 1 ? waiting.plain() : waiting);
                if (frame.size() > budget) {
                    break;
                }
                budget -= frame.size();
                pendingDeliveries.add(Delivery.to(session, frame));
                sent.add(row);
            }
            privates.delivered(key, sent);
        } catch (SQLException e) {
            log.info("private messages waiting for " + account + " could not be read: " + e.getMessage());
        }
    }

    /** What a login says it saw, by room key, as many rooms as anyone may be in at most. */
    private Map<String, Long> seenByKey(Map<String, Long> seen) {
        Map<String, Long> byRoom = new HashMap<>();
        if (seen != null) {
            seen.entrySet().stream().limit(config.maxRoomsPerUser()).forEach(entry -> {
                if (entry.getKey() != null && entry.getValue() != null) {
                    byRoom.put(RoomNames.key(entry.getKey()), entry.getValue());
                }
            });
        }
        return byRoom;
    }

    /** The latest {@code historyOnJoin} entries of a room, as after any login or join. */
    private void replayLatest(Session session, Room room) {
        ArrayDeque<ServerMessage> recent = room.recent();
        int replay = Math.min(recent.size(), config.historyOnJoin());
        List<Frame> frames = new ArrayList<>(replay);
        recent.stream().skip(recent.size() - replay).forEach(entry -> frames.add(session.encode(entry)));
        deliverAll(session, frames);
        deliver(session, new HistoryEnd(replay, room.historySize() > replay, room.name()));
    }

    /**
     * Every entry of a room after {@code since}, for a client that saw everything up to it, at most
     * {@code resumeReplayMax} and half the outbox (so the replay itself cannot overflow it): when more were missed,
     * the newest of them, and {@code more} says older ones exist. Entries come from memory and go out behind
     * everything already queued, so none is missed or sent twice between the replay and what follows it, and none is
     * sent before it is committed.
     */
    private void replaySince(Session session, Room room, long since) {
        long budget = config.outboxBytes() / 2;
        ArrayDeque<Frame> frames = new ArrayDeque<>();
        Iterator<ServerMessage> newestFirst = room.recent().descendingIterator();
        while (newestFirst.hasNext() && frames.size() < config.resumeReplayMax()) {
            ServerMessage entry = newestFirst.next();
            if (HistoryStore.idOf(entry) <= since) {
                break;
            }
            Frame frame = session.encode(entry);
            if (frame.size() > budget) {
                break;
            }
            budget -= frame.size();
            frames.addFirst(frame);
        }
        long missed = Math.max(0, room.lastId() - Math.max(0, since));
        deliverAll(session, List.copyOf(frames));
        deliver(session, new HistoryEnd(frames.size(), missed > frames.size(), room.name()));
    }

    /**
     * The room a request names: the default room for protocol 1, else the named one if the session is in it; empty
     * after telling the session why not.
     */
    private Room roomFor(Session session, String name, String request, String cid) {
        if (session.protocol() == 1) {
            return lobby;
        }
        Room room = name == null ? null : byKey.get(RoomNames.key(name));
        if (room == null) {
            deliver(session, new ErrorReply(ErrorCode.UNKNOWN_ROOM, Room.noSuchRoom(name), request, cid));
            return null;
        }
        if (!room.isPresent(session)) {
            deliver(session, new ErrorReply(ErrorCode.NOT_IN_ROOM, room.notInIt(), request, cid));
            return null;
        }
        return room;
    }

    private void say(Session session, String roomName, String text, String cid) {
        if (!requireInRoom(session, "say")) {
            return;
        }
        Room room = roomFor(session, roomName, "say", cid);
        if (room == null) {
            return;
        }
        if (cid == null) {
            if (cannotSave()) {
                refuseUnsaved(session, null);
                return;
            }
            record(room, new ChatMessage(nextId(room), now(), session.name(), text, false, null, room.name()));
            return;
        }
        String sender = accountKey(session.account(), session.guest());
        Receipts.Receipt earlier = receipts.find(sender, cid, now());
        if (earlier != null) {
            // Sent again after a lost connection: acknowledge it again, deliver it once.
            Room first = earlier.roomKey() == null ? room : byKey.getOrDefault(earlier.roomKey(), room);
            deliver(session, new ChatMessage(earlier.id(), earlier.ts(), earlier.from(), text, false, cid,
                    first.name()));
            return;
        }
        if (cannotSave()) {
            refuseUnsaved(session, cid);
            return;
        }
        ChatMessage message = new ChatMessage(nextId(room), now(), session.name(), text, false, null, room.name());
        if (numbering != null) {
            String receipt = HistoryStore.receiptCid(sender, cid);
            beingNumbered.put(receipt, session);
            numbering.submit(new Numbering.Unnumbered(message.withCid(receipt), session, cid));
            return;
        }
        receipts.add(new Receipts.Receipt(sender, cid, message.id(), message.ts(), message.from(), null,
                room.key()), now());
        if (config.durableHistory()) {
            pendingEntries.add(message.withCid(HistoryStore.receiptCid(sender, cid)));
        }
        broadcastWithEcho(room, message, session, message.withCid(cid));
        remember(room, message);
    }

    /** Whether history cannot be written now: the journal, or on a node of several the numbering, is failing. */
    private boolean cannotSave() {
        return journal.failing() || numbering != null && numbering.failing();
    }

    /**
     * Refuses a message while history cannot be written, at once: a reply through the journal would wait behind the
     * batch it is retrying.
     */
    private void refuseUnsaved(Session session, String cid) {
        refuseUnsaved(session, cid, "say");
    }

    private void refuseUnsaved(Session session, String cid, String request) {
        session.send(session.encode(new ErrorReply(ErrorCode.SERVER_ERROR, UNSAVED, request, cid)));
    }

    /** Ends the memberships of guests away longer than a session can be resumed. */
    private void sweepGuests() {
        long tooLate = now() - config.resumeValidity().toMillis();
        guestsAway.entrySet().removeIf(away -> {
            if (away.getValue() > tooLate) {
                return false;
            }
            for (Room room : roomsOfMember.getOrDefault(away.getKey(), Set.of())) {
                room.part(away.getKey());
            }
            roomsOfMember.remove(away.getKey());
            return true;
        });
    }

    /** A file reached a room (the default room for protocol 1): recorded in its history like a message. */
    private void shared(Shared file) {
        Room room = file.room() == null ? lobby : byKey.getOrDefault(RoomNames.key(file.room()), lobby);
        record(room, new FileShared(nextId(room), now(), file.from(), file.name(), file.size(), false, room.name()));
    }

    /** The default room; safe from any thread. */
    public Room defaultRoom() {
        return lobby;
    }

    /** The sessions of the person online under this name, oldest first; safe from any thread, as of a moment ago. */
    public Session[] sessionsNamed(String name) {
        Person person = byName.get(Names.key(name));
        return person == null ? new Session[0] : person.sessions();
    }

    /** The operator speaks in the default room, to everyone online whatever rooms they are in. */
    private void announce(String text) {
        Announcement announcement = new Announcement(nextId(lobby), now(), text, false, lobby.name());
        log.info("announcement: " + text);
        if (numbering != null) {
            numbering.submit(new Numbering.Unnumbered(announcement, null, null));
            return;
        }
        if (config.durableHistory()) {
            pendingEntries.add(announcement);
        }
        broadcast(everyone(), announcement);
        remember(lobby, announcement);
    }

    private void record(Room room, ServerMessage entry) {
        if (numbering != null) {
            numbering.submit(new Numbering.Unnumbered(entry, null, null));
            return;
        }
        if (config.durableHistory()) {
            pendingEntries.add(entry);
        }
        broadcast(room, entry);
        remember(room, entry);
    }

    /** On a node of several, tells the others what this node changed in a room (and stored). */
    private void tellNodes(String kind, Room room, List<String> words) {
        if (roomNews != null) {
            roomNews.changed(kind, room.name(), words);
        }
    }

    /**
     * Another node changed a room: made it, took a member in or let one go, set its topic, settings or someone's
     * role. Shown here as the change's own node shows it, to the members present on this one.
     */
    private void roomChangedElsewhere(ClusterLink.RoomChange change) {
        List<String> words = change.words();
        if (change.kind().equals("read")) {
            readOnAnotherNode(change.room(), words);
            return;
        }
        Room room = byKey.get(RoomNames.key(change.room()));
        if (room == null) {
            room = new Room(change.room(), null, change.kind().equals("made") && !words.isEmpty() ? words.getFirst()
                    : null, List.of(), 0, 0, config.recentWindow());
            byKey.put(room.key(), room);
        }
        switch (change.kind()) {
            case "joined" -> {
                if (words.size() < 3) {
                    return;
                }
                String memberKey = words.get(0);
                if (!room.isMember(memberKey)) {
                    enroll(room, memberKey, words.get(1), Long.parseLong(words.get(2)));
                }
                Elsewhere.Remote remote = elsewhere.get(memberKey);
                if (remote != null && room.arrivedElsewhere(memberKey)) {
                    presenceNotice(room, new Joined(now(), remote.name(), room.online(), remote.guest(), room.name()),
                            null);
                }
            }
            case "left" -> {
                if (words.size() < 3) {
                    return;
                }
                String memberKey = words.get(0);
                boolean wasOnline = room.departedElsewhere(memberKey);
                if (room.isMember(memberKey) && !room.isHere(memberKey)) {
                    disenroll(room, memberKey);
                }
                if (wasOnline) {
                    presenceNotice(room, new Left(now(), words.get(1), room.online(), words.get(2), room.name()),
                            null);
                }
            }
            case "topic" -> {
                if (words.size() < 2) {
                    return;
                }
                room.topic(words.get(1));
                tellRoom(room, new TopicChanged(room.name(), now(), words.get(0), words.get(1)));
            }
            case "settings" -> {
                if (words.size() < 3) {
                    return;
                }
                boolean locked = Boolean.parseBoolean(words.get(1));
                boolean onlyInvited = Boolean.parseBoolean(words.get(2));
                room.topicLocked(locked);
                room.inviteOnly(onlyInvited);
                tellRoom(room, new SettingsChanged(room.name(), now(), words.get(0), locked, onlyInvited));
            }
            case "role" -> {
                if (words.size() < 6 || !room.isMember(words.get(0))) {
                    return;
                }
                String target = words.get(0);
                String role = words.get(2);
                if (role.equals(Roles.OWNER)) {
                    room.handTo(target);
                    if (!words.get(4).isEmpty() && room.isMember(words.get(4))) {
                        tellRoom(room, new RoleChanged(room.name(), now(), words.get(5), Roles.OPERATOR,
                                words.get(3)));
                    }
                } else {
                    room.operator(target, role.equals(Roles.OPERATOR));
                }
                tellRoom(room, new RoleChanged(room.name(), now(), words.get(1), role, words.get(3)));
            }
            default -> {
                // made: the room is known now; a kind a newer node writes: nothing this one knows to do.
            }
        }
    }

    /** A person online here as the other nodes are told of them. */
    private static ClusterLink.Person asRemote(Person person) {
        return new ClusterLink.Person(null, person.memberKey(), person.name(), person.guest(),
                person.since().toEpochMilli());
    }

    /** The rooms a person online elsewhere is in, as this node knows them: a guest is in the default room. */
    private List<Room> roomsOfRemote(String memberKey, boolean guest) {
        return guest ? List.of(lobby) : List.copyOf(roomsOfMember.getOrDefault(memberKey, Set.of()));
    }

    /** Memberships the database has that this node did not know of (made on another node). */
    private void learn(List<MembershipStore.Membership> memberships) {
        for (MembershipStore.Membership membership : memberships) {
            Room room = byKey.get(membership.roomKey());
            if (room != null && !room.isMember(membership.accountKey())) {
                enroll(room, membership.accountKey(), membership.name(), membership.joined());
            }
        }
    }

    /** Someone came online on another node: an arrival in each room they are in where they were not online. */
    private void onlineElsewhere(ClusterLink.Person person, List<MembershipStore.Membership> memberships) {
        learn(memberships);
        if (elsewhere.arrive(person)) {
            arrivedElsewhere(person);
        }
    }

    private void arrivedElsewhere(ClusterLink.Person person) {
        for (Room room : roomsOfRemote(person.memberKey(), person.guest())) {
            if (room.arrivedElsewhere(person.memberKey())) {
                presenceNotice(room, room == lobby ? new Joined(now(), person.name(), room.online(), person.guest(),
                                room.name()) : null,
                        new Presence(room.name(), now(), person.name(), Presence.ONLINE, null, room.online()), null);
            }
        }
    }

    /** Someone is online on no other node any more: a departure in each room they are in and not here. */
    private void offlineElsewhere(Elsewhere.Remote gone, String reason) {
        for (Room room : roomsOfRemote(gone.memberKey(), gone.guest())) {
            if (room.departedElsewhere(gone.memberKey())) {
                presenceNotice(room, new Left(now(), gone.name(), room.online(), reason, room.name()),
                        new Presence(room.name(), now(), gone.name(), Presence.OFFLINE, reason, room.online()), null);
            }
        }
    }

    /** Everyone elsewhere said anew: departures for those no longer there, arrivals for those new. */
    private void allElsewhere(List<ClusterLink.Person> people, List<MembershipStore.Membership> memberships) {
        learn(memberships);
        Elsewhere.Change change = elsewhere.replace(people);
        change.gone().forEach(gone -> offlineElsewhere(gone, "server node lost"));
        change.arrived().forEach(this::arrivedElsewhere);
    }

    /** People online, each once: here, and on the other nodes of several. */
    private int onlineCount() {
        return onlineNames.size() + elsewhere.countNotIn(byMember.keySet());
    }

    /** The id of a room's next entry; on a node of several the database numbers it (0 until then). */
    private long nextId(Room room) {
        return numbering == null ? room.nextId() : 0;
    }

    /**
     * Entries the database numbered, this node's or others', shown in each room in id order: one that comes before
     * those ahead of it waits for them (ids have no gaps), and one shown already is not shown again.
     */
    private void numbered(List<Numbered.Entry> entries) {
        for (Numbered.Entry numbered : entries) {
            Room room = byKey.get(RoomNames.key(Entries.roomOf(numbered.entry())));
            long id = HistoryStore.idOf(numbered.entry());
            if (room == null || id <= room.lastId()) {
                // A room made on another node is not known here yet (the cluster's next stage).
                continue;
            }
            TreeMap<Long, Numbered.Entry> queue = waitingForTurn.computeIfAbsent(room, any -> new TreeMap<>());
            queue.putIfAbsent(id, numbered);
            while (!queue.isEmpty() && queue.firstKey() == room.lastId() + 1) {
                show(room, queue.pollFirstEntry().getValue());
            }
            if (queue.isEmpty()) {
                waitingForTurn.remove(room);
            }
        }
    }

    /** A numbered entry's turn in its room: remembered, and delivered as a live message (its sender's with its cid). */
    private void show(Room room, Numbered.Entry numbered) {
        ServerMessage entry = Entries.live(numbered.entry(), room.name());
        room.advanceTo(HistoryStore.idOf(entry));
        Session sender = numbered.sender();
        String cid = numbered.cid();
        if (numbered.entry() instanceof ChatMessage stored && stored.cid() != null) {
            // This node's own message may come back from the tables first (a catch-up read while the numbering's
            // answer is on its way): its sender still gets its copy with its client id.
            Session waiting = beingNumbered.remove(stored.cid());
            if (sender == null && waiting != null) {
                sender = waiting;
                cid = stored.cid().substring(stored.cid().indexOf(HistoryStore.RECEIPT_SEPARATOR) + 1);
            }
        }
        if (entry instanceof ChatMessage message && sender != null && cid != null) {
            receipts.add(new Receipts.Receipt(accountKey(sender.account(), sender.guest()), cid,
                    message.id(), message.ts(), message.from(), null, room.key()), now());
            broadcastWithEcho(room, message, sender, message.withCid(cid));
        } else if (entry instanceof ChatMessage message && numbered.entry() instanceof ChatMessage stored
                && stored.cid() != null && stored.cid().indexOf(HistoryStore.RECEIPT_SEPARATOR) > 0) {
            // Said on another node with a client id: if its sender comes here and sends it again (its node died
            // before the answer), it is answered again and not shown twice.
            int split = stored.cid().indexOf(HistoryStore.RECEIPT_SEPARATOR);
            receipts.add(new Receipts.Receipt(stored.cid().substring(0, split), stored.cid().substring(split + 1),
                    message.id(), message.ts(), message.from(), null, room.key()), now());
            broadcast(room, entry);
        } else if (entry instanceof Announcement) {
            broadcast(everyone(), entry);
        } else {
            broadcast(room, entry);
        }
        remember(room, entry);
    }

    private void remember(Room room, ServerMessage entry) {
        room.remember(entry);
        messages++;
    }

    private void tell(Session session, String to, String text, String cid) {
        if (!requireInRoom(session, "tell")) {
            return;
        }
        String sender = accountKey(session.account(), session.guest());
        Receipts.Receipt earlier = cid == null ? null : receipts.find(sender, cid, now());
        if (earlier != null) {
            // The same copy as the first time, id included, so that the sender's client shows it once.
            PrivateMessage again = new PrivateMessage(earlier.ts(), earlier.from(), earlier.to(), text, cid,
                    earlier.id() > 0 ? earlier.id() : null, null, null, null);
            deliver(session, session.protocol() == 1 ? again.plain() : again);
            return;
        }
        boolean storing = privates != null && !session.guest();
        if (numbering != null && storing && tellAcrossNodes(session, to, text, cid)) {
            return;
        }
        Person target = byName.get(Names.key(to));
        // Protocol 2 reaches an account by its name too: online under another display name, or offline.
        if (target == null && storing && session.protocol() != 1) {
            target = byMember.get(Names.key(to));
            if (target == null) {
                tellOffline(session, to, text, cid);
                return;
            }
        }
        if (target == null) {
            deliver(session, new ErrorReply(ErrorCode.NOT_ONLINE, "'" + to + "' is not online.", "tell", cid));
            return;
        }
        Person recipient = target;
        PrivateMessage message = new PrivateMessage(now(), session.name(), recipient.name(), text);
        if (storing && !recipient.guest()) {
            if (journal.failing()) {
                refuseUnsaved(session, cid, "tell");
                return;
            }
            long ts = message.ts();
            PrivateRow row = storedRow(() -> privates.message(PrivateConversations.keyOf(session.account()),
                    PrivateConversations.keyOf(recipient.account()), session.name(), recipient.name(), text, ts,
                    false));
            if (row == null) {
                refuseUnsaved(session, cid, "tell");
                return;
            }
            pendingPrivates.add(row);
            message = PrivateConversations.live(row);
        }
        if (cid != null) {
            receipts.add(new Receipts.Receipt(sender, cid, message.id() == null ? 0 : message.id(), message.ts(),
                    message.from(), message.to(), null), now());
        }
        // Every device of both people has the conversation; the sender's own copy carries its client message id.
        deliverPrivate(recipient.sessions(), session, message);
        if (recipient != personOf.get(session)) {
            deliverPrivate(personOf.get(session).sessions(), session, message);
        }
        deliverPrivate(new Session[] {session}, null, cid == null ? message : message.withCid(cid));
    }

    /** A private message to these sessions but one, in each one's protocol. */
    private void deliverPrivate(Session[] sessions, Session except, PrivateMessage message) {
        Session[] to = without(sessions, except);
        deliverByProtocol(speaking(1, to), message.plain(), speaking(2, to), message);
    }

    /**
     * A private message to an account that is offline (protocol 2): stored to wait for its next login, unless its
     * queue is full; the sender's copy says that it waits.
     */
    private void tellOffline(Session session, String to, String text, String cid) {
        if (journal.failing()) {
            refuseUnsaved(session, cid, "tell");
            return;
        }
        String registered;
        Optional<String> full;
        try {
            registered = privates.registeredName(to).orElse(null);
            full = registered == null ? Optional.empty() : privates.full(PrivateConversations.keyOf(registered),
                    registered);
        } catch (SQLException | RuntimeException e) {
            log.info("private message to " + to + " not stored: " + e.getMessage());
            refuseUnsaved(session, cid, "tell");
            return;
        }
        if (registered == null) {
            deliver(session, new ErrorReply(ErrorCode.NOT_ONLINE, "'" + to + "' is not online, and no account"
                    + " has that name.", "tell", cid));
            return;
        }
        if (full.isPresent()) {
            deliver(session, new ErrorReply(ErrorCode.QUEUE_FULL, full.get(), "tell", cid));
            return;
        }
        long ts = now();
        if (numbering != null) {
            String fromKey = PrivateConversations.keyOf(session.account());
            String toKey = PrivateConversations.keyOf(registered);
            numbering.submit(new Numbering.Unnumbered(new PrivateRow(PrivateStore.conversationKey(fromKey, toKey), 0,
                    ts, fromKey, toKey, session.name(), registered, text, true), session, cid));
            return;
        }
        PrivateRow row = storedRow(() -> privates.message(PrivateConversations.keyOf(session.account()),
                PrivateConversations.keyOf(registered), session.name(), registered, text, ts, true));
        if (row == null) {
            refuseUnsaved(session, cid, "tell");
            return;
        }
        pendingPrivates.add(row);
        PrivateMessage echo = PrivateConversations.offline(row);
        if (cid != null) {
            receipts.add(new Receipts.Receipt(accountKey(session.account(), false), cid, row.id(), ts, echo.from(),
                    echo.to(), null), now());
        }
        deliverPrivate(personOf.get(session).sessions(), session, echo);
        pendingDeliveries.add(Delivery.to(session, MessageCodec.encode(cid == null ? echo : echo.withCid(cid))));
    }

    /**
     * On a node of several, a private message between accounts is numbered by the database whichever node the
     * other person is on (or none: then it waits for them, as on one server); whether this took the message. A
     * guest here is reached as on one server; one on another node is not reached yet.
     */
    private boolean tellAcrossNodes(Session session, String to, String text, String cid) {
        Person local = byName.get(Names.key(to));
        if (local == null && session.protocol() != 1) {
            local = byMember.get(Names.key(to));
        }
        if (local != null && local.guest()) {
            return false;
        }
        String toKey;
        String toName;
        if (local != null) {
            toKey = local.memberKey();
            toName = local.name();
        } else {
            Elsewhere.Remote remote = elsewhere.named(to);
            if (remote == null && session.protocol() != 1) {
                remote = elsewhere.get(Names.key(to));
            }
            if (remote == null) {
                if (session.protocol() == 1) {
                    return false;
                }
                tellOffline(session, to, text, cid);
                return true;
            }
            if (remote.guest()) {
                deliver(session, new ErrorReply(ErrorCode.NOT_ONLINE, "'" + to + "' is a guest on another server"
                        + " node; private messages to guests do not cross nodes yet.", "tell", cid));
                return true;
            }
            toKey = remote.memberKey();
            toName = remote.name();
        }
        if (cannotSave()) {
            refuseUnsaved(session, cid, "tell");
            return true;
        }
        String fromKey = PrivateConversations.keyOf(session.account());
        numbering.submit(new Numbering.Unnumbered(new PrivateRow(PrivateStore.conversationKey(fromKey, toKey), 0,
                now(), fromKey, toKey, session.name(), toName, text, false), session, cid));
        return true;
    }

    /**
     * A private message the database numbered, shown to the devices of both people on this node: the sending session
     * gets its copy with its client message id; a message waiting for its recipient goes only to the sender's.
     */
    private void showPrivate(PrivatesNumbered.Message numbered) {
        PrivateRow row = numbered.row();
        PrivateMessage message = row.pending() ? PrivateConversations.offline(row) : PrivateConversations.live(row);
        Session origin = numbered.sender();
        if (origin != null && numbered.cid() != null) {
            receipts.add(new Receipts.Receipt(accountKey(origin.account(), false), numbered.cid(), row.id(),
                    row.ts(), message.from(), message.to(), null), now());
        }
        Person recipient = byMember.get(row.toKey());
        Person sender = byMember.get(row.fromKey());
        if (recipient != null && !row.pending()) {
            deliverPrivate(recipient.sessions(), origin, message);
        }
        if (sender != null && sender != recipient) {
            deliverPrivate(sender.sessions(), origin, message);
        }
        if (origin != null) {
            deliverPrivate(new Session[] {origin}, null, numbered.cid() == null ? message
                    : message.withCid(numbered.cid()));
        }
    }

    /** A private message stored under its conversation's next id, or {@code null} when the id cannot be read. */
    private PrivateRow storedRow(StoreCall<PrivateRow> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            log.info("private message not stored: " + e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws SQLException;
    }

    private void rename(Session session, String name) {
        if (!requireInRoom(session, "nick")) {
            return;
        }
        String old = session.name();
        if (name.equals(old)) {
            reply(session, ErrorCode.NAME_TAKEN, "You are called '" + name + "' already.", "nick");
            return;
        }
        Person person = personOf.get(session);
        Person holder = byName.get(Names.key(name));
        if (holder != null && holder != person) {
            reply(session, ErrorCode.NAME_TAKEN, "Someone online is using the name '" + name + "'.", "nick");
            return;
        }
        byName.remove(Names.key(old));
        byName.put(Names.key(name), person);
        onlineNames.remove(Names.key(old));
        onlineNames.add(Names.key(name));
        person.renamedTo(name);
        if (presenceOut != null) {
            presenceOut.online(asRemote(person));
        }
        // Told once to each session that shares a room with them, however many rooms they share, and to each of
        // their own devices.
        Set<Session> told = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Session device : person.sessions()) {
            told.add(device);
            for (Room room : roomsOf.getOrDefault(device, List.of())) {
                told.addAll(Arrays.asList(room.present()));
            }
        }
        Session[] everyoneTold = told.toArray(Session[]::new);
        deliverByProtocol(speaking(1, everyoneTold), new Renamed(now(), old, name, lobby.online()),
                speaking(2, everyoneTold), new Renamed(now(), old, name, onlineCount()));
        log.info("rename " + old + " -> " + name);
    }

    private void who(Session session, String roomName, boolean onlineOnly) {
        if (!requireInRoom(session, "who")) {
            return;
        }
        if (session.protocol() == 1) {
            List<Member> list = new ArrayList<>(Arrays.stream(lobby.present()).map(personOf::get).distinct()
                    .map(p -> new Member(p.name(), p.since().toEpochMilli(), p.guest())).toList());
            for (String key : lobby.elsewhere()) {
                Elsewhere.Remote remote = elsewhere.get(key);
                if (remote != null && !byMember.containsKey(key)) {
                    list.add(new Member(remote.name(), remote.since(), remote.guest()));
                }
            }
            list.sort(Comparator.comparing(member -> Names.key(member.name())));
            deliver(session, new Members(list));
            return;
        }
        Room room = roomFor(session, roomName, "who", null);
        if (room == null) {
            return;
        }
        deliver(session, new Members(membersOf(room, onlineOnly), room.name()));
    }

    /**
     * A room's members with their roles, sorted by name: everyone, online or not, or only those online. Asked once
     * per IRC registration for each of its channels, so each name is folded once (a session keeps its folded name)
     * rather than at every comparison.
     */
    private List<Member> membersOf(Room room, boolean onlineOnly) {
        Map<String, Session> online = new HashMap<>();
        for (Session present : room.present()) {
            // Sessions are in the order they came: the first of a person's is its oldest.
            online.putIfAbsent(memberKey(present), present);
        }
        record Sorted(String key, Member member) {
        }
        List<Sorted> sorted = new ArrayList<>(onlineOnly ? online.size() : room.members().size());
        if (onlineOnly) {
            online.forEach((key, here) -> sorted.add(new Sorted(here.nameKey(), new Member(here.name(),
                    here.since().toEpochMilli(), here.guest(), true, room.roleOf(key)))));
        } else {
            room.members().forEach((key, member) -> {
                Session here = online.get(key);
                if (here == null && room.elsewhere().contains(key)) {
                    return; // listed below, online elsewhere
                }
                sorted.add(here != null
                        ? new Sorted(here.nameKey(), new Member(here.name(), here.since().toEpochMilli(), here.guest(),
                                true, room.roleOf(key)))
                        : new Sorted(Names.key(member.name()), new Member(member.name(), member.since(), null, false,
                                room.roleOf(key))));
            });
        }
        for (String key : room.elsewhere()) {
            Elsewhere.Remote remote = elsewhere.get(key);
            if (!online.containsKey(key) && remote != null) {
                sorted.add(new Sorted(Names.key(remote.name()), new Member(remote.name(), remote.since(),
                        remote.guest() ? true : null, true, room.roleOf(key))));
            }
        }
        sorted.sort(Comparator.comparing(Sorted::key));
        return sorted.stream().map(Sorted::member).toList();
    }

    private void join(Session session, String name) {
        if (!requireInRoom(session, "join")) {
            return;
        }
        Room existing = byKey.get(RoomNames.key(name));
        if (existing != null && existing.isPresent(session)) {
            deliver(session, existing.info());
            return;
        }
        if (existing != null && existing.isBanned(memberKey(session))) {
            reply(session, ErrorCode.BANNED, "You are banned from " + existing.name() + ".", "join");
            return;
        }
        if (existing != null && existing.inviteOnly() && !existing.invited(memberKey(session), now())
                && !isAdmin(session)) {
            reply(session, ErrorCode.INVITE_ONLY, existing.name() + " is invite-only; ask its owner or an operator"
                    + " for an invite.", "join");
            return;
        }
        int rooms = roomsOf.getOrDefault(session, List.of()).size();
        if (rooms >= config.maxRoomsPerUser()) {
            reply(session, ErrorCode.TOO_MANY_ROOMS, "You are in " + rooms + " rooms, the most this server allows;"
                    + " leave one first.", "join");
            return;
        }
        if (existing == null && config.roomCreation() == RoomCreation.OPERATORS && !isAdmin(session)) {
            reply(session, ErrorCode.ROOM_CREATION_DISABLED, "Only the server's operators can make rooms here;"
                    + " join one that exists.", "join");
            return;
        }
        if (existing == null && session.guest() && config.roomCreation() == RoomCreation.ACCOUNTS) {
            reply(session, ErrorCode.ROOM_CREATION_DISABLED, "Only people with an account can make rooms here;"
                    + " join one that exists.", "join");
            return;
        }
        Room room = existing != null ? existing : create(session, name);
        if (room == null) {
            return;
        }
        if (!session.guest() && !persist(session, () -> memberships.join(room.name(), Names.key(session.account()),
                now()))) {
            return;
        }
        if (room.holdsInvite(memberKey(session))) {
            room.invite(memberKey(session), null);
            try {
                memberships.uninvite(room.name(), memberKey(session));
            } catch (SQLException e) {
                // An invite is used once; one not forgotten here still expires within a day.
                log.info("forgetting a used invite failed: " + e.getMessage());
            }
        }
        enroll(room, memberKey(session), session.account(), now());
        if (!session.guest()) {
            tellNodes("joined", room, List.of(memberKey(session), session.account(), Long.toString(now())));
        }
        // The membership is the account's: every device of it that speaks rooms is in the room from now on.
        Person person = personOf.get(session);
        boolean here = room.isHere(person.memberKey());
        List<Session> devices = new ArrayList<>();
        for (Session device : person.sessions()) {
            if (device.protocol() != 1 && !room.isPresent(device)) {
                room.add(device, person.memberKey());
                roomsOf.computeIfAbsent(device, any -> new ArrayList<>()).add(room);
                devices.add(device);
            }
        }
        for (Session device : devices) {
            deliver(device, room.info());
            replayLatest(device, room);
        }
        Joined joined = new Joined(now(), session.name(), room.online(), session.guest(), room.name());
        if (here) {
            // Present already through a protocol-1 device: the room knows; the devices that came in hear it.
            devices.forEach(device -> deliver(device, joined));
        } else {
            presenceNotice(room, joined, person);
        }
        log.info(session.name() + " joined " + room.name() + " (" + room.online() + " online there)");
    }

    /** Makes someone a member of a room, keeping the index of each member's rooms. */
    private void enroll(Room room, String memberKey, String memberName, long since) {
        room.join(memberKey, memberName, since);
        roomsOfMember.computeIfAbsent(memberKey, any -> new HashSet<>()).add(room);
    }

    private void disenroll(Room room, String memberKey) {
        room.part(memberKey);
        Set<Room> rooms = roomsOfMember.get(memberKey);
        if (rooms != null && rooms.remove(room) && rooms.isEmpty()) {
            roomsOfMember.remove(memberKey);
        }
    }

    /** Makes a room, owned by the session's account (no one owns a guest's room); null after saying why not. */
    private Room create(Session session, String name) {
        String owner = session.guest() ? null : Names.key(session.account());
        String canonical = RoomNames.canonical(name);
        if (!persist(session, () -> roomStore.create(canonical, owner, now()))) {
            return null;
        }
        Room room = new Room(canonical, null, owner, List.of(), 0, 0, config.recentWindow());
        byKey.put(room.key(), room);
        log.info(session.name() + " made the room " + canonical);
        tellNodes("made", room, owner == null ? List.of() : List.of(owner));
        return room;
    }

    private void part(Session session, String name, String reason) {
        if (!requireInRoom(session, "part")) {
            return;
        }
        Room room = roomFor(session, name, "part", null);
        if (room == null) {
            return;
        }
        if (!session.guest() && !persist(session, () -> memberships.leave(room.name(),
                Names.key(session.account())))) {
            return;
        }
        removeFromRoom(room, personOf.get(session), "left" + reasonText(reason),
                new Bye(Bye.REPLACED, "You left " + room.name() + " on another device."));
        log.info(session.name() + " left " + room.name());
        if (!session.guest()) {
            tellNodes("left", room, List.of(memberKey(session), session.name(), "left" + reasonText(reason)));
        }
    }

    /**
     * Takes someone present out of a room, from every device, telling the room (and them) why; their membership has
     * ended. A protocol-1 session lives in the default room only, so being put out of it ends the session, with a
     * bye: {@code kicked} with the reason, or {@code protocol1Bye} when given.
     */
    private void removeFromRoom(Room room, Person person, String why) {
        removeFromRoom(room, person, why, new Bye(Bye.KICKED, "You were " + why + "."));
    }

    private void removeFromRoom(Room room, Person person, String why, Bye protocol1Bye) {
        presenceNotice(room, new Left(now(), person.name(), room.online() - 1, why, room.name()), person);
        List<Session> protocol1 = new ArrayList<>();
        for (Session device : person.sessions()) {
            if (room.isPresent(device)) {
                room.remove(device, person.memberKey());
                roomsOf.getOrDefault(device, new ArrayList<>()).remove(room);
                if (device.protocol() == 1) {
                    protocol1.add(device);
                }
            }
        }
        disenroll(room, person.memberKey());
        for (Session device : protocol1) {
            endSession(device, protocol1Bye, why);
        }
    }

    /** ": REASON", cleaned to one line and cut to a topic's length, or nothing without a reason. */
    private static String reasonText(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String clean = Topics.clean(reason);
        return ": " + (Topics.fits(clean) ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, Topics.MAX_LENGTH)));
    }

    /**
     * Puts someone present out of a room; they may join again. The owner and operators kick members, only the owner
     * kicks operators, and no one kicks the owner.
     */
    private void kick(Session session, String roomName, String name, String reason) {
        Room room = moderated(session, roomName, "kick");
        if (room == null) {
            return;
        }
        Person target = presentNamed(room, name);
        if (target == null) {
            reply(session, ErrorCode.NOT_A_MEMBER, nameOrSomeone(name) + " is not in " + room.name() + ".", "kick");
            return;
        }
        String refusal = actOnRefusal(room, powerOf(room, session), memberKey(session), target.memberKey(), "kick");
        if (refusal != null) {
            reply(session, ErrorCode.NOT_ALLOWED, refusal, "kick");
            return;
        }
        if (!applyKick(room, target, session.name(), reason)) {
            reply(session, ErrorCode.SERVER_ERROR, STORAGE_FAILED, "kick");
        }
    }

    /** Takes someone out of a room for good (they may join again); false when the database did not take it. */
    private boolean applyKick(Room room, Person target, String by, String reason) {
        if (!target.guest() && !store(() -> memberships.leave(room.name(), Names.key(target.account())))) {
            return false;
        }
        removeFromRoom(room, target, "kicked by " + by + reasonText(reason));
        log.info(by + " kicked " + target.name() + " from " + room.name());
        return true;
    }

    /**
     * Bans an account from a room (ending its membership, taking it out if present, refusing its joins) or lifts
     * the ban. Guests have no account to ban; they can be kicked.
     */
    private void ban(Session session, String roomName, String name, boolean ban) {
        String verb = ban ? "ban" : "unban";
        Room room = moderated(session, roomName, verb);
        if (room == null) {
            return;
        }
        Person present = presentNamed(room, name);
        if (present != null && present.guest()) {
            reply(session, ErrorCode.NOT_ALLOWED, "Guests have no account to ban; kick them instead.", verb);
            return;
        }
        String key = present != null ? present.memberKey() : Names.key(name);
        String accountName;
        try {
            accountName = memberships.accountName(key).orElse(null);
        } catch (SQLException e) {
            log.info("looking up an account failed: " + e.getMessage());
            reply(session, ErrorCode.SERVER_ERROR, "The server could not look that account up; try again.", verb);
            return;
        }
        if (accountName == null) {
            reply(session, ErrorCode.NO_SUCH_ACCOUNT, nameOrSomeone(name) + " has no account here.", verb);
            return;
        }
        String refusal = actOnRefusal(room, powerOf(room, session), memberKey(session), key, verb);
        if (refusal != null) {
            reply(session, ErrorCode.NOT_ALLOWED, refusal, verb);
            return;
        }
        if (room.isBanned(key) == ban) {
            deliver(session, new BanChanged(room.name(), now(), accountName, session.name(), ban));
        } else if (!applyBan(room, key, accountName, session.name(), memberKey(session), ban)) {
            reply(session, ErrorCode.SERVER_ERROR, STORAGE_FAILED, verb);
        }
    }

    /** Bans an account from a room or lifts the ban, and tells the room; false when the database did not take it. */
    private boolean applyBan(Room room, String key, String accountName, String by, String byKey, boolean ban) {
        if (!store(() -> {
            if (ban) {
                memberships.ban(room.name(), key, byKey, now());
            } else {
                memberships.unban(room.name(), key);
            }
        })) {
            return false;
        }
        room.ban(key, accountName, ban);
        tellRoom(room, new BanChanged(room.name(), now(), accountName, by, ban));
        if (ban) {
            endMembership(room, key, accountName, "banned by " + by);
        }
        log.info(by + (ban ? " banned " : " lifted the ban on ") + accountName + " in " + room.name());
        return true;
    }

    /** Ends an account's membership of a room, taking its sessions out if present, and tells the room why. */
    private void endMembership(Room room, String key, String accountName, String why) {
        Person present = byMember.get(key);
        if (present != null && room.isHere(key)) {
            removeFromRoom(room, present, why);
            return;
        }
        if (room.isMember(key)) {
            disenroll(room, key);
            presenceNotice(room, new Left(now(), accountName, room.online(), why, room.name()), null);
        }
    }

    private void listBans(Session session, String roomName) {
        Room room = moderated(session, roomName, "bans");
        if (room == null) {
            return;
        }
        List<String> names = room.bannedNames();
        deliver(session, new BanList(room.name(), names.stream().limit(BanList.MAX).toList(),
                names.size() > BanList.MAX));
    }

    /** The room a moderation request names, when the session may keep order there; null after saying why not. */
    private Room moderated(Session session, String roomName, String request) {
        if (!requireInRoom(session, request)) {
            return null;
        }
        Room room = roomFor(session, roomName, request, null);
        if (room != null && !keepsOrder(room, session)) {
            reply(session, ErrorCode.NOT_ALLOWED, "Only the owner and operators of " + room.name() + " can "
                    + (request.equals("bans") ? "see its bans" : request + " here") + ".", request);
            return null;
        }
        return room;
    }

    /** Why the actor (with these powers, {@link #powerOf}) may not kick or ban the target; null when it may. */
    private static String actOnRefusal(Room room, String actorPower, String actor, String target, String verb) {
        if (target.equals(actor)) {
            return "You cannot " + verb + " yourself" + (verb.equals("kick") ? "; part to leave." : ".");
        }
        String role = room.roleOf(target);
        if (role.equals(Roles.OWNER)) {
            return "No one can " + verb + " the owner of " + room.name() + ".";
        }
        if (role.equals(Roles.OPERATOR) && !actorPower.equals(Roles.OWNER)) {
            return "Only the owner of " + room.name() + " can " + verb + " an operator.";
        }
        return null;
    }

    /** Someone present in the room by display name, or null. */
    private Person presentNamed(Room room, String name) {
        Person person = byName.get(Names.key(name));
        return person != null && room.isHere(person.memberKey()) ? person : null;
    }

    /** The name as the user typed it when it could be a name, else words that do not repeat it. */
    private String nameOrSomeone(String name) {
        return new Names(config.maxNameLength()).check(name).isEmpty() ? name : "No one by that name";
    }

    private void listRooms(Session session, String filter, String after, int limit) {
        if (!requireInRoom(session, "rooms")) {
            return;
        }
        String needle = filter == null ? "" : RoomNames.key(filter);
        String from = after == null ? "" : RoomNames.key(after);
        List<Room> matching = byKey.values().stream()
                .filter(room -> room.key().contains(needle) && room.key().compareTo(from) > 0)
                .sorted(Comparator.comparing(Room::key))
                .limit(limit + 1L)
                .toList();
        List<RoomInfo> page = matching.stream().limit(limit).map(Room::info).toList();
        deliver(session, new RoomList(page, matching.size() > limit));
    }

    private void setTopic(Session session, String name, String text) {
        if (!requireInRoom(session, "topic")) {
            return;
        }
        Room room = roomFor(session, name, "topic", null);
        if (room == null) {
            return;
        }
        if (room.topicLocked() && !keepsOrder(room, session)) {
            reply(session, ErrorCode.NOT_ALLOWED, "Only the owner and operators of " + room.name()
                    + " can set its topic.", "topic");
            return;
        }
        String topic = Topics.clean(text);
        if (!Topics.fits(topic)) {
            reply(session, ErrorCode.TEXT_TOO_LONG, "A topic has at most " + Topics.MAX_LENGTH + " characters.",
                    "topic");
            return;
        }
        if (!persist(session, () -> roomStore.setTopic(room.name(), topic.isEmpty() ? null : topic))) {
            return;
        }
        room.topic(topic);
        tellRoom(room, new TopicChanged(room.name(), now(), session.name(), topic));
        tellNodes("topic", room, List.of(session.name(), topic));
    }

    /**
     * Gives a member a role. The owner and operators make members operators; only the owner takes operator away
     * from an operator, and only the owner hands the room over (staying an operator). Roles belong to accounts.
     */
    private void setRole(Session session, String roomName, String name, String role) {
        if (!requireInRoom(session, "role")) {
            return;
        }
        Room room = roomFor(session, roomName, "role", null);
        if (room == null) {
            return;
        }
        String actor = memberKey(session);
        String target = memberKeyOf(room, name);
        if (target == null) {
            reply(session, ErrorCode.NOT_A_MEMBER, nameOrSomeone(name) + " is not a member of " + room.name() + ".",
                    "role");
            return;
        }
        String targetRole = room.roleOf(target);
        String refusal = roleRefusal(room, powerOf(room, session), actor, target, targetRole, role);
        if (refusal != null) {
            reply(session, ErrorCode.NOT_ALLOWED, refusal, "role");
            return;
        }
        String display = displayName(room, target);
        if (role.equals(targetRole)) {
            deliver(session, new RoleChanged(room.name(), now(), display, role, session.name()));
            return;
        }
        String oldOwner = room.ownerKey();
        boolean saved = role.equals(Roles.OWNER)
                ? persist(session, () -> {
                    roomStore.setOwner(room.name(), target);
                    if (oldOwner != null) {
                        memberships.setOperator(room.name(), oldOwner, true);
                    }
                    memberships.setOperator(room.name(), target, false);
                })
                : persist(session, () -> memberships.setOperator(room.name(), target, role.equals(Roles.OPERATOR)));
        if (!saved) {
            return;
        }
        if (role.equals(Roles.OWNER)) {
            room.handTo(target);
            if (oldOwner != null && room.isMember(oldOwner)) {
                tellRoom(room, new RoleChanged(room.name(), now(), displayName(room, oldOwner), Roles.OPERATOR,
                        session.name()));
            }
        } else {
            room.operator(target, role.equals(Roles.OPERATOR));
        }
        tellRoom(room, new RoleChanged(room.name(), now(), display, role, session.name()));
        log.info(session.name() + " made " + display + " " + role + " of " + room.name());
        tellNodes("role", room, List.of(target, display, role, session.name(),
                oldOwner == null ? "" : oldOwner, oldOwner == null ? "" : displayName(room, oldOwner)));
    }

    /**
     * Why the actor may not give the target that role, naming the role it would take; null when it may.
     *
     * @param actorPower the actor's role, as far as powers go ({@link #powerOf})
     */
    private static String roleRefusal(Room room, String actorPower, String actor, String target, String targetRole,
                                      String role) {
        String owner = "Only the owner of " + room.name();
        if (target.startsWith(GUEST_KEY_PREFIX)) {
            return "Guests have no account, so they cannot have a role in a room.";
        }
        if (role.equals(Roles.OWNER) || targetRole.equals(Roles.OWNER)) {
            boolean handOver = actorPower.equals(Roles.OWNER) && !target.equals(actor);
            return handOver ? null : owner + " can hand it over"
                    + (targetRole.equals(Roles.OWNER) ? ", which ends its ownership." : ".");
        }
        if (actorPower.equals(Roles.MEMBER)) {
            return "Only the owner and operators of " + room.name() + " can give or take operator.";
        }
        if (targetRole.equals(Roles.OPERATOR) && !actorPower.equals(Roles.OWNER)) {
            return owner + " can take operator from an operator.";
        }
        return null;
    }

    /** Opens the topic to every member or locks it to the owner and operators; makes the room invite-only or not. */
    private void changeSettings(Session session, String roomName, Boolean topicLocked, Boolean inviteOnly) {
        if (!requireInRoom(session, "settings")) {
            return;
        }
        Room room = roomFor(session, roomName, "settings", null);
        if (room == null) {
            return;
        }
        if (!keepsOrder(room, session)) {
            reply(session, ErrorCode.NOT_ALLOWED, "Only the owner and operators of " + room.name()
                    + " can change its settings.", "settings");
            return;
        }
        boolean locked = topicLocked != null ? topicLocked : room.topicLocked();
        boolean onlyInvited = inviteOnly != null ? inviteOnly : room.inviteOnly();
        if (!persist(session, () -> {
            roomStore.setTopicOpen(room.name(), !locked);
            roomStore.setInviteOnly(room.name(), onlyInvited);
        })) {
            return;
        }
        room.topicLocked(locked);
        room.inviteOnly(onlyInvited);
        tellRoom(room, new SettingsChanged(room.name(), now(), session.name(), locked, onlyInvited));
        tellNodes("settings", room, List.of(session.name(), Boolean.toString(locked), Boolean.toString(onlyInvited)));
    }

    /**
     * Invites an account to a room for {@link #INVITE_VALIDITY}: its next join gets in, invite-only or not. The
     * invited account's session hears of it.
     */
    private void invite(Session session, String roomName, String name) {
        Room room = moderated(session, roomName, "invite");
        if (room == null) {
            return;
        }
        String key = Names.key(name);
        String accountName;
        try {
            accountName = memberships.accountName(key).orElse(null);
        } catch (SQLException e) {
            log.info("looking up an account failed: " + e.getMessage());
            reply(session, ErrorCode.SERVER_ERROR, "The server could not look that account up; try again.", "invite");
            return;
        }
        if (accountName == null) {
            reply(session, ErrorCode.NO_SUCH_ACCOUNT, nameOrSomeone(name) + " has no account here; guests cannot be"
                    + " invited.", "invite");
            return;
        }
        if (room.isMember(key)) {
            reply(session, ErrorCode.ALREADY_MEMBER, accountName + " is in " + room.name() + " already.", "invite");
            return;
        }
        if (room.isBanned(key)) {
            reply(session, ErrorCode.NOT_ALLOWED, accountName + " is banned from " + room.name()
                    + "; lift the ban first.", "invite");
            return;
        }
        long expires = now() + INVITE_VALIDITY.toMillis();
        if (!persist(session, () -> memberships.invite(room.name(), key, memberKey(session), expires))) {
            return;
        }
        room.invite(key, expires);
        Invited invited = new Invited(room.name(), now(), accountName, session.name(), expires);
        deliver(session, invited);
        Person invitee = byMember.get(key);
        if (invitee != null) {
            deliverByProtocol(new Session[0], null, speaking(2, invitee.sessions()), invited);
        }
        log.info(session.name() + " invited " + accountName + " to " + room.name());
    }

    /**
     * Deletes a room with its history, memberships, bans and invites; its owner asks, repeating its name. Everyone in
     * it is told and taken out. Waits for the journal to have written what was said there before, so nothing of the
     * room comes back after it.
     */
    private void deleteRoom(Session session, String roomName, String confirm) {
        if (!requireInRoom(session, "delete_room")) {
            return;
        }
        Room room = roomFor(session, roomName, "delete_room", null);
        if (room == null) {
            return;
        }
        if (room == lobby) {
            reply(session, ErrorCode.NOT_ALLOWED, "The default room " + room.name() + " cannot be deleted.",
                    "delete_room");
            return;
        }
        if (!powerOf(room, session).equals(Roles.OWNER)) {
            reply(session, ErrorCode.NOT_ALLOWED, "Only the owner of " + room.name() + " can delete it.",
                    "delete_room");
            return;
        }
        if (!RoomNames.key(confirm).equals(room.key())) {
            reply(session, ErrorCode.BAD_MESSAGE, "To delete " + room.name() + ", repeat its name in 'confirm'.",
                    "delete_room");
            return;
        }
        if (!applyDelete(room, session.name())) {
            reply(session, ErrorCode.SERVER_ERROR, STORAGE_FAILED, "delete_room");
        }
    }

    /** Deletes a room with all it holds and tells those in it; false when the database did not take it. */
    private boolean applyDelete(Room room, String by) {
        submitPending();
        if (!store(() -> {
            journal.deleteHistory(room.name());
            readMarkers.forgetConversation(room.key());
            memberships.deleteRoom(room.name());
            roomStore.delete(room.name());
        })) {
            return false;
        }
        tellRoom(room, new RoomDeleted(room.name(), now(), by));
        for (Session present : room.present()) {
            room.remove(present, memberKey(present));
            roomsOf.getOrDefault(present, new ArrayList<>()).remove(room);
        }
        for (String member : List.copyOf(room.members().keySet())) {
            disenroll(room, member);
        }
        byKey.remove(room.key());
        log.info(by + " deleted the room " + room.name());
        return true;
    }

    /** The console's ban of an account from the whole server (its session ends), or the lifting of one. */
    private Refusal banFromServer(String account, boolean banned) {
        String key = Names.key(account);
        String name = accountName(key);
        if (name == null) {
            return new Refusal(ErrorCode.NO_SUCH_ACCOUNT, nameOrSomeone(account) + " has no account here.");
        }
        if (banned && config.isAdmin(name)) {
            return new Refusal(ErrorCode.NOT_ALLOWED, name + " is a server operator; restart the server without"
                    + " --admin " + name + " first.");
        }
        if (bannedFromServer.contains(key) == banned) {
            return null;
        }
        if (!store(() -> serverBans.ban(key, banned, now()))) {
            return new Refusal(ErrorCode.SERVER_ERROR, STORAGE_FAILED);
        }
        if (banned) {
            bannedFromServer.add(key);
            Person online = byMember.get(key);
            if (online != null) {
                endPerson(online, "This account is banned from this server.", "banned from the server");
            }
        } else {
            bannedFromServer.remove(key);
        }
        log.info((banned ? "banned " : "lifted the server ban on ") + name);
        return null;
    }

    /** A server operator's ban of an account from the whole server, as the console's, answered to them. */
    private void serverBan(Session session, String account, boolean banned) {
        if (!requireInRoom(session, "server_ban")) {
            return;
        }
        if (!isAdmin(session)) {
            reply(session, ErrorCode.NOT_ALLOWED, "Only the server's operators can ban from the server.",
                    "server_ban");
            return;
        }
        if (banned && Names.key(account).equals(Names.key(session.account()))) {
            reply(session, ErrorCode.NOT_ALLOWED, "You cannot ban yourself.", "server_ban");
            return;
        }
        Refusal refusal = banFromServer(account, banned);
        if (refusal != null) {
            reply(session, refusal.code(), refusal.message(), "server_ban");
            return;
        }
        deliver(session, new ServerBanChanged(now(), accountName(Names.key(account)), banned));
    }

    /** What the console shows of a room; null when there is none. */
    private RoomReport describe(String roomName) {
        Room room = byKey.get(RoomNames.key(roomName));
        return room == null ? null : new RoomReport(room.info(), membersOf(room, false), room.bannedNames());
    }

    private String consoleKick(String roomName, String name, String reason) {
        Room room = byKey.get(RoomNames.key(roomName));
        if (room == null) {
            return Room.noSuchRoom(roomName);
        }
        Person target = presentNamed(room, name);
        if (target == null) {
            return nameOrSomeone(name) + " is not in " + room.name() + ".";
        }
        String refusal = actOnRefusal(room, Roles.OWNER, CONSOLE_KEY, target.memberKey(), "kick");
        if (refusal != null) {
            return refusal;
        }
        return applyKick(room, target, CONSOLE, reason) ? null : STORAGE_FAILED;
    }

    private String consoleBan(String roomName, String account, boolean ban) {
        Room room = byKey.get(RoomNames.key(roomName));
        if (room == null) {
            return Room.noSuchRoom(roomName);
        }
        Person present = presentNamed(room, account);
        if (present != null && present.guest()) {
            return "Guests have no account to ban; kick them instead.";
        }
        String key = present != null ? present.memberKey() : Names.key(account);
        String name = accountName(key);
        if (name == null) {
            return nameOrSomeone(account) + " has no account here.";
        }
        String refusal = actOnRefusal(room, Roles.OWNER, CONSOLE_KEY, key, ban ? "ban" : "unban");
        if (refusal != null) {
            return refusal;
        }
        if (room.isBanned(key) == ban) {
            return null;
        }
        return applyBan(room, key, name, CONSOLE, null, ban) ? null : STORAGE_FAILED;
    }

    private String closeRoom(String roomName) {
        Room room = byKey.get(RoomNames.key(roomName));
        if (room == null) {
            return Room.noSuchRoom(roomName);
        }
        if (room == lobby) {
            return "The default room " + room.name() + " cannot be closed.";
        }
        return applyDelete(room, CONSOLE) ? null : STORAGE_FAILED;
    }

    /** The name of the account with that key, or null when there is none (or the database cannot say). */
    private String accountName(String key) {
        try {
            return memberships.accountName(key).orElse(null);
        } catch (SQLException e) {
            log.info("looking up an account failed: " + e.getMessage());
            return null;
        }
    }

    /** Whether the session is one of the server's operators ({@code --admin}): an account named so. */
    private boolean isAdmin(Session session) {
        return !session.guest() && config.isAdmin(session.account());
    }

    /** The session's role in the room as far as powers go: a server operator's are an owner's in every room. */
    private String powerOf(Room room, Session session) {
        return isAdmin(session) ? Roles.OWNER : room.roleOf(memberKey(session));
    }

    /** Whether the session may keep order in the room: its owner, an operator, or a server operator. */
    private boolean keepsOrder(Room room, Session session) {
        return !powerOf(room, session).equals(Roles.MEMBER);
    }

    /** The member key of whoever that name means in the room: someone present by display name, else an account. */
    private String memberKeyOf(Room room, String name) {
        Person present = presentNamed(room, name);
        if (present != null) {
            return present.memberKey();
        }
        return room.isMember(Names.key(name)) ? Names.key(name) : null;
    }

    /** The name the room knows a member by: its display name while present, else its account's. */
    private String displayName(Room room, String memberKey) {
        Person present = byMember.get(memberKey);
        return present != null && room.isHere(memberKey) ? present.name() : room.members().get(memberKey).name();
    }

    /** A notice of protocol 2 (a protocol-1 client knows nothing of topics and roles) to everyone in the room. */
    private void tellRoom(Room room, ServerMessage notice) {
        deliverByProtocol(room.present(1), null, room.present(2), notice);
    }

    /** A write to the database on the rooms thread; false after telling the session it failed. */
    private boolean persist(Session session, Storage write) {
        if (store(write)) {
            return true;
        }
        ErrorReply failed = new ErrorReply(ErrorCode.SERVER_ERROR, STORAGE_FAILED, null);
        if (journal.failing()) {
            // Through the journal the reply would wait behind the batch it retries, as long as the outage lasts.
            session.send(session.encode(failed));
        } else {
            deliver(session, failed);
        }
        return false;
    }

    /** A write to the database on the rooms thread; false, logged, when it failed. */
    private boolean store(Storage write) {
        try {
            write.run();
            return true;
        } catch (SQLException | RuntimeException e) {
            log.info("storage failed: " + e.getMessage());
            return false;
        }
    }

    @FunctionalInterface
    private interface Storage {
        void run() throws SQLException;
    }

    private void leave(Session session, String reason, boolean logout) {
        String token = session.takeResumeToken();
        if (token != null && tokens != null) {
            if (logout) {
                tokens.revokeLater(token);
            } else {
                tokens.expireLater(token);
            }
        }
        if (session.inRoom() && personOf.containsKey(session)) {
            // A lost connection may come back with its resume token, to the same rooms, guests' included.
            String name = session.name();
            List<Room> left = dropSession(session, !logout, reason);
            departed(name, left, reason);
            log.info("logout " + session.name() + " from " + session.address() + ": " + reason + " ("
                    + lobby.online() + " online)");
        }
        if (logout) {
            deliverAndClose(session, new Bye(Bye.LOGOUT, "Goodbye."));
        }
    }

    private boolean kick(String name, String reason) {
        Person target = byName.get(Names.key(name));
        if (target == null) {
            return false;
        }
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        for (Session device : target.sessions()) {
            log.info("kick " + target.name() + " at " + device.address() + why);
        }
        endPerson(target, "You were kicked by the operator" + why, "kicked" + why);
        return true;
    }

    /** Ends every session of a person for good, saying why to each and to their rooms. */
    private void endPerson(Person target, String byeText, String leftReason) {
        for (Session device : target.sessions()) {
            endSession(device, byeText, leftReason);
        }
    }

    /** Ends a session for good (its resume token too), saying why to it, and to the rooms it leaves. */
    private void endSession(Session target, String byeText, String leftReason) {
        endSession(target, new Bye(Bye.KICKED, byeText), leftReason);
    }

    private void endSession(Session target, Bye bye, String leftReason) {
        String name = target.name();
        List<Room> left = dropSession(target, false, leftReason);
        revoke(target.takeResumeToken());
        deliverAndClose(target, bye);
        departed(name, left, leftReason);
    }

    /** Every session, by name and then oldest first: the console sees each device with its address. */
    private List<OnlineUser> onlineUsers() {
        return byName.values().stream()
                .sorted(Comparator.comparing(p -> Names.key(p.name())))
                .flatMap(p -> Arrays.stream(p.sessions()))
                .map(s -> new OnlineUser(s.name(), s.account(), s.address(), s.since()))
                .toList();
    }

    private void shutdown(CompletableFuture<Void> done) {
        Session[] all = everyone();
        for (Session session : all) {
            // The other nodes hear that this one stopped, all at once.
            dropSession(session, false, null);
        }
        pendingDeliveries.add(new Delivery(all, MessageCodec.encode(new Bye(Bye.SHUTDOWN,
                "The server is shutting down.")), () -> {
                    for (Session session : all) {
                        session.close();
                    }
                    done.complete(null);
                }));
        stopped = true;
    }

    /** Every session logged in, in every room. */
    private Session[] everyone() {
        return personOf.keySet().toArray(Session[]::new);
    }

    private boolean requireInRoom(Session session, String request) {
        if (session.inRoom()) {
            return true;
        }
        reply(session, ErrorCode.NOT_LOGGED_IN, "Log in first.", request);
        return false;
    }

    /**
     * Registers a session that logged in as one of its person's and puts it in its rooms: the default room for
     * protocol 1; for protocol 2 the rooms its account is a member of (a guest: the default room, for as long as its
     * session lasts).
     *
     * @param cameOnline where to add the rooms in which the person had no other session
     */
    private List<Room> add(Session session, Person person, List<Room> cameOnline) {
        person.add(session);
        personOf.put(session, person);
        List<Room> rooms = new ArrayList<>();
        if (session.guest()) {
            guestsAway.remove(person.memberKey());
        }
        if (session.protocol() == 1) {
            rooms.add(lobby);
        } else {
            if (session.guest()) {
                enroll(lobby, memberKey(session), session.account(), now());
            }
            roomsOfMember.getOrDefault(memberKey(session), Set.of()).stream().sorted(Comparator.comparing(Room::key))
                    .forEach(rooms::add);
        }
        for (Room room : rooms) {
            if (room.add(session, person.memberKey())) {
                cameOnline.add(room);
            }
        }
        roomsOf.put(session, rooms);
        return rooms;
    }

    /**
     * Takes a session out of every room it is in, and its person offline when it was the last one; returns the rooms
     * in which the person went offline with it.
     *
     * @param mayResume whether the session may come back with its resume token: a guest's memberships then wait for
     *                  it while resuming is possible ({@link #sweepGuests}), else end now
     */
    private List<Room> dropSession(Session session, boolean mayResume, String reason) {
        session.leave();
        Person person = personOf.remove(session);
        if (person == null) {
            return List.of();
        }
        person.remove(session);
        boolean gone = person.sessions().length == 0;
        if (gone) {
            byName.remove(Names.key(person.name()), person);
            onlineNames.remove(Names.key(person.name()));
            byMember.remove(person.memberKey(), person);
            if (presenceOut != null && reason != null) {
                presenceOut.offline(person.memberKey(), reason);
            }
        }
        List<Room> rooms = roomsOf.remove(session);
        List<Room> wentOffline = new ArrayList<>();
        for (Room room : rooms == null ? List.<Room>of() : rooms) {
            if (room.remove(session, person.memberKey())) {
                wentOffline.add(room);
            }
        }
        if (gone && person.guest()) {
            if (mayResume) {
                guestsAway.put(person.memberKey(), now());
            } else {
                // Every room it joined, including those of its other sessions that ended before this one.
                for (Room room : List.copyOf(roomsOfMember.getOrDefault(person.memberKey(), Set.of()))) {
                    disenroll(room, person.memberKey());
                }
            }
        }
        return wentOffline;
    }

    /**
     * Tells each room in which someone came online (a session of a person who had none there): a join for protocol
     * 1, presence for protocol 2. Where the person was online already, only the new session hears of its arrival.
     */
    private void arrived(Session session, Person person, List<Room> rooms, List<Room> cameOnline) {
        for (Room room : rooms) {
            ServerMessage forV1 = session.protocol() == 1 || room == lobby
                    ? new Joined(now(), session.name(), room.online(), session.guest(), room.name()) : null;
            ServerMessage forV2 = new Presence(room.name(), now(), session.name(), Presence.ONLINE, null,
                    room.online());
            if (cameOnline.contains(room)) {
                presenceNotice(room, forV1, forV2, person);
            } else {
                ServerMessage own = session.protocol() == 1 ? forV1 : forV2;
                if (own != null) {
                    deliver(session, own);
                }
            }
        }
    }

    /**
     * Tells the account's other sessions that one of its devices read further. A room's unread count is counted
     * here, in the room's order: the messages before it in their streams are in it, those after it are not.
     */
    private void readElsewhere(Session session, ReadMoved moved) {
        Person person = personOf.get(session);
        if (person == null) {
            return;
        }
        Room room = moved.room() == null ? null : byKey.get(RoomNames.key(moved.room()));
        ReadMoved told = room == null ? moved
                : new ReadMoved(room.name(), null, moved.id(), Math.max(0, room.lastId() - moved.id()));
        deliverByProtocol(new Session[0], null, without(speaking(2, person.sessions()), session), told);
        if (roomNews != null && (room != null || moved.with() != null)) {
            // The account's devices on the other nodes hear it too.
            roomNews.changed("read", room == null ? "" : room.name(), List.of(person.memberKey(),
                    moved.with() == null ? "" : moved.with(), Long.toString(moved.id()), Long.toString(told.unread())));
        }
    }

    /** Another node says one of an account's devices read further: its devices here hear it, as on one node. */
    private void readOnAnotherNode(String roomName, List<String> words) {
        Person person = words.size() < 4 ? null : byMember.get(words.get(0));
        if (person == null) {
            return;
        }
        long id = Long.parseLong(words.get(2));
        Room room = roomName.isEmpty() ? null : byKey.get(RoomNames.key(roomName));
        if (room == null && words.get(1).isEmpty()) {
            return;
        }
        ReadMoved told = room == null ? new ReadMoved(null, words.get(1), id, Long.parseLong(words.get(3)))
                : new ReadMoved(room.name(), null, id, Math.max(0, room.lastId() - id));
        deliverByProtocol(new Session[0], null, speaking(2, person.sessions()), told);
    }

    /** Tells each room that someone went offline: a leave for protocol 1, presence for protocol 2. */
    private void departed(String name, List<Room> rooms, String reason) {
        for (Room room : rooms) {
            presenceNotice(room, new Left(now(), name, room.online(), reason, room.name()),
                    new Presence(room.name(), now(), name, Presence.OFFLINE, reason, room.online()), null);
        }
    }

    private void revoke(String token) {
        if (token != null && tokens != null) {
            tokens.revokeLater(token);
        }
    }

    /** The same notice for everyone in the room, whichever protocol they speak. */
    private void presenceNotice(Room room, ServerMessage notice, Person concerned) {
        presenceNotice(room, notice, notice, concerned);
    }

    /**
     * A presence notice: to everyone in the room while it is small enough, else only to the devices of the person it
     * concerns (if any); in a room of thousands, every arrival told to everyone would be most of the traffic.
     * Protocol-1 sessions (only in the default room) get {@code forV1}, the others {@code forV2}; either may be null
     * for none.
     */
    private void presenceNotice(Room room, ServerMessage forV1, ServerMessage forV2, Person concerned) {
        if (room.online() <= config.presenceLimit()) {
            deliverByProtocol(room.present(1), forV1, room.present(2), forV2);
        } else if (concerned != null) {
            Session[] here = Arrays.stream(concerned.sessions()).filter(room::isPresent).toArray(Session[]::new);
            deliverByProtocol(speaking(1, here), forV1, speaking(2, here), forV2);
        }
    }

    /** One encoding per protocol, the same bytes to everyone in the room at this point of its order. */
    private void broadcast(Room room, ServerMessage message) {
        deliverByProtocol(room.present(1), message, room.present(2), message);
    }

    /** As {@link #broadcast(Room, ServerMessage)}, to these sessions, wherever they are. */
    private void broadcast(Session[] sessions, ServerMessage message) {
        deliverByProtocol(speaking(1, sessions), message, speaking(2, sessions), message);
    }

    /**
     * As {@link #broadcast(Room, ServerMessage)}, but the sender gets its own copy, which carries its client message
     * id. Everyone else shares one frame per protocol; the sender's comes right after it.
     */
    private void broadcastWithEcho(Room room, ServerMessage message, Session sender, ServerMessage echo) {
        deliverByProtocol(without(room.present(1), sender), message, without(room.present(2), sender), message);
        pendingDeliveries.add(Delivery.to(sender, sender.encode(echo)));
    }

    /**
     * One frame per protocol: {@code forV1}, in protocol 1's form, to the first sessions, and {@code forV2} to the
     * others; a null message or no sessions, nothing.
     */
    private void deliverByProtocol(Session[] v1, ServerMessage forV1, Session[] v2, ServerMessage forV2) {
        if (forV1 != null && v1.length > 0) {
            pendingDeliveries.add(Delivery.to(v1, MessageCodec.encode(Entries.forProtocol(1, forV1))));
        }
        if (forV2 != null && v2.length > 0) {
            pendingDeliveries.add(Delivery.to(v2, MessageCodec.encode(forV2)));
        }
    }

    /** The sessions that speak this protocol version. */
    private static Session[] speaking(int protocol, Session[] sessions) {
        return Arrays.stream(sessions).filter(s -> s.protocol() == protocol).toArray(Session[]::new);
    }

    /** The sessions but one; the same array when that one is not among them. */
    private static Session[] without(Session[] sessions, Session left) {
        int index = -1;
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == left) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return sessions;
        }
        Session[] others = new Session[sessions.length - 1];
        System.arraycopy(sessions, 0, others, 0, index);
        System.arraycopy(sessions, index + 1, others, index, sessions.length - index - 1);
        return others;
    }

    private void deliverAll(Session session, List<Frame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        Session[] recipient = {session};
        for (Frame frame : frames) {
            pendingDeliveries.add(Delivery.to(recipient, frame));
        }
    }

    private void deliver(Session session, ServerMessage message) {
        pendingDeliveries.add(Delivery.to(session, session.encode(message)));
    }

    private void deliverAndClose(Session session, ServerMessage message) {
        pendingDeliveries.add(new Delivery(new Session[] {session}, session.encode(message), session::close));
    }

    private void reply(Session session, ErrorCode code, String message, String ref) {
        deliver(session, new ErrorReply(code, message, ref));
    }

    /** How a session's account (or guest) is known among a room's members: accounts by their key. */
    private static String memberKey(Session session) {
        return session.guest() ? GUEST_KEY_PREFIX + session.accountKey() : session.accountKey();
    }

    /** Whose client message ids a receipt holds, as stored with history: guests apart from accounts. */
    private static String accountKey(String account, boolean guest) {
        return (guest ? "guest:" : "account:") + Names.key(account);
    }

    /** Guests have no account, so a guest's key never equals an account's: neither replaces the other. */
    private static String memberKey(String account, boolean guest) {
        return guest ? GUEST_KEY_PREFIX + Names.key(account) : Names.key(account);
    }

    private long now() {
        return clock.millis();
    }
}
