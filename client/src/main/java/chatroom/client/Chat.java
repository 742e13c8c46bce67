package chatroom.client;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Pong;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.rules.Names;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The chat as one user sees it, for the life of one {@link ChatService}: the room and the private conversations, who
 * is online, the user's own name, the connection and its catch-up. A transport feeds it as its {@link ChatListener};
 * user interfaces send through it and show what its {@link ChatEvent}s say, and never read wire messages.
 *
 * <p>A login is followed by its replay of history, ended by a {@code HistoryEnd} (every transport sends one, empty
 * where there is no history); a page asked for before it ends is asked once it has, so that it starts below it.
 *
 * <p>Threading: confined to one thread, the user interface's. The transport's events must be handed over to that
 * thread before they reach this listener (the service calls its listener on a thread of its own). Requests go to the
 * service through {@code requests}, in order, so a user interface whose thread must never wait can pass an executor
 * of its own and one that may wait can pass {@code Runnable::run}.
 */
public final class Chat implements ChatListener {
    /** Messages that arrive before the login is confirmed wait for it; a sane server sends far fewer. */
    static final int MAX_WAITING = 2000;

    private final ChatService service;
    private final Executor requests;
    private final Consumer<ChatEvent> events;
    private final Conversation room = new Conversation(Conversation.Kind.ROOM, "");
    private final Map<String, Conversation> privates = new LinkedHashMap<>();
    private final List<ServerMessage> waiting = new ArrayList<>();
    private final List<Entry> page = new ArrayList<>();

    private ConnectionState connection = ConnectionState.OFFLINE;
    private String me;
    private boolean catchingUp;
    /** Between the login and the end of its replay; a page asked for meanwhile waits for it, to start below it. */
    private boolean replaying;
    private int deferredPage;
    private boolean leaving;
    /** Per {@code who} on its way, in order: whether the user asked (else the model did, to fill a member list). */
    private final Deque<Boolean> whoRequests = new ArrayDeque<>();
    private String goodbye;
    private int maxTextLength;
    private int historyPageMax;

    /**
     * @param service  where requests go
     * @param requests runs each request, in order
     * @param events   receives every change, on the model's thread
     */
    public Chat(ChatService service, Executor requests, Consumer<ChatEvent> events) {
        this.service = service;
        this.requests = requests;
        this.events = events;
    }

    // What the user interfaces read.

    public ConnectionState connection() {
        return connection;
    }

    /** The user's name now, or {@code null} before login. */
    public String me() {
        return me;
    }

    /** The room. */
    public Conversation room() {
        return room;
    }

    /** The private conversation with a person, if there is one (names compared as the server does). */
    public Optional<Conversation> privateWith(String person) {
        return Optional.ofNullable(privates.get(Names.key(person)));
    }

    /** The room first, then the private conversations in the order they began. */
    public List<Conversation> conversations() {
        List<Conversation> all = new ArrayList<>();
        all.add(room);
        all.addAll(privates.values());
        return all;
    }

    /** The longest text the server takes, or 0 while it has not said. */
    public int maxTextLength() {
        return maxTextLength;
    }

    /** The largest history page the server gives, or 0 while it has not said. */
    public int historyPageMax() {
        return historyPageMax;
    }

    // What the user does.

    /**
     * The service's login succeeded: the user is in. Messages that came before wait until this (a transport may also
     * report the login as a message; the second report changes nothing).
     */
    public void loggedIn(LoggedIn confirmed) {
        if (connection != ConnectionState.OFFLINE || leaving) {
            return;
        }
        connection = ConnectionState.ONLINE;
        replaying = true;
        me = confirmed.name();
        room.online(confirmed.online());
        room.older(true);
        events.accept(new ChatEvent.LoggedIn(me, confirmed.online()));
        List<ServerMessage> early = List.copyOf(waiting);
        waiting.clear();
        early.forEach(this::handle);
        // The login says how many are here, not who: the member list comes from asking.
        askWho(false);
    }

    /**
     * Writes in a conversation: to everyone in a room, or privately.
     *
     * @return why it was not sent, in a sentence for people; empty when it is on its way
     */
    public Optional<String> send(Conversation where, String text) {
        if (connection == ConnectionState.OFFLINE) {
            return Optional.of("Log in first.");
        }
        if (text.isBlank()) {
            return Optional.of("Empty messages are not sent.");
        }
        int length = text.codePointCount(0, text.length());
        if (maxTextLength > 0 && length > maxTextLength) {
            return Optional.of("Not sent: " + length + " characters; the server takes at most " + maxTextLength
                    + ".");
        }
        if (where.isRoom()) {
            requests.execute(() -> service.say(text));
        } else {
            String to = where.name();
            requests.execute(() -> service.tell(to, text));
        }
        return Optional.empty();
    }

    /** Writes privately to a person, whether or not a conversation with them began. */
    public Optional<String> tell(String person, String text) {
        if (connection == ConnectionState.OFFLINE) {
            return Optional.of("Log in first.");
        }
        if (privates.containsKey(Names.key(person))) {
            return send(privates.get(Names.key(person)), text);
        }
        // Not opened until the server takes it: a name nobody has must not leave an empty conversation behind.
        if (text.isBlank()) {
            return Optional.of("Empty messages are not sent.");
        }
        requests.execute(() -> service.tell(person, text));
        return Optional.empty();
    }

    /** Asks for the page of history before the oldest entry shown (the newest page when none is shown). */
    public void loadOlder(Conversation where, int limit) {
        if (connection == ConnectionState.OFFLINE || !where.isRoom()) {
            return;
        }
        where.pageAsked();
        if (replaying) {
            deferredPage = limit;
            return;
        }
        askPage(where, limit);
    }

    private void askPage(Conversation where, int limit) {
        int bounded = historyPageMax > 0 ? Math.min(limit, historyPageMax) : limit;
        long before = where.oldestId();
        requests.execute(() -> service.history(before, bounded));
    }

    /** Asks who is online; the answer is a {@link ChatEvent.MembersListed} with {@code asked} set. */
    public void who() {
        if (connection == ConnectionState.OFFLINE) {
            return;
        }
        askWho(true);
    }

    private void askWho(boolean byUser) {
        whoRequests.addLast(byUser);
        requests.execute(service::who);
    }

    public void rename(String name) {
        if (connection != ConnectionState.OFFLINE) {
            requests.execute(() -> service.rename(name));
        }
    }

    /** Opens (or finds) the private conversation with a person, for the user to write there. */
    public Conversation privateConversation(String person) {
        Conversation existing = privates.get(Names.key(person));
        if (existing != null) {
            return existing;
        }
        Conversation opened = new Conversation(Conversation.Kind.PRIVATE, person);
        privates.put(Names.key(person), opened);
        events.accept(new ChatEvent.ConversationOpened(opened));
        return opened;
    }

    /** The user has seen everything in the conversation. */
    public void read(Conversation conversation) {
        if (conversation.markRead()) {
            events.accept(new ChatEvent.UnreadChanged(conversation));
        }
    }

    /** Leaves: the goodbye that follows is the one the user asked for. */
    public void logout() {
        leaving = true;
        requests.execute(service::logout);
    }

    // What the transport reports.

    @Override
    public void onMessage(ServerMessage message) {
        if (message instanceof Welcome welcome) {
            if (welcome.limits() != null) {
                maxTextLength = welcome.limits().maxTextLength();
                historyPageMax = welcome.limits().historyPageMax();
            }
            return;
        }
        if (connection == ConnectionState.OFFLINE && me == null) {
            if (message instanceof LoggedIn confirmed) {
                loggedIn(confirmed);
            } else if (message instanceof Bye) {
                // Turned away before the login (overloaded, shutting down): the reason is news now, not later.
                handle(message);
            } else if (!(message instanceof ErrorReply) && waiting.size() < MAX_WAITING) {
                // A refusal while logging in comes back from the login itself; its event would say it twice.
                waiting.add(message);
            }
            return;
        }
        handle(message);
    }

    @Override
    public void onTransfer(FileTransfer transfer) {
        Conversation where = transfer.toRoom() || transfer.peer() == null ? room
                : privateConversation(transfer.peer());
        events.accept(new ChatEvent.Transfer(where, transfer));
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        connection = ConnectionState.OFFLINE;
        replaying = false;
        deferredPage = 0;
        room.forgetPages();
        events.accept(new ChatEvent.Disconnected(goodbye != null ? goodbye : reason, error && !leaving));
    }

    @Override
    public void onReconnecting(String reason, int attempt) {
        if (connection == ConnectionState.OFFLINE) {
            return;
        }
        connection = ConnectionState.RECONNECTING;
        events.accept(new ChatEvent.Reconnecting(reason, attempt));
    }

    @Override
    public void onReconnected() {
        if (connection == ConnectionState.OFFLINE) {
            return;
        }
        connection = ConnectionState.ONLINE;
        catchingUp = true;
        goodbye = null;
        page.clear();
        room.forgetPages();
        whoRequests.clear();
        events.accept(new ChatEvent.Reconnected());
    }

    @Override
    public void onNotice(String text) {
        events.accept(new ChatEvent.Notice(text));
    }

    @Override
    public void onNotSent(ClientMessage request, String reason) {
        switch (request) {
            case Say say -> events.accept(new ChatEvent.NotSent(room, say.text(), reason));
            case Tell tell -> events.accept(new ChatEvent.NotSent(privateConversation(tell.to()), tell.text(),
                    reason));
            default -> events.accept(new ChatEvent.NotSent(room, request.type(), reason));
        }
    }

    private void handle(ServerMessage message) {
        switch (message) {
            case ChatMessage chat -> entry(new Entry.Message(chat.id(), chat.ts(), chat.from(), chat.text(),
                    chat.from().equals(me), chat.history()));
            case Announcement announcement -> entry(new Entry.Announcement(announcement.id(), announcement.ts(),
                    announcement.text(), announcement.history()));
            case FileShared shared -> entry(new Entry.SharedFile(shared.id(), shared.ts(), shared.from(),
                    shared.name(), shared.size(), shared.from().equals(me), shared.history()));
            case PrivateMessage whisper -> whisper(whisper);
            case HistoryEnd end -> historyEnd(end);
            case Joined joined -> {
                room.joined(joined.name());
                room.online(joined.online());
                events.accept(new ChatEvent.MemberJoined(room, joined.name(), Boolean.TRUE.equals(joined.guest()),
                        joined.ts(), joined.online(), joined.name().equals(me)));
            }
            case Left left -> {
                room.left(left.name());
                room.online(left.online());
                events.accept(new ChatEvent.MemberLeft(room, left.name(), left.reason(), left.ts(), left.online()));
            }
            case Renamed renamed -> renamed(renamed);
            case Members members -> {
                room.members(members.users().stream().map(Member::name).toList());
                room.online(members.users().size());
                events.accept(new ChatEvent.MembersListed(room, Boolean.TRUE.equals(whoRequests.pollFirst())));
            }
            case LoggedIn again -> {
                // Logged in again after a reconnect: the name is the account's, and who is here must be asked.
                me = again.name();
                room.online(again.online());
                askWho(false);
            }
            case ErrorReply error -> events.accept(new ChatEvent.Refused(error.ref(), error.code(), error.message()));
            case Bye bye -> {
                goodbye = bye.reason();
                boolean asked = leaving && Bye.LOGOUT.equals(bye.code());
                events.accept(new ChatEvent.Goodbye(bye.code(), bye.reason(), asked));
            }
            case Welcome welcome -> {
            }
            // The transport turns the file messages into transfers, and answers pings itself.
            case Pong pong -> {
            }
            case FileOffered offered -> {
            }
            case FileChunk chunk -> {
            }
            case FileAck ack -> {
            }
            case FileDone done -> {
            }
            case FileCancel cancel -> {
            }
            // Protocol 2's rooms: this model speaks protocol 1 until the clients learn rooms.
            case RoomInfo info -> {
            }
            case RoomList list -> {
            }
            case TopicChanged topic -> {
            }
            case Presence presence -> {
            }
        }
    }

    /** A room entry: live at the end, missed ones too while catching up, history kept for its page's end. */
    private void entry(Entry entry) {
        if (entry.history() && !catchingUp) {
            if (page.size() < Conversation.MAX_ENTRIES) {
                page.add(entry);
            }
            return;
        }
        if (!room.append(entry)) {
            return;
        }
        events.accept(new ChatEvent.Added(room, entry));
        if (!entry.history() && !entry.own() && !(entry instanceof Entry.SharedFile)) {
            room.unreadOneMore();
            events.accept(new ChatEvent.UnreadChanged(room));
        }
    }

    private void historyEnd(HistoryEnd end) {
        if (catchingUp) {
            catchingUp = false;
            events.accept(new ChatEvent.CaughtUp(room, end.count(), end.more()));
            return;
        }
        boolean asked = !replaying && room.pageArrived();
        List<Entry> older = room.prepend(page);
        page.clear();
        room.older(end.more());
        events.accept(new ChatEvent.HistoryLoaded(room, older, asked, end.more()));
        if (replaying) {
            replaying = false;
            if (deferredPage > 0) {
                askPage(room, deferredPage);
                deferredPage = 0;
            }
        }
    }

    private void whisper(PrivateMessage whisper) {
        boolean own = whisper.from().equals(me);
        Conversation with = privateConversation(own ? whisper.to() : whisper.from());
        Entry entry = new Entry.Private(whisper.ts(), whisper.from(), whisper.to(), whisper.text(), own);
        with.append(entry);
        events.accept(new ChatEvent.Added(with, entry));
        if (!own) {
            with.unreadOneMore();
            events.accept(new ChatEvent.UnreadChanged(with));
        }
    }

    private void renamed(Renamed renamed) {
        room.left(renamed.from());
        room.joined(renamed.to());
        room.online(renamed.online());
        Conversation with = privates.remove(Names.key(renamed.from()));
        if (with != null) {
            with.rename(renamed.to());
            // Someone who took the name of a conversation partner does not inherit the conversation.
            privates.putIfAbsent(Names.key(renamed.to()), with);
        }
        boolean you = renamed.from().equals(me);
        if (you) {
            me = renamed.to();
        }
        events.accept(new ChatEvent.Renamed(renamed.from(), renamed.to(), renamed.ts(), renamed.online(), you));
    }
}
