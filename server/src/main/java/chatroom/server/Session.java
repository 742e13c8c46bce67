package chatroom.server;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
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
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Nick;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.Protocol;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.spi.Connection;
import chatroom.api.spi.InboundHandler;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection's conversation with the server: the handshake, login, and checks on everything the client sends
 * before it reaches the {@link Room}. Input arrives on the connection's reader thread; the room thread sets the
 * in-room state.
 */
final class Session implements InboundHandler {
    /** Consecutive messages refused for flooding after which the connection is closed. */
    static final int FLOOD_DISCONNECT = 100;
    private static final int ENTER_TIMEOUT_SECONDS = 10;

    private final Connection connection;
    private final ServerContext server;
    private final TokenBucket bucket;
    private boolean helloDone;
    private int refusedInARow;

    // Written by the room thread, read by the reader thread.
    private volatile boolean inRoom;
    private volatile boolean closed;
    private volatile String name;
    private volatile String account;
    private volatile Instant since;
    private volatile boolean guest;

    Session(Connection connection, ServerContext server) {
        this.connection = connection;
        this.server = server;
        this.bucket = new TokenBucket(server.config().messagesPerSecond(), server.config().burst(), System.nanoTime());
    }

    @Override
    public void onLine(String line) {
        ClientMessage message;
        try {
            message = MessageCodec.decodeClient(line);
        } catch (ProtocolException e) {
            send(e.toReply());
            return;
        }
        if (!helloDone) {
            handshake(message);
            return;
        }
        switch (message) {
            case Hello h -> refuse(ErrorCode.BAD_MESSAGE, "The handshake is done already.", Hello.TYPE);
            case Login l -> login(l);
            case Say s -> text(s.text(), Say.TYPE).ifPresent(text -> server.room().post(new Room.Say(this, text)));
            case Tell t -> text(t.text(), Tell.TYPE)
                    .ifPresent(text -> server.room().post(new Room.Tell(this, t.to(), text)));
            case Nick n -> rename(n.name());
            case Who w -> {
                if (allowedByRate(Who.TYPE)) {
                    server.room().post(new Room.Who(this));
                }
            }
            case HistoryRequest h -> {
                if (allowedByRate(HistoryRequest.TYPE)) {
                    history(h);
                }
            }
            case Ping p -> send(new Pong());
            case Logout l -> server.room().post(new Room.Leave(this, "logged out", true));
            case FileOffer o -> {
                if (inRoomFor(FileOffer.TYPE) && allowedByRate(FileOffer.TYPE)) {
                    server.files().offer(this, o);
                }
            }
            // Chunks and what follows are paced by the relay's windows, not by the chat's rate limit.
            case FileChunk c -> {
                if (inRoomFor(FileChunk.TYPE)) {
                    server.files().chunk(this, c);
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
        }
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
        } else if (hello.protocol() != Protocol.VERSION) {
            refuse(ErrorCode.UNSUPPORTED_PROTOCOL, "This server speaks protocol " + Protocol.VERSION
                    + "; the client speaks " + hello.protocol() + ".", Hello.TYPE);
            send(new Bye(Bye.PROTOCOL, "Unsupported protocol version."));
            connection.close();
        } else {
            helloDone = true;
            send(new Welcome(Protocol.VERSION, server.version(), server.config().limits(),
                    server.config().maxFileSize() > 0 ? List.of(Protocol.FEATURE_FILES) : List.of()));
        }
    }

    private void login(Login login) {
        if (inRoom) {
            refuse(ErrorCode.ALREADY_LOGGED_IN, "You are logged in already.", Login.TYPE);
            return;
        }
        String requested = Names.canonical(login.name());
        Optional<Names.Refusal> nameProblem = server.names().check(requested);
        if (nameProblem.isPresent()) {
            refuse(nameProblem.get().code(), nameProblem.get().message(), Login.TYPE);
            return;
        }
        if (login.isGuest()) {
            guestLogin(requested);
            return;
        }
        char[] password = login.password().toCharArray();
        Optional<String> passwordProblem = Accounts.passwordProblem(password);
        if (passwordProblem.isPresent()) {
            refuse(ErrorCode.INVALID_PASSWORD, passwordProblem.get(), Login.TYPE);
            return;
        }
        String key = Names.key(requested);
        if (server.accounts().registeredName(requested).isEmpty() && server.room().isOnline(requested)) {
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
                enterRoom(result.account(), false);
            }
        }
    }

    private void guestLogin(String requested) {
        if (!server.config().allowGuests()) {
            refuse(ErrorCode.GUESTS_NOT_ALLOWED, "This server admits only accounts; log in with a password.",
                    Login.TYPE);
        } else if (server.accounts().registeredName(requested).isPresent()) {
            refuse(ErrorCode.NAME_TAKEN, "The name '" + requested + "' belongs to an account; log in with its"
                    + " password or pick another name.", Login.TYPE);
        } else {
            enterRoom(requested, true);
        }
    }

    /** Asks the room to admit this session and waits for its answer, so no later request races the login. */
    private void enterRoom(String accountName, boolean asGuest) {
        CompletableFuture<Boolean> admitted = new CompletableFuture<>();
        server.room().post(new Room.Enter(this, accountName, asGuest, admitted));
        try {
            admitted.get(ENTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            server.log().info("login of " + accountName + " got no answer from the room: " + e);
        }
    }

    private void rename(String requested) {
        String canonical = Names.canonical(requested);
        Optional<Names.Refusal> problem = server.names().check(canonical);
        if (problem.isPresent()) {
            refuse(problem.get().code(), problem.get().message(), Nick.TYPE);
            return;
        }
        if (!inRoom) {
            refuse(ErrorCode.NOT_LOGGED_IN, "Log in first.", Nick.TYPE);
            return;
        }
        Optional<String> owner = server.accounts().registeredName(canonical);
        if (owner.isPresent() && !Names.key(owner.get()).equals(Names.key(account))) {
            refuse(ErrorCode.NAME_TAKEN, "The name '" + canonical + "' belongs to another account.", Nick.TYPE);
            return;
        }
        if (allowedByRate(Nick.TYPE)) {
            server.room().post(new Room.Rename(this, canonical));
        }
    }

    private void history(HistoryRequest request) {
        if (!inRoom) {
            refuse(ErrorCode.NOT_LOGGED_IN, "Log in first.", HistoryRequest.TYPE);
            return;
        }
        int max = server.config().historyPageMax();
        int limit = request.limit() == null ? Math.min(50, max) : Math.max(1, Math.min(request.limit(), max));
        long before = request.before() == null || request.before() <= 0 ? Long.MAX_VALUE : request.before();
        try {
            List<ServerMessage> page = server.history().before(before, limit);
            for (ServerMessage entry : page) {
                send(entry);
            }
            boolean more = !page.isEmpty() && server.history().hasBefore(firstId(page));
            send(new HistoryEnd(page.size(), more));
        } catch (SQLException | RuntimeException e) {
            server.log().info("history read failed for " + name + ": " + e.getMessage());
            refuse(ErrorCode.SERVER_ERROR, "The history could not be read; try again.", HistoryRequest.TYPE);
        }
    }

    private static long firstId(List<ServerMessage> page) {
        return switch (page.getFirst()) {
            case ChatMessage m -> m.id();
            case Announcement a -> a.id();
            case FileShared f -> f.id();
            default -> Long.MAX_VALUE;
        };
    }

    /** The text to post, cleaned, or empty after telling the client what is wrong with it. */
    private Optional<String> text(String raw, String request) {
        if (!inRoom) {
            refuse(ErrorCode.NOT_LOGGED_IN, "Log in first.", request);
            return Optional.empty();
        }
        String text = Texts.clean(raw);
        if (text.isBlank()) {
            refuse(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.", request);
            return Optional.empty();
        }
        // Characters as people count them (and as names are counted): an emoji is one, not two UTF-16 units.
        if (text.codePointCount(0, text.length()) > server.config().maxTextLength()) {
            refuse(ErrorCode.TEXT_TOO_LONG, "A message has at most " + server.config().maxTextLength()
                    + " characters.", request);
            return Optional.empty();
        }
        return allowedByRate(request) ? Optional.of(text) : Optional.empty();
    }

    private boolean allowedByRate(String request) {
        if (bucket.tryTake(System.nanoTime())) {
            refusedInARow = 0;
            return true;
        }
        if (++refusedInARow >= FLOOD_DISCONNECT) {
            server.log().info("flood from " + address() + (name == null ? "" : " (" + name + ")") + ": disconnected");
            send(new Bye(Bye.OVERLOADED, "Disconnected for flooding."));
            connection.close();
        } else {
            refuse(ErrorCode.SLOW_DOWN, "Slow down: at most " + server.config().messagesPerSecond()
                    + " messages a second.", request);
        }
        return false;
    }

    private void refuse(ErrorCode code, String message, String request) {
        send(new ErrorReply(code, message, request));
    }

    @Override
    public void onUnreadableLine(ProtocolException problem) {
        send(problem.toReply());
    }

    @Override
    public void onClosed() {
        closed = true;
        server.closed(this);
        server.files().closed(this);
        server.log().info("disconnect " + address() + (name == null ? "" : " (" + name + ")"));
        server.room().post(new Room.Leave(this, "connection lost", false));
    }

    void send(ServerMessage message) {
        send(MessageCodec.encode(message));
    }

    void send(Frame frame) {
        connection.send(frame);
    }

    void send(List<Frame> frames) {
        connection.sendAll(frames);
    }

    void close() {
        connection.close();
    }

    String address() {
        return connection.remoteAddress();
    }

    /** The address without the port: failed logins are counted per host, since ports change freely. */
    private String host() {
        String address = connection.remoteAddress();
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    // The room thread's side.

    void enter(String accountName, boolean asGuest, Instant at) {
        this.guest = asGuest;
        this.account = accountName;
        this.name = accountName;
        this.since = at;
        this.inRoom = true;
    }

    void renamedTo(String newName) {
        this.name = newName;
    }

    void leave() {
        inRoom = false;
    }

    boolean inRoom() {
        return inRoom;
    }

    boolean isClosed() {
        return closed;
    }

    String name() {
        return name;
    }

    String account() {
        return account;
    }

    /** Guests have no account: {@link #account()} is the name they joined with. */
    boolean guest() {
        return guest;
    }

    Instant since() {
        return since;
    }
}
