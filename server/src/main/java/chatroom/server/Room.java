package chatroom.server;

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
import chatroom.api.spi.OnlineUser;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
final class Room {
    /** Something that happened to the room, in the order it happened. */
    sealed interface Event {
    }

    /** Completes {@code admitted} once the room has decided, so the session reads no request before it knows. */
    record Enter(Session session, String account, boolean guest, CompletableFuture<Boolean> admitted)
            implements Event {
    }

    record Say(Session session, String text) implements Event {
    }

    record Tell(Session session, String to, String text) implements Event {
    }

    record Rename(Session session, String name) implements Event {
    }

    record Who(Session session) implements Event {
    }

    record Leave(Session session, String reason, boolean logout) implements Event {
    }

    record Kick(String name, String reason, CompletableFuture<Boolean> kicked) implements Event {
    }

    record Announce(String text) implements Event {
    }

    record ListOnline(CompletableFuture<List<OnlineUser>> users) implements Event {
    }

    record Shutdown(CompletableFuture<Void> done) implements Event {
    }

    /** A file reached the room; recorded in the history like a message. */
    record Shared(String from, String name, long size) implements Event {
    }

    private static final int MAX_BATCH = 1024;

    private final ServerConfig config;
    private final Names names;
    private final Journal journal;
    private final ServerLog log;
    private final Clock clock;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;

    // Owned by the room thread.
    private final Map<String, Session> byName = new HashMap<>();
    private final Map<String, Session> byAccount = new HashMap<>();
    private final ArrayDeque<ServerMessage> recent = new ArrayDeque<>();
    private long lastId;
    private long historySize;
    private boolean stopped;
    private List<ServerMessage> pendingEntries = new ArrayList<>();
    private List<Delivery> pendingDeliveries = new ArrayList<>();

    private volatile long messages;
    /** The keys of the names online, for sessions to check from their own threads. */
    private final Set<String> onlineNames = ConcurrentHashMap.newKeySet();
    /** Written by the room thread only (a new array on every change); volatile for {@link #online()}. */
    private volatile Session[] members = new Session[0];

    /**
     * @param recentHistory the newest history entries, oldest first, as loaded at start
     * @param lastId        the highest id in the history
     * @param historySize   how many entries the history holds
     */
    Room(ServerConfig config, Journal journal, ServerLog log, Clock clock, List<ServerMessage> recentHistory,
         long lastId, long historySize) {
        this.config = config;
        this.names = new Names(config.maxNameLength());
        this.journal = journal;
        this.log = log;
        this.clock = clock;
        this.recent.addAll(recentHistory);
        this.lastId = lastId;
        this.historySize = historySize;
        this.thread = Thread.ofPlatform().name("room").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void post(Event event) {
        inbox.add(event);
    }

    /** Chat messages and announcements since start. */
    long messages() {
        return messages;
    }

    /** Whether someone online goes by this name now; safe from any thread, and as of a moment ago. */
    boolean isOnline(String name) {
        return onlineNames.contains(Names.key(name));
    }

    /** People in the room; safe from any thread. */
    int online() {
        return members.length;
    }

    /** The people in the room as of a moment ago; safe from any thread. The array must not be changed. */
    Session[] members() {
        return members;
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
            case Enter e -> e.admitted().complete(enter(e.session(), e.account(), e.guest()));
            case Say s -> say(s.session(), s.text());
            case Tell t -> tell(t.session(), t.to(), t.text());
            case Rename r -> rename(r.session(), r.name());
            case Who w -> who(w.session());
            case Leave l -> leave(l.session(), l.reason(), l.logout());
            case Kick k -> k.kicked().complete(kick(k.name(), k.reason()));
            case Announce a -> announce(a.text());
            case ListOnline l -> l.users().complete(onlineUsers());
            case Shutdown s -> shutdown(s.done());
            case Shared f -> record(new FileShared(++lastId, now(), f.from(), f.name(), f.size(), false));
        }
    }

    private boolean enter(Session session, String account, boolean guest) {
        if (session.isClosed() || stopped) {
            return false;
        }
        if (session.inRoom()) {
            reply(session, ErrorCode.ALREADY_LOGGED_IN, "You are logged in already.", "login");
            return false;
        }
        // Only an account's password may take over its session; a guest name is first come, first served.
        Session previous = guest ? null : byAccount.get(accountKey(account, false));
        if (previous != null) {
            String shownAs = previous.name();
            remove(previous);
            deliverAndClose(previous, new Bye(Bye.REPLACED, "You logged in from somewhere else."));
            presence(new Left(now(), shownAs, members.length, "logged in from somewhere else"), null);
            log.info("replaced " + account + " at " + previous.address() + " by a new login");
        }
        Session holder = byName.get(Names.key(account));
        if (holder != null) {
            reply(session, ErrorCode.NAME_TAKEN, "Someone online is using the name '" + account + "'.", "login");
            return false;
        }
        session.enter(account, guest, clock.instant());
        add(session);
        deliver(session, new LoggedIn(account, members.length));
        int replay = Math.min(recent.size(), config.historyOnJoin());
        recent.stream().skip(recent.size() - replay).forEach(entry -> deliver(session, entry));
        deliver(session, new HistoryEnd(replay, historySize > replay));
        presence(new Joined(now(), account, members.length, guest), session);
        log.info((guest ? "guest login " : "login ") + account + " from " + session.address() + " ("
                + members.length + " online)");
        return true;
    }

    private void say(Session session, String text) {
        if (!requireInRoom(session, "say")) {
            return;
        }
        record(new ChatMessage(++lastId, now(), session.name(), text, false));
    }

    private void announce(String text) {
        record(new Announcement(++lastId, now(), text, false));
        log.info("announcement: " + text);
    }

    private void record(ServerMessage entry) {
        if (config.durableHistory()) {
            pendingEntries.add(entry);
        }
        broadcast(entry);
        recent.addLast(switch (entry) {
            case ChatMessage m -> m.asHistory();
            case Announcement a -> a.asHistory();
            case FileShared f -> f.asHistory();
            default -> entry;
        });
        while (recent.size() > config.historyOnJoin()) {
            recent.removeFirst();
        }
        historySize++;
        messages++;
    }

    private void tell(Session session, String to, String text) {
        if (!requireInRoom(session, "tell")) {
            return;
        }
        Session target = byName.get(Names.key(to));
        if (target == null) {
            reply(session, ErrorCode.NOT_ONLINE, "'" + to + "' is not online.", "tell");
            return;
        }
        PrivateMessage message = new PrivateMessage(now(), session.name(), target.name(), text);
        Frame frame = MessageCodec.encode(message);
        pendingDeliveries.add(Delivery.to(target == session ? new Session[] {target} : new Session[] {target, session},
                frame));
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
        broadcast(new Renamed(now(), old, name, members.length));
        log.info("rename " + old + " -> " + name);
    }

    private void who(Session session) {
        if (!requireInRoom(session, "who")) {
            return;
        }
        List<Member> list = Arrays.stream(members)
                .sorted(Comparator.comparing(s -> Names.key(s.name())))
                .map(s -> new Member(s.name(), s.since().toEpochMilli(), s.guest()))
                .toList();
        deliver(session, new Members(list));
    }

    private void leave(Session session, String reason, boolean logout) {
        if (session.inRoom() && byName.get(Names.key(session.name())) == session) {
            remove(session);
            presence(new Left(now(), session.name(), members.length, reason), null);
            log.info("logout " + session.name() + " from " + session.address() + ": " + reason + " ("
                    + members.length + " online)");
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
        deliverAndClose(target, new Bye(Bye.KICKED, "You were kicked by the operator" + why));
        presence(new Left(now(), target.name(), members.length, "kicked" + why), null);
        log.info("kick " + target.name() + " at " + target.address() + why);
        return true;
    }

    private List<OnlineUser> onlineUsers() {
        return Arrays.stream(members)
                .sorted(Comparator.comparing(s -> Names.key(s.name())))
                .map(s -> new OnlineUser(s.name(), s.account(), s.address(), s.since()))
                .toList();
    }

    private void shutdown(CompletableFuture<Void> done) {
        Frame bye = MessageCodec.encode(new Bye(Bye.SHUTDOWN, "The server is shutting down."));
        Session[] everyone = members;
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
        Session[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = session;
        members = grown;
    }

    private void remove(Session session) {
        if (byName.remove(Names.key(session.name()), session)) {
            onlineNames.remove(Names.key(session.name()));
        }
        byAccount.remove(accountKey(session.account(), session.guest()), session);
        session.leave();
        int index = Arrays.asList(members).indexOf(session);
        if (index < 0) {
            return;
        }
        Session[] shrunk = new Session[members.length - 1];
        System.arraycopy(members, 0, shrunk, 0, index);
        System.arraycopy(members, index + 1, shrunk, index, members.length - index - 1);
        members = shrunk;
    }

    /**
     * A join or leave notice: to everyone while the room is small enough, else only to the person it concerns
     * (if still here). In a room of thousands, every arrival told to everyone would be most of the traffic.
     */
    private void presence(ServerMessage notice, Session concerned) {
        if (members.length <= config.presenceLimit()) {
            broadcast(notice);
        } else if (concerned != null) {
            deliver(concerned, notice);
        }
    }

    /** One encoding, the same bytes to everyone online at this point of the room's order. */
    private void broadcast(ServerMessage message) {
        pendingDeliveries.add(Delivery.to(members, MessageCodec.encode(message)));
    }

    private void deliver(Session session, ServerMessage message) {
        pendingDeliveries.add(Delivery.to(session, MessageCodec.encode(message)));
    }

    private void deliverAndClose(Session session, ServerMessage message) {
        pendingDeliveries.add(new Delivery(new Session[] {session}, MessageCodec.encode(message), session::close));
    }

    private void reply(Session session, ErrorCode code, String message, String ref) {
        deliver(session, new ErrorReply(code, message, ref));
    }

    /** Guests have no account, so a guest never replaces an account's session, nor the other way round. */
    private static String accountKey(String account, boolean guest) {
        return (guest ? "guest:" : "account:") + Names.key(account);
    }

    private long now() {
        return clock.millis();
    }
}
