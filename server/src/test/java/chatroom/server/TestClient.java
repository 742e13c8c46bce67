package chatroom.server;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Bye;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Members;
import chatroom.api.message.Presence;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.spi.InboundHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One client on a {@link StubConnection}: writes lines to the server's handler on a reader thread of its own, as a
 * transport does (one call at a time, {@code onClosed} last), and reads back what the server sent.
 */
public final class TestClient {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StubConnection connection;
    private final InboundHandler handler;
    private final ExecutorService reader;

    public TestClient(StubConnection connection, InboundHandler handler) {
        this.connection = connection;
        this.handler = handler;
        this.reader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("reader " + connection.remoteAddress()).daemon().factory());
        connection.whenClosed(() -> {
            reader.execute(handler::onClosed);
            reader.shutdown();
        });
    }

    public String address() {
        return connection.remoteAddress();
    }

    /** Sends a message and returns once the server has read it. */
    public void send(ClientMessage message) {
        sendRaw(MessageCodec.toJson(message));
    }

    /** Sends a line as it is, and returns once the server has read it. */
    public void sendRaw(String line) {
        read(() -> handler.onLine(line));
    }

    /** What a transport reports for a line it could not read. */
    public void sendUnreadable(ProtocolException problem) {
        read(() -> handler.onUnreadableLine(problem));
    }

    private void read(Runnable call) {
        if (connection.isClosed()) {
            fail("The connection from " + address() + " is closed; the client cannot send.");
        }
        Future<?> done;
        try {
            done = reader.submit(call);
        } catch (RejectedExecutionException e) {
            throw new AssertionError("The connection from " + address() + " is closed; the client cannot send.", e);
        }
        try {
            done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("The server failed on input from " + address(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("The server did not finish reading a line from " + address() + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The client stops reading: the next frame for it overflows its queue, and the connection stays open. */
    public void stopReading() {
        connection.stall();
    }

    /** The connection drops from the client's side: the server learns it through {@code onClosed}. */
    public void drop() {
        connection.close();
    }

    /** The handshake; returns the server's welcome. */
    public Welcome hello() {
        return hello(Protocol.VERSION);
    }

    /** The handshake in this protocol version; returns the server's welcome. */
    public Welcome hello(int protocol) {
        send(new Hello(protocol, "test client"));
        return await(Welcome.class);
    }

    /**
     * Handshake and login, through to this client's own join notice (so the history replay was read too).
     *
     * @return the login confirmation
     */
    public LoggedIn enter(String name, String password) {
        hello();
        return login(name, password);
    }

    /** Login after the handshake, through to this client's own join notice. */
    public LoggedIn login(String name, String password) {
        return login(new Login(name, password));
    }

    /** Any login after the handshake, through to this client's own join notice. */
    public LoggedIn login(Login login) {
        send(login);
        ServerMessage answer = await(ServerMessage.class, m -> m instanceof LoggedIn || m instanceof ErrorReply);
        if (!(answer instanceof LoggedIn loggedIn)) {
            throw new AssertionError("Login as " + login.name() + " was refused: " + answer);
        }
        await(HistoryEnd.class);
        await(Joined.class, joined -> joined.name().equals(loggedIn.name()));
        return loggedIn;
    }

    /**
     * A protocol-2 login after the handshake, through each of its rooms' replay and this client's own arrival in
     * each of them.
     */
    public LoggedIn login2(Login login) {
        send(login);
        ServerMessage answer = await(ServerMessage.class, m -> m instanceof LoggedIn || m instanceof ErrorReply);
        if (!(answer instanceof LoggedIn loggedIn)) {
            throw new AssertionError("Login as " + login.name() + " was refused: " + answer);
        }
        for (int i = 0; i < loggedIn.rooms().size(); i++) {
            await(HistoryEnd.class);
        }
        for (int i = 0; i < loggedIn.rooms().size(); i++) {
            await(Presence.class, presence -> presence.name().equals(loggedIn.name()));
        }
        return loggedIn;
    }

    /** Logs out and waits until the server said goodbye and closed the connection. */
    public void logout() {
        send(new Logout());
        assertEquals(new Bye(Bye.LOGOUT, "Goodbye."), await(Bye.class));
        awaitClosed();
    }

    /** The next message, whatever it is. */
    /** A login's answer without its resume token, which is random; any other message as it is. */
    public static ServerMessage withoutToken(ServerMessage message) {
        return message instanceof LoggedIn loggedIn
                ? new LoggedIn(loggedIn.name(), loggedIn.online(), null, loggedIn.rooms()) : message;
    }

    public ServerMessage next() {
        return await(ServerMessage.class);
    }

    public <T extends ServerMessage> T await(Class<T> type) {
        return await(type, any -> true);
    }

    /** Waits for a message of this type that matches, skipping others; fails with what it saw instead. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match) {
        List<ServerMessage> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage message = left > 0 ? poll(Duration.ofNanos(left)) : null;
            if (message == null) {
                throw new AssertionError("No " + type.getSimpleName() + " as expected for " + address()
                        + " within " + TIMEOUT.toSeconds() + " s; received instead: " + skipped
                        + (connection.isClosed() ? " (connection closed)" : ""));
            }
            if (type.isInstance(message) && match.test(type.cast(message))) {
                return type.cast(message);
            }
            skipped.add(message);
        }
    }

    /** Waits for an error and checks it completely. */
    public ErrorReply awaitError(ErrorCode code, String message, String ref) {
        ErrorReply error = await(ErrorReply.class);
        assertEquals(new ErrorReply(code, message, ref), error);
        return error;
    }

    /**
     * Everything this client received before the answer to a {@code who}, which it waits for: the room answers in
     * its own order, so this is everything the room sent this client until now.
     */
    public List<ServerMessage> receivedUntilNow() {
        return receivedUntilNow(null);
    }

    /** As {@link #receivedUntilNow()} for a protocol-2 client, which asks who is in one of its rooms. */
    public List<ServerMessage> receivedUntilNow(String room) {
        send(new Who(room));
        List<ServerMessage> before = new ArrayList<>();
        while (true) {
            ServerMessage message = next();
            if (message instanceof Members) {
                return before;
            }
            before.add(message);
        }
    }

    /** Messages already sent to this client, without waiting: the session's direct replies to what was read. */
    public List<ServerMessage> receivedSoFar() {
        List<ServerMessage> messages = new ArrayList<>();
        Frame frame;
        while ((frame = connection.poll()) != null) {
            messages.add(decode(frame));
        }
        return messages;
    }

    /** Waits until the connection is closed and the server has been told so ({@code onClosed} returned). */
    public void awaitClosed() {
        try {
            if (!connection.awaitClosed(TIMEOUT) || !reader.awaitTermination(TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                fail("The connection from " + address() + " was not closed within " + TIMEOUT.toSeconds() + " s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean isClosed() {
        return connection.isClosed();
    }

    private ServerMessage poll(Duration timeout) {
        try {
            Frame frame = connection.poll(timeout);
            return frame == null ? null : decode(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ServerMessage decode(Frame frame) {
        try {
            return MessageCodec.decodeServer(frame.toString());
        } catch (ProtocolException e) {
            throw new AssertionError("The server sent a line its clients cannot read: " + frame, e);
        }
    }
}
