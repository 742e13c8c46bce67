package chatroom.server.sessions;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileShared;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.InviteMember;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.KickMember;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListConversations;
import chatroom.api.message.ListRooms;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.Protocol;
import chatroom.api.message.ReadMoved;
import chatroom.api.message.Say;
import chatroom.api.message.ServerBan;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.rules.Names;
import chatroom.api.rules.Refusal;
import chatroom.api.rules.Roles;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;
import chatroom.api.rules.Topics;
import chatroom.api.spi.Connection;
import chatroom.api.spi.InboundHandler;
import chatroom.server.ServerConfig;
import chatroom.server.accounts.Accounts;
import chatroom.server.accounts.ResumeTokens;
import chatroom.server.rooms.Entries;
import chatroom.server.rooms.Room;
import chatroom.server.privates.PrivateConversations;
import chatroom.server.rooms.Rooms;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's conversation with the server: the handshake, login, and checks on everything the client sends
 * before it reaches the {@link Rooms}. Input arrives on the connection's reader thread; the room thread sets the
 * in-room state.
 */
public final class Session implements InboundHandler {
    /** Consecutive messages refused for flooding after which the connection is closed. */
    static final int FLOOD_DISCONNECT = 100;
    private static final int ENTER_TIMEOUT_SECONDS = 10;
    private static final String FILE_CHUNK_PREFIX = "{\"type\":\"" + FileChunk.TYPE + "\"";
    private static final String TOO_SLOW = "too slow: its send queue overflowed";

    private final Connection connection;
    private final ServerContext server;
    private final TokenBucket bucket;
    private final TokenBucket bytes;
    private boolean helloDone;
    /** What the login being handled says it saw, room by room (protocol 2), or {@code null}. */
    private Map<String, Long> requestedSeen;
    /** The protocol version agreed at hello: 1 (one room) or 2 (rooms). */
    private volatile int protocol = Protocol.VERSION;
    private int refusedInARow;
    // Why this side closed the connection, for the room's notice; null while nothing but the network closed it.
    private volatile String closeReason;
    private final AtomicBoolean overflowReported = new AtomicBoolean();

    // Written by the room thread, read by the reader thread.
    private volatile boolean inRoom;
    private volatile boolean closed;
    private volatile String name;
    private volatile String account;
    // Folded once here: member lists and room lookups compare them many times a second.
    private volatile String accountKey;
    private volatile String nameKey;
    private volatile Instant since;
    private volatile boolean guest;
    private volatile String resumeToken;

    public Session(Connection connection, ServerContext server) {
        this.connection = connection;
        this.server = server;
        long now = System.nanoTime();
        this.bucket = new TokenBucket(server.config().messagesPerSecond(), server.config().burst(), now);
        this.bytes = new TokenBucket(server.config().bytesPerSecond(), server.config().byteBurst(), now);
    }

    @Override
    public void onLine(String line) {
        long lineBytes = utf8Length(line) + 1;
        // File data is paced by the relay's acknowledgements, not by the byte rate: a chunk the relay does not
        // take is charged below, so claiming to be file data buys nothing.
        boolean fileData = line.startsWith(FILE_CHUNK_PREFIX);
        if (!fileData && !allowedBytes(lineBytes)) {
            return;
        }
        ClientMessage message;
        try {
            message = MessageCodec.decodeClient(line, server.config().maxJsonDepth());
        } catch (ProtocolException e) {
            if (!fileData || allowedBytes(lineBytes)) {
                send(e.toReply());
            }
            return;
        }
        if (!helloDone) {
            handshake(message);
            return;
        }
        switch (message) {
            case Hello h -> refuse(ErrorCode.BAD_MESSAGE, "The handshake is done already.", Hello.TYPE);
            case Login l -> login(l);
            case Say s -> {
                if (protocol != Protocol.VERSION && s.room() == null) {
                    refuse(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: missing field 'room'.", Say.TYPE, s.cid());
                } else {
                    text(s.text(), Say.TYPE, s.cid())
                            .ifPresent(text -> server.rooms().post(new Rooms.Say(this, s.room(), text, s.cid())));
                }
            }
            case Tell t -> text(t.text(), Tell.TYPE, t.cid())
                    .ifPresent(text -> server.rooms().post(new Rooms.Tell(this, t.to(), text, t.cid())));
            case Nick n -> rename(n.name());
            case Who w -> {
                if (protocol != Protocol.VERSION && w.room() == null) {
                    refuse(ErrorCode.BAD_MESSAGE, "Invalid 'who' message: missing field 'room'.", Who.TYPE);
                } else if (allowedByRate(Who.TYPE)) {
                    server.rooms().post(new Rooms.Who(this, protocol == Protocol.VERSION ? null : w.room(),
                            protocol != Protocol.VERSION && Boolean.TRUE.equals(w.online())));
                }
            }
            case HistoryRequest h -> {
                if (allowedByRate(HistoryRequest.TYPE)) {
                    history(h);
                }
            }
            case ListConversations l -> {
                if (allowedByRate(ListConversations.TYPE)) {
                    listConversations(l);
                }
            }
            case MarkRead r -> {
                if (allowedByRate(MarkRead.TYPE)) {
                    markRead(r);
                }
            }
            case PrivateHistory h -> {
                if (allowedByRate(PrivateHistory.TYPE)) {
                    privateHistory(h);
                }
            }
            case Ping p -> send(new Pong());
            case Logout l -> server.rooms().post(new Rooms.Leave(this, "logged out", true));
            case FileOffer o -> {
                if (inRoomFor(FileOffer.TYPE) && allowedByRate(FileOffer.TYPE)) {
                    server.files().offer(this, o);
                }
            }
            // Chunks and what follows are paced by the relay's windows, not by the chat's rate limit.
            case FileChunk c -> {
                if (!(inRoomFor(FileChunk.TYPE) && server.files().chunk(this, c))) {
                    allowedBytes(lineBytes);
                }
            }
            case FileAck a -> {
                if (inRoomFor(FileAck.TYPE)) {
                    server.files().ack(this, a);
                }
            }
            case FileDone d -> {
                if (inRoomFor(FileDone.TYPE)) {
                    server.files().done(this, d);
                }
            }
            case FileCancel c -> {
                if (inRoomFor(FileCancel.TYPE)) {
                    server.files().cancel(this, c);
                }
            }
            case JoinRoom j -> {
                if (roomsRequest(JoinRoom.TYPE) && validRoom(j.room(), JoinRoom.TYPE)) {
                    server.rooms().post(new Rooms.Join(this, RoomNames.canonical(j.room())));
                }
            }
            case PartRoom p -> {
                if (roomsRequest(PartRoom.TYPE)) {
                    server.rooms().post(new Rooms.Part(this, p.room(), p.reason()));
                }
            }
            case ListRooms l -> {
                if (roomsRequest(ListRooms.TYPE)) {
                    int max = server.config().historyPageMax();
                    int limit = l.limit() == null ? Math.min(50, max) : Math.max(1, Math.min(l.limit(), max));
                    server.rooms().post(new Rooms.ListRooms(this, l.filter(), l.after(), limit));
                }
            }
            case SetTopic t -> {
                if (roomsRequest(SetTopic.TYPE)) {
                    server.rooms().post(new Rooms.SetTopic(this, t.room(), t.text()));
                }
            }
            case SetRole r -> {
                if (roomsRequest(SetRole.TYPE)) {
                    if (!Roles.isRole(r.role())) {
                        refuse(ErrorCode.BAD_MESSAGE, "Invalid 'role' message: a role is owner, operator or member.",
                                SetRole.TYPE);
                    } else {
                        server.rooms().post(new Rooms.SetRole(this, r.room(), r.name(), r.role()));
                    }
                }
            }
            case ChangeSettings c -> {
                if (roomsRequest(ChangeSettings.TYPE)) {
                    server.rooms().post(new Rooms.ChangeSettings(this, c.room(), c.topicLocked(), c.inviteOnly()));
                }
            }
            case KickMember k -> {
                if (roomsRequest(KickMember.TYPE)) {
                    server.rooms().post(new Rooms.KickMember(this, k.room(), k.name(), k.reason()));
                }
            }
            case BanMember b -> {
                if (roomsRequest(BanMember.TYPE)) {
                    server.rooms().post(new Rooms.BanMember(this, b.room(), b.name(), b.banned()));
                }
            }
            case InviteMember i -> {
                if (roomsRequest(InviteMember.TYPE)) {
                    server.rooms().post(new Rooms.InviteMember(this, i.room(), i.name()));
                }
            }
            case ServerBan b -> {
                if (roomsRequest(ServerBan.TYPE)) {
                    server.rooms().post(new Rooms.ServerBanRequest(this, b.name(), b.banned()));
                }
            }
            case DeleteRoom d -> {
                if (roomsRequest(DeleteRoom.TYPE)) {
                    server.rooms().post(new Rooms.DeleteRoom(this, d.room(), d.confirm()));
                }
            }
            case ListBans l -> {
                if (roomsRequest(ListBans.TYPE)) {
                    server.rooms().post(new Rooms.ListBans(this, l.room()));
                }
            }
        }
    }

    /**
     * Whether a request of protocol 2 may go on: the connection speaks protocol 2 (a protocol-1 connection does not
     * know these requests), is logged in, and stays within the message rate.
     */
    private boolean roomsRequest(String type) {
        if (protocol == Protocol.VERSION) {
            refuse(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + type + "' in protocol 1; rooms need protocol "
                    + Protocol.ROOMS_VERSION + ".", type);
            return false;
        }
        return inRoomFor(type) && allowedByRate(type);
    }

    private boolean validRoom(String room, String request) {
        Optional<Refusal> problem = RoomNames.check(RoomNames.canonical(room));
        problem.ifPresent(refusal -> refuse(refusal.code(), refusal.message(), request));
        return problem.isEmpty();
    }

    private boolean inRoomFor(String request) {
        if (!inRoom) {
            refuse(ErrorCode.NOT_LOGGED_IN, "Log in first.", request);
        }
        return inRoom;
    }

    private void handshake(ClientMessage message) {
        if (message instanceof Ping) {
            send(new Pong());
        } else if (!(message instanceof Hello hello)) {
            refuse(ErrorCode.HELLO_FIRST, "Send hello first.", message.type());
        } else if (hello.protocol() != Protocol.VERSION && hello.protocol() != Protocol.ROOMS_VERSION) {
            refuse(ErrorCode.UNSUPPORTED_PROTOCOL, "This server speaks protocols " + Protocol.VERSION + " and "
                    + Protocol.ROOMS_VERSION + "; the client speaks " + hello.protocol() + ".", Hello.TYPE);
            send(new Bye(Bye.PROTOCOL, "Unsupported protocol version."));
            connection.close();
        } else {
            helloDone = true;
            protocol = hello.protocol();
            ServerConfig config = server.config();
            send(new Welcome(protocol, server.version(), protocol == Protocol.VERSION ? config.limits()
                    : config.limits().withRooms(config.maxRoomsPerUser(), RoomNames.MAX_LENGTH, Topics.MAX_LENGTH,
                            config.maxSessions()),
                    features()));
        }
    }

    /** What this server offers beyond the basics, as announced in the welcome. */
    private List<String> features() {
        List<String> features = new ArrayList<>(List.of(Protocol.FEATURE_RESUME, Protocol.FEATURE_CID,
                Protocol.FEATURE_ROOMS));
        if (server.config().maxFileSize() > 0) {
            features.add(Protocol.FEATURE_FILES);
        }
        return features;
    }

    private void login(Login login) {
        requestedSeen = protocol == Protocol.VERSION ? null : login.seen();
        if (inRoom) {
            refuse(ErrorCode.ALREADY_LOGGED_IN, "You are logged in already.", Login.TYPE);
            return;
        }
        String requested = Names.canonical(login.name());
        Optional<Refusal> nameProblem = server.names().check(requested);
        if (nameProblem.isPresent()) {
            refuse(nameProblem.get().code(), nameProblem.get().message(), Login.TYPE);
            return;
        }
        if (login.isResume()) {
            resume(requested, login.resume(), login.since());
            return;
        }
        if (login.isGuest()) {
            guestLogin(requested, login.since());
            return;
        }
        char[] password = login.password().toCharArray();
        Optional<String> passwordProblem = Accounts.passwordProblem(password);
        if (passwordProblem.isPresent()) {
            refuse(ErrorCode.INVALID_PASSWORD, passwordProblem.get(), Login.TYPE);
            return;
        }
        String key = Names.key(requested);
        if (server.accounts().registeredName(requested).isEmpty() && server.rooms().isOnline(requested)) {
            // A guest or a renamed user has it: creating the account now would take it from under them.
            refuse(ErrorCode.NAME_TAKEN, "Someone online is using the name '" + requested + "'.", Login.TYPE);
            return;
        }
        Duration wait = server.throttle().waitBefore(key, host());
        if (!wait.isZero()) {
            refuse(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed logins; try again in "
                    + Math.max(1, wait.toSeconds()) + " s.", Login.TYPE);
            return;
        }
        Accounts.Authentication result;
        try {
            result = server.authenticate(requested, password);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            server.log().info("login error for " + requested + " from " + address() + ": "
                    + (e.getCause() != null ? e.getCause() : e));
            refuse(ErrorCode.SERVER_ERROR, "The server could not check the password; try again.", Login.TYPE);
            return;
        }
        switch (result.outcome()) {
            case WRONG_PASSWORD -> {
                server.throttle().failed(key, host());
                server.log().info("failed login for " + requested + " from " + address() + ": wrong password");
                refuse(ErrorCode.WRONG_PASSWORD, "Wrong password for '" + requested + "'.", Login.TYPE);
            }
            case NO_SUCH_ACCOUNT -> {
                server.throttle().failed(key, host());
                server.log().info("failed login for " + requested + " from " + address() + ": no such account");
                refuse(ErrorCode.NO_SUCH_ACCOUNT, "There is no account named '" + requested
                        + "', and this server does not register new ones.", Login.TYPE);
            }
            case ACCEPTED, CREATED -> {
                server.throttle().succeeded(key, host());
                if (result.outcome() == Accounts.Outcome.CREATED) {
                    server.log().info("new account " + result.account() + " from " + address());
                }
                enterRoom(result.account(), false, login.since(), true, null);
            }
        }
    }

    private void guestLogin(String requested, Long since) {
        if (!server.config().allowGuests()) {
            refuse(ErrorCode.GUESTS_NOT_ALLOWED, "This server admits only accounts; log in with a password.",
                    Login.TYPE);
        } else if (server.accounts().registeredName(requested).isPresent()) {
            refuse(ErrorCode.NAME_TAKEN, "The name '" + requested + "' belongs to an account; log in with its"
                    + " password or pick another name.", Login.TYPE);
        } else {
            enterRoom(requested, true, since, false, null);
        }
    }

    /** Logs in again with a token instead of the password; failures count against the address like wrong ones. */
    private void resume(String requested, String token, Long since) {
        if (server.tokens() == null) {
            refuse(ErrorCode.RESUME_REFUSED, "This server does not resume sessions; log in with your password.",
                    Login.TYPE);
            return;
        }
        String key = Names.key(requested);
        Duration wait = server.throttle().waitBefore(key, host());
        if (!wait.isZero()) {
            refuse(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed logins; try again in "
                    + Math.max(1, wait.toSeconds()) + " s.", Login.TYPE);
            return;
        }
        Optional<ResumeTokens.Holder> holder;
        try {
            holder = server.tokens().redeem(token, key);
        } catch (SQLException e) {
            server.log().info("resume error for " + requested + " from " + address() + ": " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The server could not check the resume token; try again.", Login.TYPE);
            return;
        }
        boolean stillAllowed = holder.isPresent() && (holder.get().guest()
                ? server.config().allowGuests() && server.accounts().registeredName(requested).isEmpty()
                : server.accounts().registeredName(requested).isPresent());
        if (!stillAllowed) {
            server.throttle().failed(key, host());
            server.log().info("failed resume for " + requested + " from " + address());
            refuse(ErrorCode.RESUME_REFUSED, "This session can no longer be resumed; log in with your password.",
                    Login.TYPE);
            return;
        }
        server.throttle().succeeded(key, host());
        server.log().info("resume " + holder.get().account() + " from " + address());
        enterRoom(holder.get().account(), holder.get().guest(), since, true, token);
    }

    /**
     * Asks the room to admit this session, with a new resume token that the room takes back if the login fails
     * there, and waits for its answer, so no later request races the login.
     *
     * @param redeemed the resume token the login came back with, or {@code null}
     */
    private void enterRoom(String accountName, boolean asGuest, Long since, boolean takeOver, String redeemed) {
        String token = null;
        if (server.tokens() != null) {
            try {
                token = server.tokens().issue(accountName, asGuest);
            } catch (SQLException e) {
                // The login works without one; only a later reconnect would need the password.
                server.log().info("no resume token for " + accountName + ": " + e.getMessage());
            }
        }
        if (!asGuest) {
            welcome();
        }
        CompletableFuture<Boolean> admitted = new CompletableFuture<>();
        Map<String, Long> unread = asGuest || protocol == Protocol.VERSION ? Map.of() : unreadInRooms(accountName);
        server.rooms().post(new Rooms.Enter(this, accountName, asGuest, since, requestedSeen, token, takeOver,
                admitted, unread, redeemed));
        try {
            admitted.get(ENTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            server.log().info("login of " + accountName + " got no answer from the room: " + e);
        }
    }

    /** Accounts new since the server started (registered, or made by {@code chat users add}) join the default room. */
    private void welcome() {
        try {
            server.rooms().welcome();
        } catch (SQLException e) {
            server.log().info("could not put new accounts in " + server.config().defaultRoom() + ": " + e.getMessage());
        }
    }

    private void rename(String requested) {
        String canonical = Names.canonical(requested);
        Optional<Refusal> problem = server.names().check(canonical);
        if (problem.isPresent()) {
            refuse(problem.get().code(), problem.get().message(), Nick.TYPE);
            return;
        }
        if (!inRoomFor(Nick.TYPE)) {
            return;
        }
        Optional<String> owner = server.accounts().registeredName(canonical);
        if (owner.isPresent() && !Names.key(owner.get()).equals(Names.key(account))) {
            refuse(ErrorCode.NAME_TAKEN, "The name '" + canonical + "' belongs to another account.", Nick.TYPE);
            return;
        }
        if (allowedByRate(Nick.TYPE)) {
            server.rooms().post(new Rooms.Rename(this, canonical));
        }
    }

    private void history(HistoryRequest request) {
        if (!inRoomFor(HistoryRequest.TYPE)) {
            return;
        }
        int max = server.config().historyPageMax();
        int limit = request.limit() == null ? Math.min(50, max) : Math.max(1, Math.min(request.limit(), max));
        long before = request.before() == null || request.before() <= 0 ? Long.MAX_VALUE : request.before();
        try {
            String room = server.config().defaultRoom();
            if (protocol != Protocol.VERSION) {
                Room named = request.room() == null ? null : server.rooms().room(request.room());
                if (named == null || !named.isMember(guest ? "guest:" + Names.key(account) : Names.key(account))) {
                    refuse(named == null ? ErrorCode.UNKNOWN_ROOM : ErrorCode.NOT_IN_ROOM, named == null
                            ? Room.noSuchRoom(request.room()) : named.notInIt(), HistoryRequest.TYPE);
                    return;
                }
                room = named.name();
            }
            List<ServerMessage> page = server.history().before(room, before, limit);
            boolean more = !page.isEmpty() && server.history().hasBefore(room, HistoryStore.idOf(page.getFirst()));
            // One hand-over for the page: the writer wakes once, not once per entry.
            List<Frame> frames = new ArrayList<>(page.size() + 1);
            for (ServerMessage entry : page) {
                frames.add(encode(entry));
            }
            frames.add(MessageCodec.encode(new HistoryEnd(page.size(), more,
                    protocol == Protocol.VERSION ? null : room)));
            send(frames);
        } catch (SQLException | RuntimeException e) {
            server.log().info("history read failed for " + name + ": " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The history could not be read; try again.", HistoryRequest.TYPE);
        }
    }

    /**
     * The messages after the account's read marker in each room it has one in, by room key: the markers read here
     * rather than by the rooms' thread, the counts from the rooms' newest ids; empty when nothing keeps markers or
     * the store cannot be read (the login goes on).
     */
    private Map<String, Long> unreadInRooms(String accountName) {
        if (server.readMarkers() == null) {
            return Map.of();
        }
        try {
            Map<String, Long> unread = new HashMap<>();
            for (Map.Entry<String, Long> marker : server.readMarkers().markers(Names.key(accountName)).entrySet()) {
                Room room = marker.getKey().startsWith("#") ? server.rooms().room(marker.getKey()) : null;
                if (room != null) {
                    unread.put(room.key(), room.unreadAfter(marker.getValue()));
                }
            }
            return unread;
        } catch (SQLException e) {
            server.log().info("unread counts of " + accountName + " not read: " + e.getMessage());
            return Map.of();
        }
    }

    /**
     * How far the user has read a room or a private conversation: kept for the account, only forward. A marker
     * beyond the newest message, or for a room the user is not in, is refused; one that would go back is ignored.
     */
    private void markRead(MarkRead read) {
        if (!inRoomFor(MarkRead.TYPE)) {
            return;
        }
        if (protocol == Protocol.VERSION) {
            refuse(ErrorCode.UNKNOWN_TYPE, "Read markers need protocol 2.", MarkRead.TYPE);
            return;
        }
        if (guest || server.readMarkers() == null) {
            refuse(ErrorCode.NOT_ALLOWED, "Guests keep no read markers.", MarkRead.TYPE);
            return;
        }
        try {
            String conversation;
            long newest;
            String shown;
            String otherAccount = null;
            if (read.room() != null) {
                Room room = server.rooms().room(read.room());
                if (room == null || !room.isMember(Names.key(account))) {
                    refuse(room == null ? ErrorCode.UNKNOWN_ROOM : ErrorCode.NOT_IN_ROOM, room == null
                            ? Room.noSuchRoom(read.room()) : room.notInIt(), MarkRead.TYPE);
                    return;
                }
                conversation = room.key();
                newest = server.history().lastId(room.name());
                shown = room.name();
            } else {
                Optional<String> other = server.rooms().accountOnline(read.with())
                        .or(() -> server.accounts().registeredName(read.with()));
                if (other.isEmpty()) {
                    refuse(ErrorCode.NO_SUCH_ACCOUNT, "'" + read.with() + "' is not online, and no account has that"
                            + " name.", MarkRead.TYPE);
                    return;
                }
                otherAccount = other.get();
                conversation = PrivateStore.conversationKey(Names.key(account), Names.key(otherAccount));
                newest = server.privates() == null ? 0 : server.privates().lastId(conversation);
                shown = "your conversation with " + read.with();
            }
            if (read.id() > newest) {
                refuse(ErrorCode.BAD_MESSAGE, shown.substring(0, 1).toUpperCase(Locale.ROOT) + shown.substring(1)
                        + " has no message " + read.id() + "; its newest is " + newest + ".", MarkRead.TYPE);
                return;
            }
            if (server.readMarkers().mark(Names.key(account), conversation, read.id())) {
                // A room's count is made by the rooms' thread, in the room's order; a private one here, after the
                // marker moved.
                server.rooms().post(new Rooms.ReadElsewhere(this, otherAccount == null
                        ? new ReadMoved(shown, null, read.id(), 0)
                        : new ReadMoved(null, otherAccount, read.id(), server.privates() == null ? 0
                                : server.privates().countAfter(conversation, Names.key(account), read.id()))));
            }
        } catch (SQLException e) {
            server.log().info("read marker of " + name + " not kept: " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The read marker could not be kept; try again.", MarkRead.TYPE);
        }
    }

    /**
     * A page of the user's conversations, newest first: its rooms and its private conversations, each with its last
     * message and, where the account has a read marker, its unread count.
     */
    private void listConversations(ListConversations request) {
        if (!inRoomFor(ListConversations.TYPE)) {
            return;
        }
        if (protocol == Protocol.VERSION) {
            refuse(ErrorCode.UNKNOWN_TYPE, "The conversation list needs protocol 2.", ListConversations.TYPE);
            return;
        }
        if (guest || server.privates() == null || server.readMarkers() == null) {
            refuse(ErrorCode.NOT_ALLOWED, "Guests keep no conversations.", ListConversations.TYPE);
            return;
        }
        int max = server.config().historyPageMax();
        int limit = request.limit() == null ? Math.min(50, max) : Math.max(1, Math.min(request.limit(), max));
        long before = request.before() == null ? Long.MAX_VALUE : request.before();
        String key = Names.key(account);
        try {
            Map<String, Long> markers = server.readMarkers().markers(key);
            List<ConversationList.Entry> all = new ArrayList<>();
            for (Room room : server.rooms().roomsWithMember(key)) {
                Long marker = markers.get(room.key());
                all.add(new ConversationList.Entry(room.name(), null, room.lastTs(), room.lastId(),
                        marker == null ? null : room.unreadAfter(marker)));
            }
            for (PrivateStore.Summary summary : server.privates().conversationsOf(key)) {
                all.add(new ConversationList.Entry(null, summary.otherName() != null ? summary.otherName()
                        : summary.otherKey(), summary.lastTs(), summary.lastId(), summary.unread()));
            }
            List<ConversationList.Entry> page = all.stream().filter(entry -> entry.lastTs() < before)
                    .sorted(Comparator.comparingLong(ConversationList.Entry::lastTs).reversed())
                    .toList();
            send(new ConversationList(page.subList(0, Math.min(limit, page.size())), page.size() > limit));
        } catch (SQLException | RuntimeException e) {
            server.log().info("conversation list of " + name + " not read: " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The conversations could not be read; try again.",
                    ListConversations.TYPE);
        }
    }

    /**
     * A page of the user's private conversation with someone: named by the display name of someone online, else by
     * an account name. Only the user's own conversations can be named, so nobody reads another's.
     */
    private void privateHistory(PrivateHistory request) {
        if (!inRoomFor(PrivateHistory.TYPE)) {
            return;
        }
        if (protocol == Protocol.VERSION) {
            refuse(ErrorCode.UNKNOWN_TYPE, "Private history needs protocol 2.", PrivateHistory.TYPE);
            return;
        }
        if (guest || server.privates() == null) {
            refuse(ErrorCode.NOT_ALLOWED, "Guests have no stored conversations.", PrivateHistory.TYPE);
            return;
        }
        int max = server.config().historyPageMax();
        int limit = request.limit() == null ? Math.min(50, max) : Math.max(1, Math.min(request.limit(), max));
        long before = request.before() == null || request.before() <= 0 ? Long.MAX_VALUE : request.before();
        try {
            Optional<String> other = server.rooms().accountOnline(request.with())
                    .or(() -> server.accounts().registeredName(request.with()));
            if (other.isEmpty()) {
                refuse(ErrorCode.NO_SUCH_ACCOUNT, "'" + request.with() + "' is not online, and no account has that"
                        + " name.", PrivateHistory.TYPE);
                return;
            }
            String conversation = PrivateStore.conversationKey(Names.key(account), Names.key(other.get()));
            List<PrivateRow> page = server.privates().before(conversation, before, limit);
            boolean more = !page.isEmpty() && server.privates().hasBefore(conversation, page.getFirst().id());
            List<Frame> frames = new ArrayList<>(page.size() + 1);
            for (PrivateRow row : page) {
                frames.add(MessageCodec.encode(PrivateConversations.history(row)));
            }
            frames.add(MessageCodec.encode(new HistoryEnd(page.size(), more, null, request.with())));
            send(frames);
        } catch (SQLException | RuntimeException e) {
            server.log().info("private history read failed for " + name + ": " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The history could not be read; try again.", PrivateHistory.TYPE);
        }
    }

    /**
     * The text to post, cleaned, or empty after telling the client what is wrong with it.
     *
     * @param cid the client message id, which a refusal carries so that the client stops waiting for it
     */
    private Optional<String> text(String raw, String request, String cid) {
        if (!inRoom) {
            refuse(ErrorCode.NOT_LOGGED_IN, "Log in first.", request, cid);
            return Optional.empty();
        }
        String text = Texts.clean(raw);
        Optional<Refusal> problem = Texts.check(text, server.config().maxTextLength());
        if (problem.isPresent()) {
            refuse(problem.get().code(), problem.get().message(), request, cid);
            return Optional.empty();
        }
        return allowedByRate(request, cid) ? Optional.of(text) : Optional.empty();
    }

    private boolean allowedByRate(String request) {
        return allowedByRate(request, null);
    }

    private boolean allowedByRate(String request, String cid) {
        if (bucket.tryTake(System.nanoTime())) {
            refusedInARow = 0;
            return true;
        }
        flooding("Slow down: at most " + server.config().messagesPerSecond() + " messages a second.", request, cid);
        return false;
    }

    /** Every line counts against the byte rate, readable or not: garbage costs the server as much as chat. */
    private boolean allowedBytes(long lineBytes) {
        if (bytes.tryTake(lineBytes, System.nanoTime())) {
            return true;
        }
        flooding("Slow down: at most " + server.config().bytesPerSecond() + " bytes a second.", null, null);
        return false;
    }

    /** Says "slow down" and drops the request; a connection that goes on regardless is disconnected. */
    private void flooding(String slowDown, String request, String cid) {
        if (++refusedInARow >= FLOOD_DISCONNECT) {
            server.log().info("flood from " + address() + (name == null ? "" : " (" + name + ")") + ": disconnected");
            closeReason = "disconnected for flooding";
            send(new Bye(Bye.OVERLOADED, "Disconnected for flooding."));
            connection.close();
        } else {
            refuse(ErrorCode.SLOW_DOWN, slowDown, request, cid);
        }
    }

    private void refuse(ErrorCode code, String message, String request) {
        refuse(code, message, request, null);
    }

    private void refuse(ErrorCode code, String message, String request, String cid) {
        send(new ErrorReply(code, message, request, cid));
    }

    @Override
    public void onUnreadableLine(ProtocolException problem) {
        // The reader skipped the line unkept, but the bytes came in all the same: at least the limit's worth.
        if (allowedBytes(server.config().maxLineBytes() + 1L)) {
            send(problem.toReply());
        }
    }

    @Override
    public void onClosed() {
        closed = true;
        if (closeReason == null && connection.overflowed()) {
            closeReason = TOO_SLOW;
        }
        server.closed(this);
        server.files().closed(this);
        server.log().info("disconnect " + address() + (name == null ? "" : " (" + name + ")")
                + (closeReason == null ? "" : ": " + closeReason));
        server.rooms().post(new Rooms.Leave(this, closeReason == null ? "connection lost" : closeReason, false));
    }

    /** Sends a message as this connection's protocol has it: protocol 1 names no room. */
    public void send(ServerMessage message) {
        send(encode(message));
    }

    /** The frame of a message as this connection's protocol has it. */
    public Frame encode(ServerMessage message) {
        return MessageCodec.encode(Entries.forProtocol(protocol, message));
    }

    public void send(Frame frame) {
        if (!connection.send(frame)) {
            refusedByConnection();
        }
    }

    public void send(List<Frame> frames) {
        if (!connection.sendAll(frames)) {
            refusedByConnection();
        }
    }

    /**
     * A queue that overflowed ends the session now: the room hears of it at once, in its order after what it had
     * already accepted, rather than when the transport finally closes the connection after its grace period.
     */
    private void refusedByConnection() {
        if (connection.overflowed() && overflowReported.compareAndSet(false, true)) {
            closeReason = TOO_SLOW;
            server.rooms().post(new Rooms.Leave(this, TOO_SLOW, false));
        }
    }

    public void close() {
        connection.close();
    }

    public String address() {
        return connection.remoteAddress();
    }

    /** The address without the port: failed logins are counted per host, since ports change freely. */
    private String host() {
        return ConnectionLimits.host(connection.remoteAddress());
    }

    /** The line's length in UTF-8, without encoding it. */
    static long utf8Length(String line) {
        long length = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x800 && !Character.isSurrogate(c)) {
                length += 2;
            } else if (c >= 0x80) {
                // Two bytes for U+0080..U+07FF; a surrogate pair is four bytes for two chars.
                length += 1;
            }
        }
        return length;
    }

    /** The protocol version agreed at hello: 1 until then. */
    public int protocol() {
        return protocol;
    }

    // The room thread's side.

    public void enter(String accountName, boolean asGuest, Instant at, String token) {
        this.resumeToken = token;
        this.guest = asGuest;
        this.account = accountName;
        this.accountKey = Names.key(accountName);
        this.name = accountName;
        this.nameKey = accountKey;
        this.since = at;
        this.inRoom = true;
    }

    public void renamedTo(String newName) {
        this.name = newName;
        this.nameKey = Names.key(newName);
    }

    public void leave() {
        inRoom = false;
    }

    /** Whether this session was given that resume token at its login (and still has it). */
    public boolean holdsResumeToken(String token) {
        return token.equals(resumeToken);
    }

    /** The session's resume token, which from now on the caller alone deals with; {@code null} when none. */
    public String takeResumeToken() {
        String token = resumeToken;
        resumeToken = null;
        return token;
    }

    public boolean inRoom() {
        return inRoom;
    }

    public boolean isClosed() {
        return closed;
    }

    public String name() {
        return name;
    }

    public String account() {
        return account;
    }

    /** {@link #account()} folded as {@link Names#key} folds names. */
    public String accountKey() {
        return accountKey;
    }

    /** {@link #name()} folded as {@link Names#key} folds names: what member lists sort by. */
    public String nameKey() {
        return nameKey;
    }

    /** Guests have no account: {@link #account()} is the name they joined with. */
    public boolean guest() {
        return guest;
    }

    public Instant since() {
        return since;
    }
}
