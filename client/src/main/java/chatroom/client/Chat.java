package chatroom.client;

import chatroom.api.message.Announcement;
import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Pong;
import chatroom.api.message.Presence;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.Say;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.Tell;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.rules.Names;
import chatroom.api.rules.Refusal;
import chatroom.api.rules.RoomNames;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
    /** The newest conversations asked for at login, for the unread counts of private ones. */
    static final int PRIVATE_UNREAD_PAGE = 50;
    /** Read markers go to the server at most this often per conversation, however fast messages are read. */
    static final long READ_REPORT_INTERVAL_NANOS = 1_000_000_000L;
    /** The newest page of each private conversation asked for after a reconnect, to add what was missed. */
    static final int PRIVATE_CATCH_UP = 50;

    private final ChatService service;
    private final Executor requests;
    private final Consumer<ChatEvent> events;
    private final Later later;
    /** {@link System#nanoTime}, or a test's clock. */
    private final LongSupplier nanoTime;
    /** The room of a session without rooms (protocol 1, a UDP group), which has no name. */
    private final Conversation single = new Conversation(Conversation.Kind.ROOM, "");
    /** The user's rooms by key, in the order the user came into them; only {@link #single} without rooms. */
    private final Map<String, Conversation> rooms = new LinkedHashMap<>();
    private Conversation room = single;
    private boolean hasRooms;
    private final Map<String, Conversation> privates = new LinkedHashMap<>();
    private final List<ServerMessage> waiting = new ArrayList<>();
    /** History entries of each room, kept until its page's end. */
    private final Map<Conversation, List<Entry>> pages = new HashMap<>();
    /**
     * The private messages of the page of a private conversation on its way: the server answers requests in order,
     * and the page's end names the conversation.
     */
    private final List<Entry> privatePage = new ArrayList<>();
    /**
     * Private conversations whose newest page was asked for after a reconnect, with the newest id they showed then:
     * the page adds what is newer, whatever arrived meanwhile (messages that waited come at the login too).
     */
    private final Map<Conversation, Long> privatesCatchingUp = new HashMap<>();

    private ConnectionState connection = ConnectionState.OFFLINE;
    private String me;
    /** The rooms whose entries missed while reconnecting are still coming. */
    private final Set<Conversation> catchingUp = new HashSet<>();
    /** Rooms between the login (or a join) and the end of its replay; a page asked for meanwhile waits for it. */
    private final Set<Conversation> replaying = new HashSet<>();
    /** Pages asked for during a room's replay, in order, to be asked once it ended. */
    private final Map<Conversation, List<Integer>> deferredPages = new HashMap<>();
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
     * @param later    runs delayed work on the model's thread
     */
    public Chat(ChatService service, Executor requests, Consumer<ChatEvent> events, Later later) {
        this(service, requests, events, later, System::nanoTime);
    }

    Chat(ChatService service, Executor requests, Consumer<ChatEvent> events, Later later, LongSupplier nanoTime) {
        this.service = service;
        this.requests = requests;
        this.events = events;
        this.later = later;
        this.nanoTime = nanoTime;
        rooms.put("", single);
    }

    // What the user interfaces read.

    public ConnectionState connection() {
        return connection;
    }

    /** The user's name now, or {@code null} before login. */
    public String me() {
        return me;
    }

    /**
     * The room: the one room of a session without rooms, else the default room when the user is in it, or the first
     * of the user's rooms.
     */
    public Conversation room() {
        return room;
    }

    /** Whether this session has rooms, as the service said at login. */
    public boolean hasRooms() {
        return hasRooms;
    }

    /** The user's rooms, in the order the user came into them. */
    public List<Conversation> rooms() {
        return List.copyOf(rooms.values());
    }

    /** The user's room of that name (compared as room names are), if the user is in it. */
    public Optional<Conversation> roomNamed(String name) {
        return Optional.ofNullable(rooms.get(RoomNames.key(name)));
    }

    /** The private conversation with a person, if there is one (names compared as the server does). */
    public Optional<Conversation> privateWith(String person) {
        return Optional.ofNullable(privates.get(Names.key(person)));
    }

    /** The rooms first, then the private conversations in the order they began. */
    public List<Conversation> conversations() {
        List<Conversation> all = new ArrayList<>(rooms.values());
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
        me = confirmed.name();
        hasRooms = service.hasRooms() && confirmed.rooms() != null;
        if (hasRooms) {
            rooms.clear();
            for (RoomInfo info : confirmed.rooms()) {
                Conversation joined = new Conversation(Conversation.Kind.ROOM, info.name());
                joined.online(info.online());
                joined.topic(info.topic());
                joined.topicLocked(!Boolean.FALSE.equals(info.topicLocked()));
                joined.inviteOnly(Boolean.TRUE.equals(info.inviteOnly()));
                if (info.unread() != null) {
                    joined.unread(info.unread());
                }
                rooms.put(RoomNames.key(info.name()), joined);
            }
            room = defaultRoom();
        } else {
            room.online(confirmed.online());
        }
        replaying.addAll(rooms.values());
        rooms.values().forEach(each -> each.older(true));
        events.accept(new ChatEvent.LoggedIn(me, confirmed.online()));
        // Counted by the server from the account's read markers: what was read elsewhere is not unread here.
        rooms.values().stream().filter(each -> each.unread() > 0)
                .forEach(each -> events.accept(new ChatEvent.UnreadChanged(each)));
        List<ServerMessage> early = List.copyOf(waiting);
        waiting.clear();
        early.forEach(this::handle);
        if (!hasRooms) {
            // The login says how many are here, not who: the member list comes from asking. With rooms, presence
            // notices keep each room's list, and a room's list is asked for when wanted.
            askWho(false);
        } else {
            // The rooms' unread counts came with the login; the private conversations' come with this list.
            requests.execute(() -> service.listConversations(null, PRIVATE_UNREAD_PAGE));
        }
    }

    /**
     * Writes in a conversation: to everyone in a room, or privately.
     *
     * @return why it was not sent, in a sentence for people; empty when it is on its way
     */
    public Optional<String> send(Conversation where, String text) {
        Optional<String> unsendable = unsendable(text);
        if (unsendable.isPresent()) {
            return unsendable;
        }
        if (where.isRoom() && hasRooms) {
            String name = where.name();
            requests.execute(() -> service.sayIn(name, text));
        } else if (where.isRoom()) {
            requests.execute(() -> service.say(text));
        } else {
            String to = where.name();
            requests.execute(() -> service.tell(to, text));
        }
        return Optional.empty();
    }

    /**
     * Says something in a room by name (rooms only), one the user may have asked to join a moment ago: the server
     * takes requests in order, so a say right after a join lands in the room even before the join's answer came.
     */
    public Optional<String> sendToRoom(String room, String text) {
        Optional<String> unsendable = unsendable(text);
        if (unsendable.isPresent()) {
            return unsendable;
        }
        return roomsRequest(() -> service.sayIn(room, text));
    }

    /** Why a text cannot be sent now, or empty when it can. */
    private Optional<String> unsendable(String text) {
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

    /**
     * Asks for the page of history before the oldest entry shown (the newest page when none is shown): of a room,
     * or (with rooms) of a private conversation.
     */
    public void loadOlder(Conversation where, int limit) {
        if (connection == ConnectionState.OFFLINE || !where.isRoom() && !hasRooms) {
            return;
        }
        where.pageAsked();
        if (!where.isRoom()) {
            int bounded = historyPageMax > 0 ? Math.min(limit, historyPageMax) : limit;
            long before = where.oldestId();
            String with = where.name();
            requests.execute(() -> service.privateHistory(with, before, bounded));
            return;
        }
        if (replaying.contains(where)) {
            deferredPages.computeIfAbsent(where, any -> new ArrayList<>()).add(limit);
            return;
        }
        askPage(where, limit);
    }

    private void askPage(Conversation where, int limit) {
        int bounded = historyPageMax > 0 ? Math.min(limit, historyPageMax) : limit;
        long before = where.oldestId();
        if (hasRooms) {
            String name = where.name();
            requests.execute(() -> service.historyOf(name, before, bounded));
        } else {
            requests.execute(() -> service.history(before, bounded));
        }
    }

    /** Asks who is online (in the room); the answer is a {@link ChatEvent.MembersListed} with {@code asked} set. */
    public void who() {
        who(room);
    }

    /** Asks who is in a room; the answer is a {@link ChatEvent.MembersListed} with {@code asked} set. */
    public void who(Conversation where) {
        if (connection == ConnectionState.OFFLINE || !where.isRoom()) {
            return;
        }
        if (hasRooms) {
            whoRequests.addLast(true);
            String name = where.name();
            requests.execute(() -> service.whoIn(name));
        } else {
            askWho(true);
        }
    }

    private void askWho(boolean byUser) {
        whoRequests.addLast(byUser);
        requests.execute(service::who);
    }

    /** Joins a room, making it when it does not exist (rooms only): a {@link ChatEvent.ConversationOpened} follows. */
    public Optional<String> join(String name) {
        Optional<Refusal> bad = RoomNames.check(RoomNames.canonical(name));
        if (bad.isPresent() && hasRooms) {
            return Optional.of(bad.get().message());
        }
        return roomsRequest(() -> service.join(name));
    }

    /** Leaves a room (rooms only); {@code reason} may be {@code null}. */
    public Optional<String> part(Conversation where, String reason) {
        return roomsRequest(where, name -> service.part(name, reason));
    }

    /** Asks for the room list, names containing {@code filter} (or all) (rooms only). */
    public Optional<String> listRooms(String filter) {
        return roomsRequest(() -> service.listRooms(filter, null));
    }

    /** Sets a room's topic; empty text clears it (rooms only). */
    public Optional<String> setTopic(Conversation where, String text) {
        return roomsRequest(where, name -> service.setTopic(name, text));
    }

    /**
     * Gives a member of a room a role (rooms only): {@code operator}, {@code member} (taking operator away) or
     * {@code owner} (handing the room over). A {@link ChatEvent.RoleChanged} or a refusal follows.
     */
    public Optional<String> setRole(Conversation where, String member, String role) {
        return roomsRequest(where, name -> service.setRole(name, member, role));
    }

    /** Locks a room's topic to its owner and operators, or opens it to every member (rooms only). */
    public Optional<String> lockTopic(Conversation where, boolean locked) {
        return roomsRequest(where, name -> service.lockTopic(name, locked));
    }

    /** Makes a room invite-only, or open to anyone again (rooms only). */
    public Optional<String> setInviteOnly(Conversation where, boolean inviteOnly) {
        return roomsRequest(where, name -> service.setInviteOnly(name, inviteOnly));
    }

    /** Invites an account to a room (rooms only): a {@link ChatEvent.Invited} or a refusal follows. */
    public Optional<String> invite(Conversation where, String account) {
        return roomsRequest(where, name -> service.invite(name, account));
    }

    /** Puts someone present out of a room (rooms only); {@code reason} may be {@code null}. */
    public Optional<String> kick(Conversation where, String member, String reason) {
        return roomsRequest(where, name -> service.kick(name, member, reason));
    }

    /** Bans an account from a room, or lifts its ban (rooms only). */
    public Optional<String> ban(Conversation where, String account, boolean banned) {
        return roomsRequest(where, name -> service.ban(name, account, banned));
    }

    /**
     * Deletes a room with its history (rooms only; its owner). User interfaces ask the user first: this cannot be
     * undone, for anyone in the room.
     */
    public Optional<String> deleteRoom(Conversation where) {
        return roomsRequest(where, name -> service.deleteRoom(name, name));
    }

    /** Bans an account from the whole server, or lifts its ban (the server's operators only; rooms only). */
    public Optional<String> banFromServer(String account, boolean banned) {
        return roomsRequest(() -> service.banFromServer(account, banned));
    }

    /** Asks who is banned from a room (rooms only): a {@link ChatEvent.BansListed} or a refusal follows. */
    public Optional<String> listBans(Conversation where) {
        return roomsRequest(where, name -> service.listBans(name));
    }

    /** As {@link #roomsRequest(Runnable)}, about one room, which the request is given by name. */
    private Optional<String> roomsRequest(Conversation where, Consumer<String> request) {
        String name = where.name();
        return roomsRequest(() -> request.accept(name));
    }

    /** Sends a request about rooms, or says why it cannot be sent: not logged in, or no rooms here. */
    private Optional<String> roomsRequest(Runnable request) {
        if (connection == ConnectionState.OFFLINE) {
            return Optional.of("Log in first.");
        }
        if (!hasRooms) {
            return Optional.of("This chat has one room only.");
        }
        requests.execute(request);
        return Optional.empty();
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
        reportRead(conversation);
    }

    /**
     * Tells the server how far the user read, so that the account's other devices and its next login know: when the
     * newest id read moved, and at most once a {@link #READ_REPORT_INTERVAL_NANOS} per conversation while messages
     * keep coming; what was read meanwhile is reported when the interval is over.
     */
    private void reportRead(Conversation conversation) {
        conversation.readUpTo = Math.max(conversation.readUpTo, conversation.newestId());
        sendReadReport(conversation);
    }

    private void sendReadReport(Conversation conversation) {
        long upTo = conversation.readUpTo;
        if (!hasRooms || connection != ConnectionState.ONLINE || upTo <= conversation.reportedRead) {
            return;
        }
        long now = nanoTime.getAsLong();
        long wait = conversation.reportedAt == 0 ? 0 : conversation.reportedAt + READ_REPORT_INTERVAL_NANOS - now;
        if (wait > 0) {
            if (!conversation.reportDue) {
                conversation.reportDue = true;
                later.after(wait, () -> {
                    conversation.reportDue = false;
                    sendReadReport(conversation);
                });
            }
            return;
        }
        conversation.reportedRead = upTo;
        conversation.reportedAt = now;
        String name = conversation.name();
        if (conversation.isRoom()) {
            requests.execute(() -> service.markRead(name, null, upTo));
        } else {
            requests.execute(() -> service.markRead(null, name, upTo));
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
        Conversation where = transfer.toRoom() || transfer.peer() == null ? roomOfFile(transfer.room())
                : privateConversation(transfer.peer());
        events.accept(new ChatEvent.Transfer(where, transfer));
    }

    @Override
    public void onDisconnected(String reason, boolean error) {
        connection = ConnectionState.OFFLINE;
        replaying.clear();
        deferredPages.clear();
        rooms.values().forEach(Conversation::forgetPages);
        privates.values().forEach(Conversation::forgetPages);
        privatePage.clear();
        privatesCatchingUp.clear();
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
        catchingUp.addAll(rooms.values());
        goodbye = null;
        pages.clear();
        rooms.values().forEach(Conversation::forgetPages);
        privates.values().forEach(Conversation::forgetPages);
        privatePage.clear();
        whoRequests.clear();
        privatesCatchingUp.clear();
        if (hasRooms) {
            // The server keeps private conversations: those the user has are caught up from their newest page.
            for (Conversation with : privates.values()) {
                if (with.newestId() > 0) {
                    privatesCatchingUp.put(with, with.newestId());
                    with.pageAsked();
                    String name = with.name();
                    requests.execute(() -> service.privateHistory(name, 0, PRIVATE_CATCH_UP));
                }
            }
        }
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
            case ChatMessage chat -> entry(roomOf(chat.room()), new Entry.Message(chat.id(), chat.ts(), chat.from(),
                    chat.text(), chat.from().equals(me), chat.history()));
            case Announcement announcement -> entry(roomOf(announcement.room()), new Entry.Announcement(
                    announcement.id(), announcement.ts(), announcement.text(), announcement.history()));
            case FileShared shared -> entry(roomOf(shared.room()), new Entry.SharedFile(shared.id(), shared.ts(),
                    shared.from(), shared.name(), shared.size(), shared.from().equals(me), shared.history()));
            case PrivateMessage whisper -> whisper(whisper);
            case HistoryEnd end -> historyEnd(end);
            case Joined joined -> {
                Conversation where = roomOf(joined.room());
                where.joined(joined.name());
                where.online(joined.online());
                events.accept(new ChatEvent.MemberJoined(where, joined.name(), Boolean.TRUE.equals(joined.guest()),
                        joined.ts(), joined.online(), joined.name().equals(me)));
            }
            case Left left -> {
                Conversation where = roomOf(left.room());
                where.left(left.name());
                where.online(left.online());
                events.accept(new ChatEvent.MemberLeft(where, left.name(), left.reason(), left.ts(), left.online(),
                        left.name().equals(me)));
                if (hasRooms && left.name().equals(me)) {
                    closeRoom(where);
                }
            }
            case Renamed renamed -> renamed(renamed);
            case Members members -> {
                Conversation where = roomOf(members.room());
                List<Member> online = members.users().stream().filter(m -> !Boolean.FALSE.equals(m.online())).toList();
                members.users().forEach(member -> where.role(member.name(), member.role()));
                where.members(online.stream().map(Member::name).toList(), members.users().stream()
                        .filter(m -> Boolean.FALSE.equals(m.online())).map(Member::name).toList());
                where.online(online.size());
                events.accept(new ChatEvent.MembersListed(where, Boolean.TRUE.equals(whoRequests.pollFirst())));
            }
            case LoggedIn again -> {
                // Logged in again after a reconnect: the name is the account's, and who is here must be asked.
                me = again.name();
                if (!hasRooms) {
                    room.online(again.online());
                    askWho(false);
                }
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
            case RoomInfo info -> {
                // The answer to a join: the room's replay follows, then the join notice.
                Conversation where = roomOf(info.name());
                where.online(info.online());
                where.topic(info.topic());
                where.topicLocked(!Boolean.FALSE.equals(info.topicLocked()));
                where.inviteOnly(Boolean.TRUE.equals(info.inviteOnly()));
                replaying.add(where);
            }
            case RoomList list -> events.accept(new ChatEvent.RoomsListed(list.rooms().stream()
                    .map(info -> new RoomSummary(info.name(), info.topic(), info.members(), info.online())).toList(),
                    list.more()));
            case TopicChanged topic -> {
                Conversation where = roomOf(topic.room());
                where.topic(topic.text());
                events.accept(new ChatEvent.TopicChanged(where, topic.by(), topic.text(), topic.ts()));
            }
            case RoleChanged changed -> {
                Conversation where = roomOf(changed.room());
                where.role(changed.name(), changed.role());
                events.accept(new ChatEvent.RoleChanged(where, changed.name(), changed.role(), changed.by(),
                        changed.ts(), changed.name().equals(me)));
            }
            case BanChanged ban -> events.accept(new ChatEvent.BanChanged(roomOf(ban.room()), ban.name(), ban.by(),
                    ban.banned(), ban.ts(), ban.name().equals(me)));
            case BanList bans -> events.accept(new ChatEvent.BansListed(roomOf(bans.room()), bans.names(),
                    bans.more()));
            case SettingsChanged settings -> {
                // The server tells every setting as it now is; the user hears of those that changed.
                Conversation where = roomOf(settings.room());
                if (where.topicLocked() != settings.topicLocked()) {
                    where.topicLocked(settings.topicLocked());
                    events.accept(new ChatEvent.TopicLockChanged(where, settings.by(), settings.topicLocked(),
                            settings.ts()));
                }
                if (where.inviteOnly() != settings.inviteOnly()) {
                    where.inviteOnly(settings.inviteOnly());
                    events.accept(new ChatEvent.InviteOnlyChanged(where, settings.by(), settings.inviteOnly(),
                            settings.ts()));
                }
            }
            case ServerBanChanged ban -> events.accept(new ChatEvent.ServerBanChanged(ban.name(), ban.banned(),
                    ban.ts()));
            case ConversationList list -> privateUnreadCounts(list);
            case ReadMoved moved -> readElsewhere(moved);
            case RoomDeleted deleted -> {
                Conversation where = roomOf(deleted.room());
                events.accept(new ChatEvent.RoomDeleted(where, deleted.by(), deleted.ts()));
                closeRoom(where);
            }
            case Invited invited -> events.accept(new ChatEvent.Invited(invited.room(), invited.name(),
                    invited.by(), invited.expires(), invited.name().equals(me)));
            case Presence presence -> {
                Conversation where = roomOf(presence.room());
                if (presence.isOnline()) {
                    where.joined(presence.name());
                } else {
                    where.wentOffline(presence.name());
                }
                where.online(presence.online());
                events.accept(new ChatEvent.PresenceChanged(where, presence.name(), presence.isOnline(),
                        presence.reason(), presence.ts(), presence.online()));
            }
        }
    }

    /**
     * The user's room of that name, come into now if the model did not know it yet (the reply to a join); the one
     * room without rooms, or when the name is absent.
     */
    private Conversation roomOf(String name) {
        if (!hasRooms || name == null) {
            return room;
        }
        Conversation known = rooms.get(RoomNames.key(name));
        if (known != null) {
            return known;
        }
        Conversation opened = new Conversation(Conversation.Kind.ROOM, name);
        rooms.put(RoomNames.key(name), opened);
        if (room == single) {
            room = opened;
        }
        events.accept(new ChatEvent.ConversationOpened(opened));
        return opened;
    }

    /**
     * The room a file for a room goes to: the user's room of that name, else (a transport that does not name it,
     * as peers share files in the default room only) the default room when the user is in it, else {@link #room}.
     */
    private Conversation roomOfFile(String name) {
        Conversation named = hasRooms && name != null ? rooms.get(RoomNames.key(name)) : null;
        if (named != null) {
            return named;
        }
        return hasRooms ? rooms.getOrDefault(RoomNames.key(RoomNames.DEFAULT_ROOM), room) : room;
    }

    /** The default room when the user is in it, else the first of the user's rooms, else the one unnamed room. */
    private Conversation defaultRoom() {
        return rooms.getOrDefault(RoomNames.key(RoomNames.DEFAULT_ROOM), rooms.isEmpty() ? single
                : rooms.values().iterator().next());
    }

    /** The user left a room: it is no longer one of the user's. */
    private void closeRoom(Conversation where) {
        rooms.remove(RoomNames.key(where.name()));
        replaying.remove(where);
        catchingUp.remove(where);
        pages.remove(where);
        if (room == where) {
            room = defaultRoom();
        }
        events.accept(new ChatEvent.RoomClosed(where));
    }

    /** A room entry: live at the end, missed ones too while catching up, history kept for its page's end. */
    private void entry(Conversation where, Entry entry) {
        if (entry.history() && !catchingUp.contains(where)) {
            List<Entry> page = pages.computeIfAbsent(where, any -> new ArrayList<>());
            if (page.size() < Conversation.MAX_ENTRIES) {
                page.add(entry);
            }
            return;
        }
        if (!where.append(entry)) {
            return;
        }
        events.accept(new ChatEvent.Added(where, entry));
        if (!entry.history() && !entry.own() && !(entry instanceof Entry.SharedFile)) {
            where.unreadOneMore();
            events.accept(new ChatEvent.UnreadChanged(where));
        } else if (entry.own() && !entry.history()) {
            // Who writes in a conversation has read it up to there.
            read(where);
        }
    }

    private void historyEnd(HistoryEnd end) {
        if (end.with() != null) {
            privateHistoryEnd(end);
            return;
        }
        Conversation where = roomOf(end.room());
        if (catchingUp.remove(where)) {
            events.accept(new ChatEvent.CaughtUp(where, end.count(), end.more()));
            return;
        }
        boolean replay = replaying.remove(where);
        boolean asked = !replay && where.pageArrived();
        List<Entry> page = pages.remove(where);
        List<Entry> older = where.prepend(page == null ? List.of() : page);
        where.older(end.more());
        events.accept(new ChatEvent.HistoryLoaded(where, older, asked, end.more()));
        List<Integer> deferred = replay ? deferredPages.remove(where) : null;
        if (deferred != null) {
            deferred.forEach(limit -> askPage(where, limit));
        }
    }

    /** A page of a private conversation ended: its messages go in front of the conversation it names. */
    private void privateHistoryEnd(HistoryEnd end) {
        Conversation where = privateConversation(end.with());
        Long shownBefore = privatesCatchingUp.remove(where);
        if (shownBefore != null) {
            where.pageArrived();
            caughtUpPrivately(where, shownBefore, end.more());
            return;
        }
        boolean asked = where.pageArrived();
        List<Entry> older = where.prepend(List.copyOf(privatePage));
        privatePage.clear();
        where.older(end.more());
        events.accept(new ChatEvent.HistoryLoaded(where, older, asked, end.more()));
    }

    /**
     * The conversation list asked for at login: each private conversation with something unread by its read marker
     * is opened with that count, so that what waits from before shows, and what was read elsewhere does not.
     */
    private void privateUnreadCounts(ConversationList list) {
        for (ConversationList.Entry entry : list.conversations()) {
            if (entry.with() != null && entry.unread() != null && entry.unread() > 0) {
                Conversation with = privateConversation(entry.with());
                if (with.unread() == 0) {
                    with.unread(entry.unread());
                    events.accept(new ChatEvent.UnreadChanged(with));
                }
            }
        }
    }

    /**
     * Another device of the account read a conversation further: its unread count becomes what the server counts
     * after that marker, and this device need not report reading up to there again.
     */
    private void readElsewhere(ReadMoved moved) {
        Conversation where = moved.room() != null ? rooms.get(RoomNames.key(moved.room()))
                : privates.get(Names.key(moved.with()));
        if (where == null || moved.id() < where.reportedRead) {
            // Read further here or on a device whose news came first: this count is older than what it knows.
            return;
        }
        where.reportedRead = moved.id();
        if (where.unread() != moved.unread()) {
            where.unread(moved.unread());
            events.accept(new ChatEvent.UnreadChanged(where));
        }
    }

    /**
     * The newest page of a private conversation after a reconnect: what is newer than the newest message shown at
     * the reconnect was missed, and is added as if said now, each once (one that waited may have come meanwhile).
     */
    private void caughtUpPrivately(Conversation where, long newest, boolean more) {
        List<Entry> page = new ArrayList<>(privatePage);
        privatePage.clear();
        page.sort(Comparator.comparingLong(Entry::id));
        int missed = 0;
        for (Entry entry : page) {
            if (entry.id() > newest && entry instanceof Entry.Private whisper && where.append(whisper.asLive())) {
                missed++;
                events.accept(new ChatEvent.Added(where, whisper.asLive()));
                if (!whisper.own()) {
                    where.unreadOneMore();
                    events.accept(new ChatEvent.UnreadChanged(where));
                }
            }
        }
        events.accept(new ChatEvent.CaughtUp(where, missed, more && missed == page.size()));
    }

    private void whisper(PrivateMessage whisper) {
        boolean own = whisper.from().equals(me);
        Entry entry = new Entry.Private(whisper.id() == null ? 0 : whisper.id(), whisper.ts(), whisper.from(),
                whisper.to(), whisper.text(), own, whisper.isHistory(), whisper.isAway(), whisper.isOffline());
        if (whisper.isHistory()) {
            if (privatePage.size() < Conversation.MAX_ENTRIES) {
                privatePage.add(entry);
            }
            return;
        }
        Conversation with = privateConversation(own ? whisper.to() : whisper.from());
        if (!with.append(entry)) {
            return;
        }
        events.accept(new ChatEvent.Added(with, entry));
        if (!own) {
            with.unreadOneMore();
            events.accept(new ChatEvent.UnreadChanged(with));
        }
    }

    private void renamed(Renamed renamed) {
        for (Conversation each : rooms.values()) {
            if (each.members().contains(renamed.from())) {
                each.left(renamed.from());
                each.joined(renamed.to());
            }
        }
        if (!hasRooms) {
            room.online(renamed.online());
        }
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
