package chatroom.transport.tcp;

import chatroom.api.codec.Frame;
import chatroom.api.codec.LineReader;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.file.Downloads;
import chatroom.api.message.Bye;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Nick;
import chatroom.api.message.Protocol;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.LoginException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's connection to a chat server over TCP. One reader thread decodes the server's lines and hands them to
 * the listener in order; one writer thread sends requests, so callers (a UI thread) never block on the network.
 */
final class TcpChatService implements ChatService {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int ANSWER_TIMEOUT_SECONDS = 30;
    /** Server lines can be long (a member list of thousands); still bounded. */
    static final int MAX_SERVER_LINE = 8 * 1024 * 1024;
    private static final Object CONNECTION_ENDED = new Object();

    private final ConnectOptions options;
    private final ChatListener listener;
    private final TcpFiles files;
    private final Object loginLock = new Object();
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private ExecutorService writer;
    private Socket socket;
    private OutputStream out;
    private volatile boolean loggedIn;
    private volatile boolean closing;
    private volatile Bye bye;

    TcpChatService(ConnectOptions options, ChatListener listener) {
        this.options = options;
        this.listener = listener;
        this.files = new TcpFiles(Downloads.from(options), listener, this::write);
    }

    @Override
    public LoggedIn login(String name, char[] password) throws LoginException, IOException {
        synchronized (loginLock) {
            if (loggedIn) {
                throw new IllegalStateException("Logged in already.");
            }
            if (socket == null) {
                connect();
            }
            if (disconnected.get()) {
                throw new IOException("The connection to the server is closed.");
            }
            write(new Login(name, new String(password)));
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
        Socket connecting = new Socket();
        try {
            connecting.connect(new InetSocketAddress(options.host(), options.port()), CONNECT_TIMEOUT_MILLIS);
            connecting.setTcpNoDelay(true);
        } catch (IOException e) {
            connecting.close();
            throw e;
        }
        socket = connecting;
        out = new BufferedOutputStream(socket.getOutputStream());
        writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("chat-writer").daemon().factory());
        Thread.ofPlatform().name("chat-reader").daemon().start(this::readLoop);
        write(new Hello(Protocol.VERSION, "chatroom 0.1.0"));
        Object answer = awaitAnswer();
        if (answer instanceof ErrorReply error) {
            close();
            throw new IOException("The server refused the connection: " + error.message());
        }
        if (!(answer instanceof Welcome)) {
            throw new IOException(endedReason());
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

    private void readLoop() {
        String failure = null;
        try {
            LineReader lines = new LineReader(socket.getInputStream(), MAX_SERVER_LINE);
            while (true) {
                String line;
                try {
                    line = lines.readLine();
                } catch (ProtocolException e) {
                    continue; // one unreadable line from the server is skipped, not fatal
                }
                if (line == null) {
                    break;
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
            failure = e.getMessage();
        } finally {
            answers.add(CONNECTION_ENDED);
            readerDone.countDown();
            ended(failure);
        }
    }

    private void dispatch(ServerMessage message) {
        if (message instanceof Bye goodbye) {
            bye = goodbye;
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
                    loggedIn = true;
                    answers.add(l);
                    listener.onMessage(l);
                }
                default -> listener.onMessage(message);
            }
            return;
        }
        listener.onMessage(message);
    }

    private void ended(String failure) {
        if (!disconnected.compareAndSet(false, true)) {
            return;
        }
        loggedIn = false;
        closeSocket();
        if (writer != null) {
            writer.shutdownNow();
        }
        files.connectionEnded();
        Bye last = bye;
        if (last != null) {
            listener.onDisconnected(last.reason(), !Bye.LOGOUT.equals(last.code()));
        } else if (closing) {
            listener.onDisconnected("Disconnected.", false);
        } else {
            listener.onDisconnected(failure == null || failure.isBlank() || "Socket closed".equals(failure)
                    ? "The server closed the connection." : "The connection failed: " + failure, true);
        }
    }

    @Override
    public void say(String text) {
        request(new Say(text));
    }

    @Override
    public void tell(String to, String text) {
        request(new Tell(to, text));
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
    public void history(long beforeId, int limit) {
        request(new HistoryRequest(beforeId > 0 ? beforeId : null, limit));
    }

    @Override
    public String sendFile(Path file, String to) throws IOException {
        if (!loggedIn) {
            throw new IOException("Log in first.");
        }
        return files.send(file, to);
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
        write(message);
    }

    private void write(ClientMessage message) {
        Frame frame = MessageCodec.encode(message);
        if (disconnected.get() || writer == null || writer.isShutdown()) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    var buffer = frame.buffer();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    closeSocket(); // the reader then reports the failure, once
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile: the disconnect was or will be reported.
        }
    }

    @Override
    public void logout() {
        if (socket == null || disconnected.get()) {
            close();
            return;
        }
        closing = true;
        write(new Logout());
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
        closeSocket();
        if (socket == null) {
            ended(null);
        }
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }
}
