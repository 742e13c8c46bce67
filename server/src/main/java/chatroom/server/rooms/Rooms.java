package chatroom.server.rooms;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;
import chatroom.api.spi.OnlineUser;
import chatroom.server.ServerConfig;
import chatroom.server.accounts.ResumeTokens;
import chatroom.server.log.ServerLog;
import chatroom.server.sessions.Session;
import chatroom.server.storage.History;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    sealed interface Event {
    }

    /**
     * Completes {@code admitted} once the room has decided, so the session reads no request before it knows.
     *
     * @param since    replay the entries after this id instead of the latest few; {@code null} for the latest few
     * @param resume   the token the session gets, which the room takes back when the login fails
     * @param takeOver whether the login proved it owns the name (a password, or a resume token, which a guest has
     *                 too), so that it replaces a session of the same account or guest that is still here
     */
    public record Enter(Session session, String account, boolean guest, Long since, String resume, boolean takeOver,
                 CompletableFuture<Boolean> admitted) implements Event {
        public Enter(Session session, String account, boolean guest, CompletableFuture<Boolean> admitted) {
            this(session, account, guest, null, null, !guest, admitted);
        }
    }

    /** @param cid the client message id, or {@code null} */
    public record Say(Session session, String text, String cid) implements Event {
        public Say(Session session, String text) {
            this(session, text, null);
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

    public record Who(Session session) implements Event {
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

    /** Accounts just put in the default room, for the first time (see {@code MembershipStore#welcome}). */
    public record Welcomed(List<String> accountKeys) implements Event {
    }

    /** A file reached the room; recorded in the history like a message. */
    public record Shared(String from, String name, long size) implements Event {
    }

    private static final int MAX_BATCH = 1024;
    /** A client resends at most its unacknowledged messages; no client has a thousand of those. */
    public static final int RECEIPTS_PER_ACCOUNT = 1000;
    public static final int RECEIPTS_IN_ALL = 100_000;

    private final ServerConfig config;
    private final Journal journal;
    private final ServerLog log;
    private final Clock clock;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ResumeTokens tokens;
    private final Receipts receipts;

    // Owned by the room thread.
    private final Map<String, Session> byName = new HashMap<>();
    private final Map<String, Session> byAccount = new HashMap<>();
    /** Every room by its key. */
    private final Map<String, Room> byKey = new HashMap<>();
    /** The default room: for now every session is in it, and only in it. */
    private final Room lobby;
    private boolean stopped;
    private List<ServerMessage> pendingEntries = new ArrayList<>();
    private List<Delivery> pendingDeliveries = new ArrayList<>();

    private volatile long messages;
    /** The keys of the names online, for sessions to check from their own threads. */
    private final Set<String> onlineNames = ConcurrentHashMap.newKeySet();

    /**
     * @param registry every room, as loaded at start; the configuration's default room among them
     * @param tokens   where resume tokens are kept, or {@code null} when sessions cannot be resumed
     * @param receipts the client message ids delivered lately, as loaded at start
     */
    public Rooms(ServerConfig config, Journal journal, ServerLog log, Clock clock, List<Room> registry,
                 ResumeTokens tokens, Receipts receipts) {
        this.config = config;
        this.tokens = tokens;
        this.receipts = receipts;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
        for (Room room : registry) {
            byKey.put(room.key(), room);
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

    /** The rooms' names, in no particular order. */
    public List<String> roomNames() {
        return byKey.values().stream().map(Room::name).toList();
    }

    public void post(Event event) {
        inbox.add(event);
    }

    /** Chat messages and announcements since start. */
    public long messages() {
        return messages;
    }

    /** Whether someone online goes by this name now; safe from any thread, and as of a moment ago. */
    public boolean isOnline(String name) {
        return onlineNames.contains(Names.key(name));
    }

    /** People in the room; safe from any thread. */
    public int online() {
        return lobby.online();
    }

    /** The people in the room as of a moment ago; safe from any thread. The array must not be changed. */
    public Session[] members() {
        return lobby.present();
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
            if (!pendingEntries.isEmpty() || !pendingDeliveries.isEmpty()) {
                journal.submit(pendingEntries, pendingDeliveries);
                pendingEntries = new ArrayList<>();
                pendingDeliveries = new ArrayList<>();
            }
        }
    }

    private void handle(Event event) {
        switch (event) {
            case Enter e -> e.admitted().complete(enter(e));
            case Welcomed w -> w.accountKeys().forEach(lobby::join);
            case Say s -> say(s.session(), s.text(), s.cid());
            case Tell t -> tell(t.session(), t.to(), t.text(), t.cid());
            case Rename r -> rename(r.session(), r.name());
            case Who w -> who(w.session());
            case Leave l -> leave(l.session(), l.reason(), l.logout());
            case Kick k -> k.kicked().complete(kick(k.name(), k.reason()));
            case Announce a -> announce(a.text());
            case ListOnline l -> l.users().complete(onlineUsers());
            case Shutdown s -> shutdown(s.done());
            case Shared f -> record(new FileShared(lobby.nextId(), now(), f.from(), f.name(), f.size(), false,
                    lobby.name()));
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
        // Only an account's password (or a resume token) may take over its session; a guest name is first come,
        // first served, except for the guest's own token after a lost connection the server has not noticed yet.
        Session previous = login.takeOver() ? byAccount.get(accountKey(account, guest)) : null;
        if (previous != null) {
            String shownAs = previous.name();
            remove(previous);
            revoke(previous.takeResumeToken());
            deliverAndClose(previous, new Bye(Bye.REPLACED, "You logged in from somewhere else."));
            presence(new Left(now(), shownAs, lobby.online(), "logged in from somewhere else"), null);
            log.info("replaced " + account + " at " + previous.address() + " by a new login");
        }
        Session holder = byName.get(Names.key(account));
        if (holder != null) {
            reply(session, ErrorCode.NAME_TAKEN, "Someone online is using the name '" + account + "'.", "login");
            revoke(resume);
            return false;
        }
        session.enter(account, guest, clock.instant(), resume);
        add(session);
        deliver(session, new LoggedIn(account, lobby.online(), resume));
        if (login.since() == null) {
            replayLatest(session);
        } else {
            replaySince(session, login.since());
        }
        presence(new Joined(now(), account, lobby.online(), guest), session);
        log.info((guest ? "guest login " : "login ") + account + " from " + session.address() + " ("
                + lobby.online() + " online)");
        return true;
    }

    /** The latest {@code historyOnJoin} entries, as after any login. */
    private void replayLatest(Session session) {
        ArrayDeque<ServerMessage> recent = lobby.recent();
        int replay = Math.min(recent.size(), config.historyOnJoin());
        List<Frame> frames = new ArrayList<>(replay);
        recent.stream().skip(recent.size() - replay).forEach(entry -> frames.add(encode(entry)));
        deliverAll(session, frames);
        deliver(session, new HistoryEnd(replay, lobby.historySize() > replay));
    }

    /**
     * Every entry after {@code since}, for a client that saw everything up to it, at most {@code resumeReplayMax} and
     * half the outbox (so the replay itself cannot overflow it): when more were missed, the newest of them, and
     * {@code more} says older ones exist. Entries come from memory and go out behind everything already queued, so
     * none is missed or sent twice between the replay and what follows it, and none is sent before it is committed.
     */
    private void replaySince(Session session, long since) {
        long budget = config.outboxBytes() / 2;
        ArrayDeque<Frame> frames = new ArrayDeque<>();
        Iterator<ServerMessage> newestFirst = lobby.recent().descendingIterator();
        while (newestFirst.hasNext() && frames.size() < config.resumeReplayMax()) {
            ServerMessage entry = newestFirst.next();
            if (History.idOf(entry) <= since) {
                break;
            }
            Frame frame = encode(entry);
            if (frame.size() > budget) {
                break;
            }
            budget -= frame.size();
            frames.addFirst(frame);
        }
        long missed = Math.max(0, lobby.lastId() - Math.max(0, since));
        deliverAll(session, List.copyOf(frames));
        deliver(session, new HistoryEnd(frames.size(), missed > frames.size()));
    }

    private void say(Session session, String text, String cid) {
        if (!requireInRoom(session, "say")) {
            return;
        }
        if (cid == null) {
            record(new ChatMessage(lobby.nextId(), now(), session.name(), text, false, null, lobby.name()));
            return;
        }
        String sender = accountKey(session.account(), session.guest());
        Receipts.Receipt earlier = receipts.find(sender, cid, now());
        if (earlier != null) {
            // Sent again after a lost connection: acknowledge it again, deliver it once.
            deliver(session, new ChatMessage(earlier.id(), earlier.ts(), earlier.from(), text, false, cid));
            return;
        }
        ChatMessage message = new ChatMessage(lobby.nextId(), now(), session.name(), text, false, null, lobby.name());
        receipts.add(new Receipts.Receipt(sender, cid, message.id(), message.ts(), message.from(), null,
                lobby.key()), now());
        if (config.durableHistory()) {
            pendingEntries.add(message.withCid(History.receiptCid(sender, cid)));
        }
        broadcastWithEcho(message, session, message.withCid(cid));
        remember(message);
    }

    private void announce(String text) {
        record(new Announcement(lobby.nextId(), now(), text, false, lobby.name()));
        log.info("announcement: " + text);
    }

    private void record(ServerMessage entry) {
        if (config.durableHistory()) {
            pendingEntries.add(entry);
        }
        broadcast(entry);
        remember(entry);
    }

    private void remember(ServerMessage entry) {
        lobby.remember(entry);
        messages++;
    }

    private void tell(Session session, String to, String text, String cid) {
        if (!requireInRoom(session, "tell")) {
            return;
        }
        String sender = accountKey(session.account(), session.guest());
        Receipts.Receipt earlier = cid == null ? null : receipts.find(sender, cid, now());
        if (earlier != null) {
            deliver(session, new PrivateMessage(earlier.ts(), earlier.from(), earlier.to(), text, cid));
            return;
        }
        Session target = byName.get(Names.key(to));
        if (target == null) {
            deliver(session, new ErrorReply(ErrorCode.NOT_ONLINE, "'" + to + "' is not online.", "tell", cid));
            return;
        }
        PrivateMessage message = new PrivateMessage(now(), session.name(), target.name(), text);
        if (cid != null) {
            receipts.add(new Receipts.Receipt(sender, cid, 0, message.ts(), message.from(), message.to(), null),
                    now());
        }
        Frame frame = encode(message);
        if (cid == null) {
            pendingDeliveries.add(Delivery.to(target == session ? new Session[] {target}
                    : new Session[] {target, session}, frame));
            return;
        }
        if (target != session) {
            pendingDeliveries.add(Delivery.to(target, frame));
        }
        pendingDeliveries.add(Delivery.to(session, encode(message.withCid(cid))));
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
        Session holder = byName.get(Names.key(name));
        if (holder != null && holder != session) {
            reply(session, ErrorCode.NAME_TAKEN, "Someone online is using the name '" + name + "'.", "nick");
            return;
        }
        byName.remove(Names.key(old));
        byName.put(Names.key(name), session);
        onlineNames.remove(Names.key(old));
        onlineNames.add(Names.key(name));
        session.renamedTo(name);
        broadcast(new Renamed(now(), old, name, lobby.online()));
        log.info("rename " + old + " -> " + name);
    }

    private void who(Session session) {
        if (!requireInRoom(session, "who")) {
            return;
        }
        List<Member> list = Arrays.stream(lobby.present())
                .sorted(Comparator.comparing(s -> Names.key(s.name())))
                .map(s -> new Member(s.name(), s.since().toEpochMilli(), s.guest()))
                .toList();
        deliver(session, new Members(list));
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
        if (session.inRoom() && byName.get(Names.key(session.name())) == session) {
            remove(session);
            presence(new Left(now(), session.name(), lobby.online(), reason), null);
            log.info("logout " + session.name() + " from " + session.address() + ": " + reason + " ("
                    + lobby.online() + " online)");
        }
        if (logout) {
            deliverAndClose(session, new Bye(Bye.LOGOUT, "Goodbye."));
        }
    }

    private boolean kick(String name, String reason) {
        Session target = byName.get(Names.key(name));
        if (target == null) {
            return false;
        }
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        remove(target);
        revoke(target.takeResumeToken());
        deliverAndClose(target, new Bye(Bye.KICKED, "You were kicked by the operator" + why));
        presence(new Left(now(), target.name(), lobby.online(), "kicked" + why), null);
        log.info("kick " + target.name() + " at " + target.address() + why);
        return true;
    }

    private List<OnlineUser> onlineUsers() {
        return Arrays.stream(lobby.present())
                .sorted(Comparator.comparing(s -> Names.key(s.name())))
                .map(s -> new OnlineUser(s.name(), s.account(), s.address(), s.since()))
                .toList();
    }

    private void shutdown(CompletableFuture<Void> done) {
        Frame bye = encode(new Bye(Bye.SHUTDOWN, "The server is shutting down."));
        Session[] everyone = lobby.present();
        for (Session session : everyone) {
            remove(session);
        }
        pendingDeliveries.add(new Delivery(everyone, bye, () -> {
            for (Session session : everyone) {
                session.close();
            }
            done.complete(null);
        }));
        stopped = true;
    }

    private boolean requireInRoom(Session session, String request) {
        if (session.inRoom()) {
            return true;
        }
        reply(session, ErrorCode.NOT_LOGGED_IN, "Log in first.", request);
        return false;
    }

    private void add(Session session) {
        byName.put(Names.key(session.name()), session);
        onlineNames.add(Names.key(session.name()));
        byAccount.put(accountKey(session.account(), session.guest()), session);
        lobby.add(session);
    }

    private void remove(Session session) {
        if (byName.remove(Names.key(session.name()), session)) {
            onlineNames.remove(Names.key(session.name()));
        }
        byAccount.remove(accountKey(session.account(), session.guest()), session);
        session.leave();
        lobby.remove(session);
    }

    private void revoke(String token) {
        if (token != null && tokens != null) {
            tokens.revokeLater(token);
        }
    }

    /**
     * A join or leave notice: to everyone while the room is small enough, else only to the person it concerns
     * (if still here). In a room of thousands, every arrival told to everyone would be most of the traffic.
     */
    private void presence(ServerMessage notice, Session concerned) {
        if (lobby.online() <= config.presenceLimit()) {
            broadcast(notice);
        } else if (concerned != null) {
            deliver(concerned, notice);
        }
    }

    /** One encoding, the same bytes to everyone online at this point of the room's order. */
    private void broadcast(ServerMessage message) {
        pendingDeliveries.add(Delivery.to(lobby.present(), encode(message)));
    }

    /**
     * As {@link #broadcast}, but the sender gets its own copy, which carries its client message id. Everyone else
     * shares one frame; the sender's comes right after it.
     */
    private void broadcastWithEcho(ServerMessage message, Session sender, ServerMessage echo) {
        Session[] others = Arrays.stream(lobby.present()).filter(member -> member != sender).toArray(Session[]::new);
        if (others.length > 0) {
            pendingDeliveries.add(Delivery.to(others, encode(message)));
        }
        pendingDeliveries.add(Delivery.to(sender, encode(echo)));
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
        pendingDeliveries.add(Delivery.to(session, encode(message)));
    }

    private void deliverAndClose(Session session, ServerMessage message) {
        pendingDeliveries.add(new Delivery(new Session[] {session}, encode(message), session::close));
    }

    private void reply(Session session, ErrorCode code, String message, String ref) {
        deliver(session, new ErrorReply(code, message, ref));
    }

    /** Guests have no account, so a guest never replaces an account's session, nor the other way round. */
    private static String accountKey(String account, boolean guest) {
        return (guest ? "guest:" : "account:") + Names.key(account);
    }

    /** The frame of a message as the sessions read it: protocol 1 for now, so entries name no room. */
    private static Frame encode(ServerMessage message) {
        return MessageCodec.encode(Entries.withoutRoom(message));
    }

    private long now() {
        return clock.millis();
    }
}
