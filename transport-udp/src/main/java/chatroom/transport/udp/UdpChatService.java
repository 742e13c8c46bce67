package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.InviteMember;
import chatroom.api.message.KickMember;
import chatroom.api.message.ListBans;
import chatroom.api.rules.RoomNames;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.ServerBan;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.rules.Refusal;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A {@link ChatService} over the UDP peer group: binds the socket and joins at login, passes requests to the
 * {@link Peer} and its events to the listener. There is no server; the group is whoever links with whom.
 */
final class UdpChatService implements ChatService {
    static final String PLAINTEXT_NOTICE = "This UDP chat is not encrypted: anyone on the network can read it."
            + " Use --secret FILE to encrypt.";
    static final String LEFT = "You left the group.";
    static final String CLOSED = "You closed the connection.";
    /** A passphrase file larger than this is not a passphrase file. */
    static final int MAX_SECRET_BYTES = 4096;

    private final PeerOptions options;
    private final PeerConfig config;
    private final EventDelivery events;
    private final DropCounters drops = new DropCounters();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock = () -> System.nanoTime() / 1_000_000;
    /** Guards the peer; see {@link Endpoint}. */
    private final Object lock = new Object();
    private final Object loginLock = new Object();
    private final Peer peer;
    private volatile Endpoint endpoint;
    private volatile boolean ended;
    private boolean toldPlaintext;
    private final boolean rooms;

    UdpChatService(PeerOptions options, PeerConfig config, ChatListener listener, Downloads downloads) {
        this.options = options;
        this.config = config;
        this.events = new EventDelivery(listener);
        this.peer = new Peer(config, new Peer.Output() {
            @Override
            public void send(InetSocketAddress to, byte[] packet) {
                Endpoint current = endpoint;
                if (current != null) {
                    current.send(to, packet);
                }
            }

            @Override
            public void deliver(ServerMessage event) {
                UdpChatService.this.deliver(event);
            }

            @Override
            public void transfer(FileTransfer transfer) {
                events.transfer(transfer);
            }
        }, drops, random, InstantSource.system());
        peer.receiveFilesIn(downloads);
        this.rooms = options.rooms();
        if (rooms) {
            peer.speakRooms();
        }
    }

    /** Rooms over UDP, for a client that asks for them (the terminal does): peers that say they are in them. */
    @Override
    public boolean hasRooms() {
        return rooms;
    }

    @Override
    public void sayIn(String room, String text) {
        request(now -> peer.sayIn(room, text, now));
    }

    @Override
    public void join(String room) {
        request(now -> peer.join(room, now));
    }

    @Override
    public void part(String room, String reason) {
        request(now -> peer.part(room, now));
    }

    @Override
    public void listRooms(String filter, String after) {
        request(now -> peer.listRooms(filter));
    }

    @Override
    public void whoIn(String room) {
        request(now -> peer.whoIn(room));
    }

    @Override
    public void setTopic(String room, String text) {
        request(now -> peer.refuseWithoutServer(SetTopic.TYPE));
    }

    @Override
    public void setRole(String room, String name, String role) {
        request(now -> peer.refuseWithoutServer(SetRole.TYPE));
    }

    @Override
    public void lockTopic(String room, boolean locked) {
        request(now -> peer.refuseWithoutServer(ChangeSettings.TYPE));
    }

    @Override
    public void setInviteOnly(String room, boolean inviteOnly) {
        request(now -> peer.refuseWithoutServer(ChangeSettings.TYPE));
    }

    @Override
    public void invite(String room, String name) {
        request(now -> peer.refuseWithoutServer(InviteMember.TYPE));
    }

    @Override
    public void kick(String room, String name, String reason) {
        request(now -> peer.refuseWithoutServer(KickMember.TYPE));
    }

    @Override
    public void ban(String room, String name, boolean banned) {
        request(now -> peer.refuseWithoutServer(BanMember.TYPE));
    }

    @Override
    public void deleteRoom(String room, String confirm) {
        request(now -> peer.refuseWithoutServer(DeleteRoom.TYPE));
    }

    @Override
    public void banFromServer(String name, boolean banned) {
        request(now -> peer.refuseWithoutServer(ServerBan.TYPE));
    }

    @Override
    public void listBans(String room) {
        request(now -> peer.refuseWithoutServer(ListBans.TYPE));
    }

    /** A group keeps no history: every room's is empty. */
    @Override
    public void historyOf(String room, long beforeId, int limit) {
        request(now -> peer.historyOf(room));
    }

    @Override
    public void privateHistory(String with, long beforeId, int limit) {
        request(now -> peer.privateHistoryOf(with));
    }

    @Override
    public LoggedIn login(String name, char[] password) throws LoginException, IOException {
        synchronized (loginLock) {
            if (ended) {
                throw new IOException("This chat session has ended; start a new one.");
            }
            Optional<Refusal> problem = Wire.NAMES.check(name);
            if (problem.isPresent()) {
                throw new LoginException(problem.get().code(), problem.get().message());
            }
            synchronized (lock) {
                if (peer.phase() == Peer.Phase.ONLINE) {
                    throw new LoginException(ErrorCode.ALREADY_LOGGED_IN,
                            "You are logged in already as '" + peer.name() + "'.");
                }
            }
            List<InetSocketAddress> peers = new ArrayList<>();
            for (PeerAddress address : options.peers()) {
                peers.add(address.resolve());
            }
            Endpoint current = endpoint();
            boolean knewSalt = current.key() != null || peers.isEmpty();
            if (options.secret().isPresent() && current.key() == null) {
                current.useKey(groupKey(options.secret().get(), peers, current));
            }
            return join(name, peers, current, knewSalt);
        }
    }

    private LoggedIn join(String name, List<InetSocketAddress> peers, Endpoint current, boolean knewSalt)
            throws LoginException, IOException {
        List<ServerMessage> onJoined = new ArrayList<>();
        if (options.secret().isEmpty() && !toldPlaintext) {
            onJoined.add(new Announcement(0, System.currentTimeMillis(), PLAINTEXT_NOTICE, false));
        }
        // As a server does after login: no history here (for each room, when the client speaks rooms).
        onJoined.add(new HistoryEnd(0, false, rooms ? RoomNames.DEFAULT_ROOM : null));
        synchronized (lock) {
            long now = clock.getAsLong();
            peer.join(name, peers, onJoined, now);
            // The peer's own deadline ends the join; the margin covers a tick that comes late.
            long deadline = now + config.joinTimeoutMillis() + 10 * config.tickMillis();
            try {
                while (peer.phase() == Peer.Phase.JOINING && !ended) {
                    Optional<InetSocketAddress> encryptedGroup = current.encryptedGroupAt();
                    now = clock.getAsLong();
                    if (encryptedGroup.isPresent()) {
                        peer.abandonJoin("The group at " + PeerAddress.format(encryptedGroup.get()) + " is encrypted. Start with"
                                + " --secret FILE, the file holding the group's passphrase.", now);
                    } else if (now >= deadline) {
                        peer.abandonJoin("No peer answered in time.", now);
                    } else {
                        lock.wait(deadline - now);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                peer.abandonJoin("Interrupted.", clock.getAsLong());
                throw new InterruptedIOException("Interrupted while joining the group.");
            }
            if (ended) {
                throw new IOException("The chat session ended while joining the group.");
            }
            if (peer.phase() == Peer.Phase.ONLINE) {
                toldPlaintext = true;
                return peer.loggedIn();
            }
            if (peer.refusal().isPresent()) {
                throw peer.refusal().get();
            }
            if (!knewSalt) {
                current.useKey(null); // most likely a wrong passphrase: the next login reads the file again
            }
            String failure = peer.failure().orElse("The join failed.");
            if (failure.startsWith("No peer answered")) {
                failure += options.secret().isPresent() && !knewSalt
                        ? " A peer there told us the group's salt but did not accept our hello: most likely your"
                          + " secret differs from the group's."
                        : " Check that a member of the group runs there, or leave out --peer to start a new group.";
            }
            throw new IOException(failure);
        }
    }

    /** Binds the socket on the first login; later logins (after a refusal) reuse it. */
    private Endpoint endpoint() throws IOException {
        Endpoint current = endpoint;
        if (current != null) {
            return current;
        }
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress(config.bindAddress(), options.listenPort()));
        } catch (BindException e) {
            throw new IOException("Cannot listen on UDP port " + options.listenPort() + ": " + e.getMessage()
                    + ". Pick another --listen port, or 0 for any free one.", e);
        } catch (SocketException e) {
            throw new IOException("Cannot open a UDP socket: " + e.getMessage(), e);
        }
        current = new Endpoint(socket, lock, peer, config, drops, options.secret().isPresent(), clock,
                failure -> end(null, "The UDP socket failed: " + failure.getMessage(), true));
        endpoint = current;
        current.start();
        return current;
    }

    /** The first peer of a group makes its salt; a newcomer asks the peers it was given. */
    private GroupKey groupKey(Path secretFile, List<InetSocketAddress> peers, Endpoint current) throws IOException {
        char[] passphrase = readSecret(secretFile);
        try {
            byte[] salt;
            if (peers.isEmpty()) {
                salt = GroupKey.newSalt(random);
            } else {
                Optional<Endpoint.SaltAnswer> answer;
                try {
                    answer = current.discoverSalt(peers, config.joinTimeoutMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while asking for the group's salt.");
                }
                if (answer.isEmpty()) {
                    throw new IOException("No peer answered at " + peers.stream().map(PeerAddress::format)
                            .collect(Collectors.joining(", ")) + " within " + Peer.seconds(config.joinTimeoutMillis())
                            + ". Check that a member of the group runs there, or leave out --peer to start"
                            + " a new group.");
                }
                if (answer.get().salt().isEmpty()) {
                    throw new IOException("The group at " + PeerAddress.format(answer.get().from()) + " is not encrypted, but you gave"
                            + " --secret. Leave out --secret to join it in plaintext.");
                }
                salt = answer.get().salt().get();
            }
            return GroupKey.derive(passphrase, salt, config.kdfIterations(), random);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** The passphrase: the file's text without its line ending. */
    static char[] readSecret(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_SECRET_BYTES) {
                throw new IOException("The secret file " + file + " is larger than " + MAX_SECRET_BYTES
                        + " bytes; it should hold just the group's passphrase.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("The secret file " + file + " does not exist.", e);
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        int end = chars.limit();
        while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
            end--;
        }
        char[] passphrase = new char[end];
        chars.get(passphrase);
        Arrays.fill(chars.array(), '\0');
        if (passphrase.length == 0) {
            throw new IOException("The secret file " + file + " is empty; put the group's passphrase in it.");
        }
        return passphrase;
    }

    @Override
    public void say(String text) {
        request(now -> peer.say(text, now));
    }

    @Override
    public void tell(String to, String text) {
        request(now -> peer.tell(to, text, now));
    }

    @Override
    public void rename(String newName) {
        request(now -> peer.rename(newName, now));
    }

    @Override
    public void who() {
        request(now -> peer.who());
    }

    @Override
    public void history(long beforeId, int limit) {
        request(now -> peer.history());
    }

    @Override
    public String sendFile(Path file, String to) throws IOException {
        if (ended) {
            throw new IOException("This chat session has ended.");
        }
        synchronized (lock) {
            return peer.sendFile(file, to, clock.getAsLong());
        }
    }

    /** Peers share files in the default room only: a group has no server to tell who is in any other. */
    @Override
    public String sendFileToRoom(Path file, String room) throws IOException {
        if (!RoomNames.key(room).equals(RoomNames.key(RoomNames.DEFAULT_ROOM))) {
            throw new IOException("Between peers, files go to " + RoomNames.DEFAULT_ROOM + " or to one person.");
        }
        return sendFile(file, null);
    }

    @Override
    public void cancelTransfer(String id) {
        request(now -> peer.cancelTransfer(id, now));
    }

    private void request(LongConsumer action) {
        if (ended) {
            return;
        }
        synchronized (lock) {
            if (!ended) {
                action.accept(clock.getAsLong());
            }
        }
    }

    @Override
    public void logout() {
        if (ended) {
            return;
        }
        synchronized (lock) {
            if (peer.phase() == Peer.Phase.ONLINE) {
                long now = clock.getAsLong();
                peer.leave(now);
                long deadline = now + config.leaveWaitMillis();
                try {
                    while (!peer.leaveComplete() && !ended && (now = clock.getAsLong()) < deadline) {
                        lock.wait(deadline - now);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // leave now; members not told time us out
                }
            }
        }
        end(new Bye(Bye.LOGOUT, LEFT), LEFT, false);
    }

    @Override
    public void close() {
        end(null, CLOSED, false);
    }

    private void deliver(ServerMessage event) {
        if (!events.message(event) && !ended) {
            end(null, "The user interface fell " + EventDelivery.MAX_PENDING
                    + " events behind, so the chat was closed.", true);
        }
    }

    /** Ends the session once: forgets the group, closes the socket, and tells the listener last. */
    private void end(Bye bye, String reason, boolean error) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            peer.close();
            lock.notifyAll();
        }
        Endpoint current = endpoint;
        if (current != null) {
            current.close();
        }
        if (bye != null) {
            events.message(bye);
        }
        events.disconnected(reason, error);
    }

    // Package access for tests
    DropCounters drops() {
        return drops;
    }

    // Package access for tests
    int localPort() {
        Endpoint current = endpoint;
        return current == null ? -1 : current.localPort();
    }
}
