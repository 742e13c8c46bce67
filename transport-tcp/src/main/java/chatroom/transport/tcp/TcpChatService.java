package chatroom.transport.tcp;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.file.Downloads;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileShared;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.InviteMember;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.KickMember;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListRooms;
import chatroom.api.message.ListConversations;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Ping;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.ServerBan;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.rules.RoomNames;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.LoginException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's session with a chat server over TCP (or TLS), which outlives its connections. One reader thread decodes
 * the server's lines and hands them to the listener in order; when the connection drops, the same thread reconnects
 * with backoff, logs in again with the resume token the server gave, and continues with what was missed. One writer
 * thread sends requests, so callers (a UI thread) never block on the network. Every chat and private message carries
 * a client message id and waits in {@link Unsent} until the server acknowledges it, so a message said while
 * reconnecting is sent afterwards, and one that was on the wire when the connection broke is sent again without
 * being delivered twice.
 */
final class TcpChatService implements ChatService {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int ANSWER_TIMEOUT_SECONDS = 30;
    /** Server lines can be long (a member list of thousands); still bounded. */
    static final int MAX_SERVER_LINE = 8 * 1024 * 1024;
    /** Messages the user may say ahead of the server's acknowledgements, reconnecting included. */
    static final int MAX_UNSENT = 1000;
    /**
     * How often the client pings. A connection silent for three times as long is taken for dead (a network that
     * vanished without a reset never ends a blocked read) and closed, which starts a reconnect.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** The {@link ConnectOptions} setting that turns reconnecting off: {@code reconnect=off}. */
    static final String RECONNECT = "reconnect";
    private static final String CLIENT = "chatroom 0.1.0";
    private static final Object CONNECTION_ENDED = new Object();
    /** Goodbyes after which coming back is right: the server restarts, or dropped this client for being slow. */
    private static final Set<String> COME_BACK_AFTER = Set.of(Bye.SHUTDOWN, Bye.OVERLOADED);
    /** Refusals of a resume that may pass on a later attempt. */
    private static final Set<ErrorCode> TRY_AGAIN = Set.of(ErrorCode.SERVER_ERROR, ErrorCode.TOO_MANY_ATTEMPTS);

    private final ConnectOptions options;
    /** The server, or the nodes of one chat, to connect to: after a loss the next is tried first. */
    private final Servers servers;
    private final ChatListener listener;
    private final TcpFiles files;
    private final ClientTls tls;
    private final Backoff backoff;
    private final SecureRandom random = new SecureRandom();
    private final Object loginLock = new Object();
    // Guards which link requests go to, so that the resend after a reconnect comes before anything newer.
    private final Object sendLock = new Object();
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final Unsent unsent = new Unsent(MAX_UNSENT);
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("chat-writer").daemon().factory());
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-heartbeat").daemon().factory());
    private final Duration heartbeatEvery;
    private volatile long lastHeardNanos = System.nanoTime();
    // Why this side closed a connection it took for dead; null when the server or the network ended it.
    private volatile String silence;
    private volatile ServerLink link;
    private volatile ServerLink connecting;
    private volatile boolean started;
    private volatile boolean loggedIn;
    private volatile boolean online;
    private volatile boolean closing;
    private volatile Bye bye;
    private volatile String account;
    private volatile String name;
    private volatile String resumeToken;
    private volatile long lastSeenId;
    /** Protocol 2: the newest id seen in each room, by room key, for a resume to ask for what came after. */
    private final Map<String, Long> lastSeenIn = new ConcurrentHashMap<>();
    /** 2 (rooms) when the user interface asked for rooms, else 1. */
    private final int protocol;

    /**
     * @param tls     the TLS setup, or {@code null} for plain TCP
     * @param backoff when to reconnect, or {@code null} never to
     */
    TcpChatService(ConnectOptions options, ChatListener listener, ClientTls tls, Backoff backoff) {
        this(options, listener, tls, backoff, HEARTBEAT);
    }

    // Package access for tests
    TcpChatService(ConnectOptions options, ChatListener listener, ClientTls tls, Backoff backoff,
                   Duration heartbeatEvery) {
        this.options = options;
        this.servers = Servers.parse(options.host(), options.port());
        this.listener = listener;
        this.files = new TcpFiles(Downloads.from(options), listener, this::sendNow);
        this.tls = tls;
        this.backoff = backoff;
        this.heartbeatEvery = heartbeatEvery;
        this.protocol = options.setting(ConnectOptions.ROOMS).filter("true"::equals).isPresent()
                ? Protocol.ROOMS_VERSION : Protocol.VERSION;
    }

    @Override
    public LoggedIn login(String user, char[] password) throws LoginException, IOException {
        synchronized (loginLock) {
            if (loggedIn) {
                throw new IllegalStateException("Logged in already.");
            }
            if (!started) {
                connect();
            }
            if (ended.get()) {
                throw new IOException("The connection to the server is closed.");
            }
            send(link, new Login(user, new String(password)));
            Object answer = awaitAnswer();
            if (answer instanceof LoggedIn confirmed) {
                return confirmed;
            }
            if (answer instanceof ErrorReply error) {
                throw new LoginException(error.errorCode(), error.message());
            }
            throw new IOException(endedReason());
        }
    }

    private void connect() throws IOException {
        ServerLink first = ServerLink.open(servers, tls, CONNECT_TIMEOUT_MILLIS, MAX_SERVER_LINE);
        link = first;
        started = true;
        lastHeardNanos = System.nanoTime();
        Thread.ofPlatform().name("chat-reader").daemon().start(() -> run(first));
        heartbeat.scheduleWithFixedDelay(this::heartbeat, heartbeatEvery.toMillis(), heartbeatEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        send(first, new Hello(protocol, CLIENT));
        Object answer = awaitAnswer();
        if (answer instanceof ErrorReply error) {
            close();
            throw new IOException("The server refused the connection: " + error.message());
        }
        if (!(answer instanceof Welcome)) {
            Bye last = bye;
            throw new IOException(last != null ? last.reason() : "The server closed the connection before greeting"
                    + (tls == null ? " (does it expect TLS? then add --tls)." : "."));
        }
    }

    private Object awaitAnswer() throws IOException {
        try {
            Object answer = answers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                close();
                throw new IOException("The server did not answer within " + ANSWER_TIMEOUT_SECONDS + " s.");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the server.", e);
        }
    }

    private String endedReason() {
        Bye last = bye;
        return last != null ? last.reason() : "The server closed the connection.";
    }

    /** The reader thread: reads each connection to its end, and reconnects while that is the right thing to do. */
    private void run(ServerLink first) {
        String failure = null;
        try {
            tellAboutSecurity(first);
            ServerLink current = first;
            while (true) {
                failure = read(current);
                if (!shouldReconnect()) {
                    break;
                }
                current = reconnect(failure);
                if (current == null) {
                    return;
                }
            }
        } finally {
            answers.add(CONNECTION_ENDED);
            ended(failure);
            readerDone.countDown();
        }
    }

    private void tellAboutSecurity(ServerLink first) {
        if (first.security() == null) {
            listener.onNotice("This connection to " + server() + " is not encrypted: anyone on the way can read it,"
                    + " passwords included. Use --tls if the server offers it.");
            return;
        }
        tls.takeNotices().forEach(listener::onNotice);
        listener.onNotice("Encrypted with " + first.security() + switch (tls.verdict()) {
            case AUTHORITY -> "; the server's certificate is signed by an authority this client trusts.";
            case FIRST_USE -> "; the server's certificate is trusted from now on (first use).";
            case REMEMBERED -> "; the server's certificate is the one trusted on first use.";
        });
    }

    /** Reads one connection to its end; the failure, or {@code null} when the server closed it. */
    private String read(ServerLink current) {
        try {
            while (true) {
                String line;
                try {
                    line = current.readLine();
                } catch (ProtocolException e) {
                    continue; // one unreadable line from the server is skipped, not fatal
                } finally {
                    lastHeardNanos = System.nanoTime();
                }
                if (line == null) {
                    return null;
                }
                ServerMessage message;
                try {
                    message = MessageCodec.decodeServer(line);
                } catch (ProtocolException e) {
                    continue; // a newer server's message type this client does not know
                }
                dispatch(message);
            }
        } catch (IOException e) {
            return e.getMessage();
        } finally {
            synchronized (sendLock) {
                online = false;
            }
            current.close();
        }
    }

    private void dispatch(ServerMessage message) {
        if (message instanceof Pong) {
            return; // the heartbeat's; hearing it was the point
        }
        if (message instanceof Bye goodbye) {
            bye = goodbye;
            if (willComeBack(goodbye)) {
                return; // the reconnect tells the user, with this reason
            }
        }
        if (files.handle(message)) {
            return;
        }
        if (!loggedIn) {
            switch (message) {
                case Welcome w -> answers.add(w);
                case ErrorReply e when Login.TYPE.equals(e.ref()) || Hello.TYPE.equals(e.ref()) || e.ref() == null
                        -> answers.add(e);
                case LoggedIn l -> {
                    loggedIn(l);
                    answers.add(l);
                    listener.onMessage(l);
                }
                default -> listener.onMessage(message);
            }
            return;
        }
        switch (message) {
            case ChatMessage chat -> {
                acknowledge(chat.cid());
                if (seen(chat.room(), chat.id(), chat.history())) {
                    listener.onMessage(chat);
                }
            }
            case Announcement announcement -> {
                if (seen(announcement.room(), announcement.id(), announcement.history())) {
                    listener.onMessage(announcement);
                }
            }
            case PrivateMessage whisper -> {
                acknowledge(whisper.cid());
                listener.onMessage(whisper);
            }
            case ErrorReply error -> {
                acknowledge(error.cid());
                listener.onMessage(error);
            }
            case FileShared shared -> {
                if (seen(shared.room(), shared.id(), shared.history())) {
                    listener.onMessage(shared);
                }
            }
            case Renamed renamed -> {
                if (renamed.from().equals(name)) {
                    name = renamed.to();
                }
                listener.onMessage(renamed);
            }
            default -> listener.onMessage(message);
        }
    }

    private void loggedIn(LoggedIn confirmed) {
        account = confirmed.name();
        name = confirmed.name();
        resumeToken = confirmed.resume();
        synchronized (sendLock) {
            loggedIn = true;
            online = true;
        }
    }

    private void acknowledge(String cid) {
        if (cid != null) {
            unsent.acknowledge(cid);
        }
    }

    /**
     * Notes a room entry's id; false for a live one seen already, which comes again when the server acknowledges a
     * message resent after a reconnect. History pages (older entries the user asked for) always pass.
     */
    private boolean seen(String room, long id, boolean history) {
        if (room != null) {
            long last = lastSeenIn.getOrDefault(RoomNames.key(room), 0L);
            if (!history && id <= last) {
                return false;
            }
            lastSeenIn.merge(RoomNames.key(room), id, Math::max);
            return true;
        }
        if (!history && id <= lastSeenId) {
            return false;
        }
        lastSeenId = Math.max(lastSeenId, id);
        return true;
    }

    private boolean willComeBack(Bye goodbye) {
        return backoff != null && loggedIn && COME_BACK_AFTER.contains(goodbye.code()) && resumeToken != null;
    }

    private boolean shouldReconnect() {
        Bye last = bye;
        return backoff != null && loggedIn && !closing && !ended.get() && resumeToken != null
                && (last == null || COME_BACK_AFTER.contains(last.code()));
    }

    /**
     * Tries again and again with backoff, until logged in again (returns the new connection, whose missed messages
     * are next to read) or until there is no point (returns {@code null} after reporting the end).
     */
    private ServerLink reconnect(String failure) {
        Bye last = bye;
        String why = last != null ? last.reason() : silence != null ? silence : failure == null || failure.isBlank()
                || "Socket closed".equals(failure) ? "The server closed the connection." : "The connection failed: "
                + failure;
        bye = null;
        silence = null;
        files.connectionEnded(); // a transfer cannot resume on a new connection: it ends, and says so
        servers.lost();
        long deadline = System.nanoTime() + backoff.giveUpAfter().toNanos();
        for (int attempt = 1; ; attempt++) {
            if (System.nanoTime() > deadline) {
                giveUp("Gave up reconnecting after " + spoken(backoff.giveUpAfter()) + ": " + why, true);
                return null;
            }
            listener.onReconnecting(why, attempt);
            if (waitOrClose(backoff.delay(attempt, ThreadLocalRandom.current()))) {
                giveUp("Disconnected.", false);
                return null;
            }
            ServerLink next = null;
            try {
                next = ServerLink.open(servers, tls, CONNECT_TIMEOUT_MILLIS, MAX_SERVER_LINE);
                connecting = next;
                if (closing) {
                    next.close();
                    giveUp("Disconnected.", false);
                    return null;
                }
                LoggedIn confirmed = resume(next);
                return resumed(next, confirmed);
            } catch (UntrustedServerException e) {
                giveUp(e.getMessage(), true);
                return null;
            } catch (LoginException e) {
                if (next != null) {
                    next.close();
                }
                giveUp("Could not log in again: " + e.getMessage(), true);
                return null;
            } catch (IOException e) {
                if (next != null) {
                    next.close();
                }
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                connecting = null;
            }
        }
    }

    /** The handshake and the login with the resume token, read on this thread; missed messages follow it. */
    private LoggedIn resume(ServerLink next) throws IOException, LoginException {
        next.write(MessageCodec.encode(new Hello(protocol, CLIENT)));
        ServerMessage greeting = nextMessage(next);
        if (!(greeting instanceof Welcome)) {
            throw new IOException(greeting instanceof ErrorReply error ? "The server refused the connection: "
                    + error.message() : "The server did not greet.");
        }
        Login again = Login.resuming(account, resumeToken, lastSeenId);
        next.write(MessageCodec.encode(protocol == Protocol.VERSION ? again : again.seeing(Map.copyOf(lastSeenIn))));
        ServerMessage answer = nextMessage(next);
        if (answer instanceof LoggedIn confirmed) {
            return confirmed;
        }
        if (answer instanceof ErrorReply error && !TRY_AGAIN.contains(error.errorCode())) {
            throw new LoginException(error.errorCode(), error.message());
        }
        throw new IOException(answer instanceof ErrorReply error ? error.message()
                : answer instanceof Bye goodbye ? goodbye.reason() : "The server did not answer the login.");
    }

    /** The next message that answers the handshake or the login; {@code null} never: the end is an exception. */
    private static ServerMessage nextMessage(ServerLink next) throws IOException {
        while (true) {
            String line;
            try {
                line = next.readLine();
            } catch (ProtocolException e) {
                continue;
            }
            if (line == null) {
                throw new IOException("The server closed the connection.");
            }
            try {
                ServerMessage message = MessageCodec.decodeServer(line);
                if (message instanceof Welcome || message instanceof LoggedIn || message instanceof ErrorReply
                        || message instanceof Bye) {
                    return message;
                }
            } catch (ProtocolException e) {
                // Not for us; keep reading.
            }
        }
    }

    /** Pings an idle connection; closes one that has been silent too long, so that the reader reconnects. */
    private void heartbeat() {
        ServerLink current = link;
        if (!online || current == null) {
            return;
        }
        if (System.nanoTime() - lastHeardNanos > 3 * heartbeatEvery.toNanos()) {
            silence = "No answer from the server for " + spoken(heartbeatEvery.multipliedBy(3)) + ".";
            current.close();
            return;
        }
        synchronized (sendLock) {
            if (online && link == current) {
                send(current, new Ping());
            }
        }
    }

    /** Logged in again: tell the user, restore the display name, and send what is still unacknowledged, in order. */
    private ServerLink resumed(ServerLink next, LoggedIn confirmed) {
        String shownAs = name;
        resumeToken = confirmed.resume();
        name = confirmed.name();
        listener.onReconnected();
        listener.onMessage(confirmed);
        synchronized (sendLock) {
            link = next;
            lastHeardNanos = System.nanoTime();
            online = true;
            if (shownAs != null && !shownAs.equals(confirmed.name())) {
                send(next, new Nick(shownAs));
            }
            for (ClientMessage waiting : unsent.waiting()) {
                send(next, waiting);
            }
        }
        if (closing) {
            next.close();
        }
        return next;
    }

    /** Waits out a backoff delay; true when the session was closed meanwhile. */
    private boolean waitOrClose(Duration delay) {
        try {
            return closeRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS) || closing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void giveUp(String reason, boolean error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        finish(reason);
        listener.onDisconnected(reason, error);
    }

    private void ended(String failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Bye last = bye;
        String reason;
        boolean error;
        if (last != null) {
            reason = last.reason();
            error = !Bye.LOGOUT.equals(last.code());
        } else if (closing) {
            reason = "Disconnected.";
            error = false;
        } else if (silence != null) {
            reason = silence;
            error = true;
        } else {
            reason = failure == null || failure.isBlank() || "Socket closed".equals(failure)
                    ? "The server closed the connection." : "The connection failed: " + failure;
            error = true;
        }
        finish(reason);
        listener.onDisconnected(reason, error);
    }

    /** Ends the session for good: closes what is open and reports what was never sent. */
    private void finish(String reason) {
        synchronized (sendLock) {
            loggedIn = false;
            online = false;
        }
        closeLinks();
        writer.shutdownNow();
        heartbeat.shutdownNow();
        files.connectionEnded();
        for (ClientMessage message : unsent.takeAll()) {
            listener.onNotSent(message, "The connection ended before the server took it: " + reason);
        }
    }

    @Override
    public void say(String text) {
        String cid = newCid();
        chat(cid, new Say(text, cid));
    }

    @Override
    public void tell(String to, String text) {
        String cid = newCid();
        chat(cid, new Tell(to, text, cid));
    }

    /** Keeps the message until the server acknowledges it, and sends it now if connected. */
    private void chat(String cid, ClientMessage message) {
        if (!loggedIn) {
            listener.onMessage(new ErrorReply(ErrorCode.NOT_LOGGED_IN, "Log in first.", message.type()));
            return;
        }
        boolean kept;
        synchronized (sendLock) {
            kept = unsent.add(cid, message);
            if (kept && online) {
                send(link, message);
            }
        }
        if (!kept) {
            listener.onNotSent(message, MAX_UNSENT + " messages are waiting to be sent already.");
        }
    }

    /** 128 random bits: unique per account without coordination. */
    private String newCid() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    @Override
    public void rename(String newName) {
        request(new Nick(newName));
    }

    @Override
    public void who() {
        request(new Who());
    }

    @Override
    public boolean hasRooms() {
        return protocol == Protocol.ROOMS_VERSION;
    }

    @Override
    public void sayIn(String room, String text) {
        requireRooms();
        String cid = newCid();
        chat(cid, Say.inRoom(room, text, cid));
    }

    @Override
    public void join(String room) {
        requireRooms();
        request(new JoinRoom(room));
    }

    @Override
    public void part(String room, String reason) {
        requireRooms();
        request(new PartRoom(room, reason));
    }

    @Override
    public void listRooms(String filter, String after) {
        requireRooms();
        request(new ListRooms(filter, after, null));
    }

    @Override
    public void setTopic(String room, String text) {
        requireRooms();
        request(new SetTopic(room, text));
    }

    @Override
    public void whoIn(String room) {
        requireRooms();
        request(new Who(room));
    }

    @Override
    public void setRole(String room, String name, String role) {
        requireRooms();
        request(new SetRole(room, name, role));
    }

    @Override
    public void lockTopic(String room, boolean locked) {
        requireRooms();
        request(new ChangeSettings(room, locked));
    }

    @Override
    public void setInviteOnly(String room, boolean inviteOnly) {
        requireRooms();
        request(new ChangeSettings(room, null, inviteOnly));
    }

    @Override
    public void invite(String room, String name) {
        requireRooms();
        request(new InviteMember(room, name));
    }

    @Override
    public void kick(String room, String name, String reason) {
        requireRooms();
        request(new KickMember(room, name, reason));
    }

    @Override
    public void ban(String room, String name, boolean banned) {
        requireRooms();
        request(new BanMember(room, name, banned));
    }

    @Override
    public void deleteRoom(String room, String confirm) {
        requireRooms();
        request(new DeleteRoom(room, confirm));
    }

    @Override
    public void banFromServer(String name, boolean banned) {
        requireRooms();
        request(new ServerBan(name, banned));
    }

    @Override
    public void listBans(String room) {
        requireRooms();
        request(new ListBans(room));
    }

    @Override
    public void historyOf(String room, long beforeId, int limit) {
        requireRooms();
        request(new HistoryRequest(beforeId > 0 ? beforeId : null, limit, room));
    }

    @Override
    public void listConversations(Long before, int limit) {
        requireRooms();
        request(new ListConversations(before, limit));
    }

    @Override
    public void markRead(String room, String with, long id) {
        requireRooms();
        request(new MarkRead(room, with, id));
    }

    @Override
    public void privateHistory(String with, long beforeId, int limit) {
        requireRooms();
        request(new PrivateHistory(with, beforeId > 0 ? beforeId : null, limit));
    }

    private void requireRooms() {
        if (!hasRooms()) {
            throw new UnsupportedOperationException("This session has no rooms: connect with the rooms setting.");
        }
    }

    @Override
    public void history(long beforeId, int limit) {
        request(new HistoryRequest(beforeId > 0 ? beforeId : null, limit));
    }

    @Override
    public String sendFile(Path file, String to) throws IOException {
        if (!loggedIn) {
            throw new IOException("Log in first.");
        }
        return files.send(file, to, null);
    }

    @Override
    public String sendFileToRoom(Path file, String room) throws IOException {
        if (!hasRooms()) {
            throw new UnsupportedOperationException("This session has no rooms.");
        }
        if (!loggedIn) {
            throw new IOException("Log in first.");
        }
        return files.send(file, null, room);
    }

    @Override
    public void cancelTransfer(String id) {
        files.cancel(id);
    }

    private void request(ClientMessage message) {
        if (!loggedIn) {
            listener.onMessage(new ErrorReply(ErrorCode.NOT_LOGGED_IN, "Log in first.", message.type()));
            return;
        }
        synchronized (sendLock) {
            if (online) {
                send(link, message);
                return;
            }
        }
        listener.onMessage(new ErrorReply(ErrorCode.NOT_LOGGED_IN, "Not connected right now; try again once"
                + " reconnected.", message.type()));
    }

    /** File messages belong to the current connection: offline, there is nothing to send them on. */
    private void sendNow(ClientMessage message) {
        synchronized (sendLock) {
            if (online) {
                send(link, message);
            }
        }
    }

    /** Queues a message for the writer thread; a failed write closes the link, and the reader takes it from there. */
    private void send(ServerLink target, ClientMessage message) {
        Frame frame = MessageCodec.encode(message);
        try {
            writer.execute(() -> {
                try {
                    target.write(frame);
                } catch (IOException e) {
                    target.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // Ended meanwhile: the end was or will be reported.
        }
    }

    @Override
    public void logout() {
        if (!started || ended.get()) {
            close();
            return;
        }
        closing = true;
        boolean sent;
        synchronized (sendLock) {
            sent = online;
            if (sent) {
                send(link, new Logout());
            }
        }
        if (!sent) {
            close();
        }
        try {
            if (!readerDone.await(3, TimeUnit.SECONDS)) {
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    @Override
    public void close() {
        closing = true;
        closeRequested.countDown();
        closeLinks();
        if (!started) {
            ended(null);
        }
    }

    private void closeLinks() {
        ServerLink current = link;
        if (current != null) {
            current.close();
        }
        ServerLink next = connecting;
        if (next != null) {
            next.close();
        }
    }

    private static String spoken(Duration duration) {
        if (duration.toSeconds() >= 120) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() >= 1 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private String server() {
        return servers.current().shown();
    }

    // Package access for tests
    List<ClientMessage> unacknowledged() {
        return unsent.waiting();
    }
}
