package chatroom.transport.irc;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.Hello;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.MarkRead;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.Connection;
import chatroom.api.spi.ConnectionAcceptor;
import chatroom.api.spi.InboundHandler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/**
 * One IRC client, which the server sees as a protocol-2 client: its IRC lines become requests ({@link Requests}),
 * and what the server sends it becomes IRC lines ({@link Replies}). Registration (PASS, NICK, USER, or SASL PLAIN
 * after CAP) is a login; what the server says before the registration is complete waits for it.
 */
final class IrcClient {
    /** The server's name in numerics and notices. */
    static final String SERVER = "chatroom";
    /** The IRCv3 capabilities offered besides SASL. */
    static final String LABELED = "labeled-response";
    static final List<String> CAPABILITIES = List.of("account-tag", "batch", "cap-notify", ChatHistory.CAPABILITY,
            "echo-message", LABELED, "message-tags", "multi-prefix", "server-time");

    private final Connection irc;
    private final InboundHandler server;
    private final IrcState state = new IrcState();
    private final Requests requests;
    private final Replies replies;
    private final Object serverInput = new Object();
    /** The lines a labeled command is answered with, gathered to be labeled; null otherwise. */
    private List<String> capturing;
    private final Deque<List<ClientMessage>> followUps = new ArrayDeque<>();
    private boolean drainingFollowUps;

    IrcClient(Connection irc, ConnectionAcceptor acceptor) {
        this.irc = irc;
        this.replies = new Replies(state, this::sendIrc);
        this.server = acceptor.accept(new ServerSide());
        this.requests = new Requests(state, this::sendIrc);
        toServer(List.of(new Hello(Protocol.ROOMS_VERSION, "irc")));
    }

    /** What receives the IRC connection's lines. */
    InboundHandler inbound() {
        return new InboundHandler() {
            @Override
            public void onLine(String line) {
                IrcLine parsed = IrcLine.parse(line);
                if (parsed == null) {
                    return;
                }
                int tagBytes = parsed.tags() == null ? 0 : IrcLine.bytes(parsed.tags()) + 2;
                if (IrcLine.bytes(line) - tagBytes > IrcLine.MAX_BYTES - 2 || tagBytes > IrcLine.MAX_TAGS_BYTES) {
                    synchronized (state) {
                        sendIrc(List.of(numeric("417", "Input line was too long")));
                    }
                    return;
                }
                List<ClientMessage> out;
                synchronized (state) {
                    String label = state.has(LABELED) ? parsed.tag("label") : null;
                    state.label(label);
                    capturing = label == null ? null : new ArrayList<>();
                    try {
                        out = handle(parsed);
                    } catch (IllegalArgumentException e) {
                        sendIrc(List.of(numeric("461", parsed.command(), "Not enough parameters")));
                        out = List.of();
                    } finally {
                        List<String> answered = capturing;
                        capturing = null;
                        state.label(null);
                        if (label != null) {
                            sendIrc(labeled(label, answered, parsed));
                        }
                    }
                }
                // Outside the lock: the server may answer at once, through the same lock.
                toServer(out);
            }

            @Override
            public void onUnreadableLine(ProtocolException problem) {
                synchronized (state) {
                    sendIrc(List.of(IrcLine.of(SERVER, problem.code().wireName().equals("line_too_long")
                            ? "417" : "NOTICE", state.nickOrStar(), problem.getMessage())));
                }
            }

            @Override
            public void onClosed() {
                server.onClosed();
            }
        };
    }

    private List<ClientMessage> handle(IrcLine line) {
        return switch (line.command()) {
            case "CAP" -> capability(line);
            case "AUTHENTICATE" -> authenticate(line);
            case "PASS" -> {
                if (state.registered()) {
                    sendIrc(List.of(numeric("462", "You may not reregister")));
                } else if (line.param(0) != null) {
                    state.password(line.param(0));
                }
                yield List.of();
            }
            case "USER" -> {
                if (state.registered()) {
                    sendIrc(List.of(numeric("462", "You may not reregister")));
                    yield List.of();
                }
                if (line.params().size() < 4) {
                    sendIrc(List.of(numeric("461", "USER", "Not enough parameters")));
                    yield List.of();
                }
                state.user(line.param(0));
                yield registerWhenReady();
            }
            case "NICK" -> {
                if (line.param(0) == null || line.param(0).isEmpty()) {
                    sendIrc(List.of(numeric("431", "No nickname given")));
                    yield List.of();
                }
                if (state.registered()) {
                    yield requests.handle(line);
                }
                state.requestedNick(line.param(0));
                yield registerWhenReady();
            }
            case "PING" -> {
                sendIrc(List.of(IrcLine.of(SERVER, "PONG", SERVER, line.param(0) == null ? SERVER : line.param(0))));
                yield List.of();
            }
            case "PONG" -> List.of();
            case "QUIT" -> {
                if (!state.loggingIn() && !state.registered()) {
                    sendIrc(List.of(IrcLine.of(null, "ERROR", "Closing link: " + (line.param(0) == null ? "Quit"
                            : line.param(0)))));
                    yield quitNow();
                }
                // The server's goodbye closes the link, said as ERROR.
                // What was shown is read: the next login, here or on another device, counts from there.
                List<ClientMessage> last = new ArrayList<>();
                state.unreported().forEach((room, id) -> last.add(new MarkRead(room, null, id)));
                last.add(new Logout());
                yield last;
            }
            default -> {
                if (!state.registered()) {
                    sendIrc(List.of(numeric("451", "You have not registered")));
                    yield List.of();
                }
                yield requests.handle(line);
            }
        };
    }

    private List<ClientMessage> quitNow() {
        irc.close();
        return List.of();
    }

    /** CAP LS, REQ, LIST and END (IRCv3 capability negotiation, version 302). */
    private List<ClientMessage> capability(IrcLine line) {
        String sub = line.param(0) == null ? "" : line.param(0).toUpperCase(java.util.Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                state.negotiating(true);
                boolean v302 = "302".equals(line.param(1));
                sendIrc(List.of(IrcLine.of(SERVER, "CAP", state.nickOrStar(), "LS", String.join(" ", CAPABILITIES)
                        + (v302 ? " sasl=PLAIN" : " sasl"))));
            }
            case "LIST" -> sendIrc(List.of(IrcLine.of(SERVER, "CAP", state.nickOrStar(), "LIST",
                    String.join(" ", state.capabilities()))));
            case "REQ" -> {
                state.negotiating(true);
                String wanted = line.param(1) == null ? "" : line.param(1).trim();
                List<String> asked = List.of(wanted.split(" +"));
                boolean known = asked.stream().map(cap -> cap.startsWith("-") ? cap.substring(1) : cap)
                        .allMatch(cap -> cap.equals("sasl") || CAPABILITIES.contains(cap));
                if (known) {
                    asked.forEach(state::capability);
                }
                sendIrc(List.of(IrcLine.of(SERVER, "CAP", state.nickOrStar(), known ? "ACK" : "NAK", wanted)));
            }
            case "END" -> {
                state.negotiating(false);
                return registerWhenReady();
            }
            default -> sendIrc(List.of(numeric("410", line.param(0) == null ? "*" : line.param(0),
                    "Invalid CAP command")));
        }
        return List.of();
    }

    /** SASL PLAIN: the account and password, checked by logging in with them. */
    private List<ClientMessage> authenticate(IrcLine line) {
        String argument = line.param(0);
        if (state.registered() || state.loggingIn()) {
            sendIrc(List.of(numeric("907", "You have already authenticated")));
            return List.of();
        }
        if (argument == null) {
            sendIrc(List.of(numeric("461", "AUTHENTICATE", "Not enough parameters")));
            return List.of();
        }
        if (argument.equals("*")) {
            sendIrc(List.of(numeric("906", "SASL authentication aborted")));
            return List.of();
        }
        if (!state.saslStarted()) {
            if (!argument.equalsIgnoreCase("PLAIN")) {
                sendIrc(List.of(numeric("908", "PLAIN", "are available SASL mechanisms"),
                        numeric("904", "SASL authentication failed")));
                return List.of();
            }
            state.saslStarted(true);
            sendIrc(List.of(IrcLine.of(null, "AUTHENTICATE", "+")));
            return List.of();
        }
        state.saslStarted(false);
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(argument), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            sendIrc(List.of(numeric("904", "SASL authentication failed")));
            return List.of();
        }
        state.sasl(parts[1], parts[2]);
        return List.of(state.loginStarted(new Login(parts[1], parts[2])));
    }

    /**
     * Logs in once NICK and USER came and capability negotiation ended: with the password given by PASS (the nick
     * names the account), as a guest without one; after SASL the login happened already and the registration
     * completes now.
     */
    private List<ClientMessage> registerWhenReady() {
        if (state.registered() || state.negotiating() || state.requestedNick() == null || state.user() == null) {
            return List.of();
        }
        if (state.saslAccount() != null) {
            return state.loggedIn() != null ? replies.completeRegistration() : List.of();
        }
        if (state.loggingIn()) {
            return List.of();
        }
        Login login = state.password() == null ? Login.asGuest(state.requestedNick())
                : new Login(state.requestedNick(), state.password());
        return List.of(state.loginStarted(login));
    }

    private String numeric(String code, String... params) {
        return IrcLine.numeric(state.nickOrStar(), code, params);
    }

    /** The session reads one line at a time, in order: from the IRC connection and from follow-ups alike. */
    private void toServer(List<ClientMessage> messages) {
        synchronized (serverInput) {
            for (ClientMessage message : messages) {
                server.onLine(MessageCodec.toJson(message));
            }
        }
    }

    /**
     * A labeled command's answer ({@code labeled-response}): what the connection answered itself, labeled (one line)
     * or in a labeled batch; a message echoed or a history page carries its label itself; anything else is
     * acknowledged with ACK, its answers from the server coming later unlabeled.
     */
    private List<String> labeled(String label, List<String> answered, IrcLine command) {
        String tag = "label=" + label;
        if (answered.size() == 1) {
            return List.of(IrcLine.withTag(answered.getFirst(), tag));
        }
        if (answered.size() > 1) {
            String batch = state.nextBatch();
            List<String> lines = new ArrayList<>();
            lines.add(IrcLine.withTag(IrcLine.of(SERVER, "BATCH", "+" + batch, "labeled-response"), tag));
            answered.forEach(line -> lines.add(IrcLine.withTag(line, "batch=" + batch)));
            lines.add(IrcLine.of(SERVER, "BATCH", "-" + batch));
            return lines;
        }
        boolean carriesIt = command.command().equals("CHATHISTORY")
                || state.has(Replies.ECHO) && List.of("PRIVMSG", "NOTICE").contains(command.command());
        return carriesIt ? List.of() : List.of(IrcLine.withTag(IrcLine.of(SERVER, "ACK"), tag));
    }

    private void sendIrc(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (capturing != null) {
            capturing.addAll(lines);
            return;
        }
        List<String> ended = new ArrayList<>(lines.size());
        for (String line : lines) {
            ended.add(line + "\r");
        }
        irc.send(Frame.linesForOne(ended));
    }

    /** The connection as the server sees it: the frames it sends are read back and said in IRC. */
    private final class ServerSide implements Connection {
        @Override
        public String remoteAddress() {
            return irc.remoteAddress();
        }

        @Override
        public boolean send(Frame frame) {
            // A frame sent alone is the same object for every recipient: it is what they share.
            return translate(frame, List.of(frame));
        }

        @Override
        public boolean sendAll(List<Frame> frames) {
            return translate(frames, frames);
        }

        private boolean translate(Object handed, List<Frame> frames) {
            synchronized (state) {
                // Shared lines go out together, as the frames came: one queueing for a whole batch.
                List<Frame> together = new ArrayList<>();
                SharedLines reading = SharedLines.of(handed, frames);
                try {
                    List<ClientMessage> follow = new ArrayList<>();
                    List<Frame> whole = replies.sharedBatch(reading, frames.size(), follow);
                    if (whole != null) {
                        irc.sendAll(whole);
                        if (!follow.isEmpty()) {
                            toServerLater(follow);
                        }
                        return !irc.overflowed();
                    }
                } catch (ProtocolException e) {
                    // A frame that cannot be read: each is taken on its own below, that one skipped.
                }
                for (int index = 0; index < frames.size(); index++) {
                    List<ClientMessage> follow = new ArrayList<>();
                    try {
                        ServerMessage message = reading.message(index);
                        List<Frame> shared = message instanceof ChatMessage said
                                ? replies.sharedChat(reading, index, said, follow) : null;
                        if (shared != null) {
                            together.addAll(shared);
                        } else {
                            if (!together.isEmpty()) {
                                irc.sendAll(together);
                                together = new ArrayList<>();
                            }
                            follow = replies.handle(message);
                        }
                    } catch (ProtocolException e) {
                        continue;
                    }
                    if (!follow.isEmpty()) {
                        // Asked by the replies themselves (a channel's names after a join): sent in order.
                        toServerLater(follow);
                    }
                }
                if (!together.isEmpty()) {
                    irc.sendAll(together);
                }
            }
            return !irc.overflowed();
        }

        @Override
        public boolean overflowed() {
            return irc.overflowed();
        }

        @Override
        public void close() {
            irc.close();
        }
    }

    /**
     * Requests the replies ask for are sent, in order, by a thread of their own: the thread delivering to this
     * connection must not wait for the session's input.
     */
    private void toServerLater(List<ClientMessage> messages) {
        synchronized (followUps) {
            followUps.add(messages);
            if (drainingFollowUps) {
                return;
            }
            drainingFollowUps = true;
        }
        Thread.ofVirtual().name("irc-follow-up").start(this::drainFollowUps);
    }

    private void drainFollowUps() {
        while (true) {
            List<ClientMessage> next;
            synchronized (followUps) {
                next = followUps.poll();
                if (next == null) {
                    drainingFollowUps = false;
                    return;
                }
            }
            toServer(next);
        }
    }
}
