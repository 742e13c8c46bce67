package chatroom.transport.udp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Who;
import chatroom.api.file.Downloads;
import chatroom.api.message.Protocol;
import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * One peer of a chat group, without its socket: links with members, gossips who is in the group, carries the
 * chat over the links and turns what happens into {@link ServerMessage} events. Driven by three inputs (a packet
 * arrived, time passed, the user asked for something), each given the time, so it runs the same over a real socket
 * and over a simulated network in tests. Not thread-safe: the owner serializes calls.
 */
final class Peer {
    /** Where a peer's packets and events go. */
    interface Output {
        void send(InetSocketAddress to, byte[] packet);

        void deliver(ServerMessage event);

        /** News of a file transfer; ignored unless the owner shows transfers. */
        default void transfer(FileTransfer transfer) {
        }
    }

    /** Where the peer is in its life. */
    enum Phase {
        /** Not in a group: before login, or after a refused or failed one. */
        IDLE,
        /** Saying hello to the given peers, waiting for a member's list. */
        JOINING,
        /** In the group. */
        ONLINE,
        /** Said goodbye; waiting for the members to acknowledge it. */
        LEAVING,
        /** Closed. */
        GONE
    }

    static final String LOGGED_OUT = "logged out";
    static final String CONNECTION_LOST = "connection lost";
    private static final String LOBBY_KEY = RoomNames.key(RoomNames.DEFAULT_ROOM);

    private final PeerConfig config;
    private final Output output;
    private final DropCounters drops;
    private final RandomGenerator random;
    private final InstantSource wallClock;
    private final Roster roster = new Roster();
    private final Contacts contacts = new Contacts();
    private long id;
    private Phase phase = Phase.IDLE;
    private String name;
    private long started;
    private long since;
    private long joinDeadline;
    private List<InetSocketAddress> given = List.of();
    private List<ServerMessage> onJoined = List.of();
    private LoggedIn loggedIn;
    /** While joining: the members the first list named, all of whom we link with before the login completes. */
    private Set<Long> awaited;
    private LoginException refusal;
    private String failure;
    private long nextMessageId = 1;
    /**
     * Whether the user's client speaks rooms (the terminal's does): then every event names its room, the lobby's
     * included, and the login lists the rooms. Without it the lobby's events name none, as before rooms.
     */
    private boolean roomsMode;
    /** The rooms this peer is in, by key, with their names as first written: the lobby until it joins others. */
    private final Map<String, String> rooms = new LinkedHashMap<>(Map.of(LOBBY_KEY, RoomNames.DEFAULT_ROOM));
    private final PeerFiles files;

    Peer(PeerConfig config, Output output, DropCounters drops, RandomGenerator random, InstantSource wallClock) {
        this.config = config;
        this.output = output;
        this.drops = drops;
        this.random = random;
        this.wallClock = wallClock;
        this.id = newPeerId();
        this.files = new PeerFiles(new PeerFiles.Courier() {
            @Override
            public void tell(Member member, GroupMessage message, long now) {
                tellQuietly(member, message, now);
            }

            @Override
            public void transfer(FileTransfer transfer) {
                output.transfer(transfer);
            }
        }, Protocol.DEFAULT_MAX_FILE_SIZE, config.sendBuffer());
    }

    /** Where files other members send are saved; until this is called, their offers are declined. */
    void receiveFilesIn(Downloads downloads) {
        files.receiveIn(downloads);
    }

    // ---- the user's requests

    /**
     * Starts joining: says hello to the given peers until one of them links and sends its member list, then to
     * every member on that list, so that once logged in the user's messages reach everyone; with no peers, starts a
     * group alone at once. The outcome is {@link #phase()} ONLINE with {@link #loggedIn()}, or IDLE
     * again with {@link #refusal()} or {@link #failure()}.
     *
     * @param onJoined events to deliver first once in the group
     */
    void join(String userName, List<InetSocketAddress> peers, List<ServerMessage> onJoined, long now) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("join while " + phase);
        }
        this.name = userName;
        this.started = now;
        this.since = wallClock.millis();
        this.given = List.copyOf(peers);
        this.onJoined = List.copyOf(onJoined);
        this.loggedIn = null;
        this.awaited = null;
        this.refusal = null;
        this.failure = null;
        if (peers.isEmpty()) {
            enterGroup();
            return;
        }
        phase = Phase.JOINING;
        joinDeadline = now + config.joinTimeoutMillis();
        for (InetSocketAddress address : peers) {
            contacts.addGiven(address, newLinkId(), now, config.contactRetryMillis());
        }
        greet(now);
    }

    /** Stops joining, for a reason found outside the peer (such as an encrypted group answering in plaintext). */
    void abandonJoin(String reason, long now) {
        if (phase == Phase.JOINING) {
            leaveGroup(null, reason, now);
        }
    }

    void say(String raw, long now) {
        if (!ready(Say.TYPE)) {
            return;
        }
        String text = checkedText(raw);
        long ts = wallClock.millis();
        if (text != null
                && broadcast(new GroupMessage.Say(ts, text), now, Say.TYPE, member -> member.isIn(LOBBY_KEY))) {
            output.deliver(new ChatMessage(nextMessageId++, ts, name, text, false, null, shown(LOBBY_KEY)));
        }
    }

    /** The text as it may be sent, or null after telling the user why it may not. */
    private String checkedText(String raw) {
        String text = Texts.clean(raw);
        var problem = Texts.check(text, Wire.MAX_TEXT_LENGTH);
        if (problem.isPresent()) {
            output.deliver(new ErrorReply(problem.get().code(), problem.get().message(), Say.TYPE));
            return null;
        }
        return text;
    }

    /** Text for a room this peer is in: the lobby's as a SAY, which every peer understands; another's as SAY_IN. */
    void sayIn(String room, String raw, long now) {
        if (!ready(Say.TYPE)) {
            return;
        }
        String key = keyOfRoomIn(room, Say.TYPE);
        if (key == null) {
            return;
        }
        String named = rooms.get(key);
        if (key.equals(LOBBY_KEY)) {
            say(raw, now);
            return;
        }
        String text = checkedText(raw);
        long ts = wallClock.millis();
        if (text != null
                && broadcast(new GroupMessage.SayIn(ts, named, text), now, Say.TYPE, member -> member.isIn(key))) {
            output.deliver(new ChatMessage(nextMessageId++, ts, name, text, false, null, named));
        }
    }

    /**
     * Comes into a room (made by coming into it: a room over UDP is the peers that say they are in it), and tells
     * every member; the room's members online so far are in the answer and come with each one's ROOMS.
     */
    void join(String room, long now) {
        if (!ready(JoinRoom.TYPE)) {
            return;
        }
        String canonical = RoomNames.canonical(room);
        var bad = RoomNames.check(canonical);
        if (bad.isPresent()) {
            output.deliver(new ErrorReply(bad.get().code(), bad.get().message(), JoinRoom.TYPE));
            return;
        }
        String key = RoomNames.key(canonical);
        if (!rooms.containsKey(key)) {
            if (rooms.size() >= Wire.MAX_ROOMS) {
                output.deliver(new ErrorReply(ErrorCode.TOO_MANY_ROOMS, "You are in " + rooms.size()
                        + " rooms, the most a peer can be in; leave one first.", JoinRoom.TYPE));
                return;
            }
            rooms.put(key, canonical);
            tellEveryone(roomsMessage(), now);
        }
        String named = rooms.get(key);
        output.deliver(new RoomInfo(named, null, online(key), online(key), true, false));
        output.deliver(new HistoryEnd(0, false, named));
        output.deliver(new Joined(wallClock.millis(), name, online(key), null, named));
    }

    /** Leaves a room this peer is in, and tells every member. */
    void part(String room, long now) {
        if (!ready(PartRoom.TYPE)) {
            return;
        }
        String key = keyOfRoomIn(room, PartRoom.TYPE);
        if (key == null) {
            return;
        }
        String named = rooms.remove(key);
        tellEveryone(roomsMessage(), now);
        // Those still there: this peer is not one of them any more.
        output.deliver(new Left(wallClock.millis(), name, online(key) - 1, "left", named));
    }

    /** Who is in a room this peer is in: itself and the members that said they are. */
    void whoIn(String room) {
        if (!ready(Who.TYPE)) {
            return;
        }
        String key = keyOfRoomIn(room, Who.TYPE);
        if (key == null) {
            return;
        }
        String named = rooms.get(key);
        output.deliver(new Members(users(member -> member.isIn(key)), named));
    }

    /** Makes every event name its room and the login list the rooms: for a client that speaks rooms. */
    void speakRooms() {
        roomsMode = true;
    }

    /** The room an event of this room names: none for the lobby unless the client speaks rooms. */
    private String shown(String roomKey) {
        return roomsMode || !roomKey.equals(LOBBY_KEY) ? rooms.get(roomKey) : null;
    }

    /**
     * A member arrived or went: announced in each room this peer is in that the member is (or was) in. One that goes
     * before its first word was never shown arriving, and is not shown going.
     */
    private void presence(Member member, boolean arrived, String reason) {
        if (!arrived && member.announceOnFirstWord != null) {
            return;
        }
        long ts = wallClock.millis();
        for (String room : rooms.keySet()) {
            if (member.isIn(room)) {
                output.deliver(arrived ? new Joined(ts, member.name, online(room), null, shown(room))
                        : new Left(ts, member.name, online(room), reason, shown(room)));
            }
        }
    }

    /**
     * Refuses what needs a server: topics, roles, settings, invitations, kicks and bans. A group has no owners, and
     * (as its rooms say: topic locked, no owner) nobody who may keep order.
     */
    void refuseWithoutServer(String request) {
        output.deliver(new ErrorReply(ErrorCode.NOT_ALLOWED, "Peers have no owners, operators, topics or bans:"
                + " that needs a server (chat server).", request));
    }

    /** Every room this peer knows of, its own and those its members said they are in, with who is online there. */
    void listRooms(String filter) {
        if (!ready(ListRooms.TYPE)) {
            return;
        }
        String wanted = filter == null ? "" : RoomNames.key(filter.startsWith("#") ? filter : "#" + filter)
                .substring(1);
        Map<String, String> known = new java.util.TreeMap<>();
        rooms.forEach(known::put);
        for (Member member : roster.confirmed()) {
            for (String key : member.rooms) {
                known.putIfAbsent(key, key);
            }
        }
        List<RoomInfo> infos = new ArrayList<>();
        known.forEach((key, named) -> {
            if (!key.contains(wanted)) {
                return;
            }
            int here = (int) roster.confirmed().stream().filter(member -> member.isIn(key)).count()
                    + (rooms.containsKey(key) ? 1 : 0);
            infos.add(new RoomInfo(named, null, here, here, true, false));
        });
        output.deliver(new RoomList(infos, false));
    }

    /** The key of a room this peer is in, or null after telling the user it is not in it. */
    private String keyOfRoomIn(String room, String ref) {
        String key = RoomNames.key(room);
        if (!rooms.containsKey(key)) {
            output.deliver(new ErrorReply(ErrorCode.NOT_IN_ROOM, "You are not in " + room + ".", ref));
            return null;
        }
        return key;
    }

    /** The rooms this peer is in, by name. */
    List<String> rooms() {
        return List.copyOf(rooms.values());
    }

    private GroupMessage.Rooms roomsMessage() {
        return new GroupMessage.Rooms(List.copyOf(rooms.values()));
    }

    /** A small message to every member, not held back by a full link (it replaces itself with the next one). */
    private void tellEveryone(GroupMessage message, long now) {
        byte[] bytes = GroupMessageCodec.encode(message);
        for (Member member : roster.all()) {
            tellQuietly(member, bytes, now);
        }
    }

    /** This peer and the confirmed members in a room. */
    private int online(String roomKey) {
        return 1 + (int) roster.confirmed().stream().filter(member -> member.isIn(roomKey)).count();
    }

    void tell(String to, String raw, long now) {
        if (!ready(Tell.TYPE)) {
            return;
        }
        String text = Texts.clean(raw);
        var problem = Texts.check(text, Wire.MAX_TEXT_LENGTH);
        if (problem.isPresent()) {
            output.deliver(new ErrorReply(problem.get().code(), problem.get().message(), Tell.TYPE));
            return;
        }
        long ts = wallClock.millis();
        if (to != null && Names.same(to, name)) {
            output.deliver(new PrivateMessage(ts, name, name, text));
            return;
        }
        Optional<Member> recipient = to == null ? Optional.empty()
                : roster.byName(to).filter(member -> member.link.confirmed());
        if (recipient.isEmpty()) {
            output.deliver(new ErrorReply(ErrorCode.NOT_ONLINE, "No one called '" + to + "' is online.", Tell.TYPE));
            return;
        }
        Member member = recipient.get();
        if (!member.link.offer(GroupMessageCodec.encode(new GroupMessage.Tell(ts, text)))) {
            output.deliver(slowDown(List.of(member), Tell.TYPE));
            return;
        }
        member.link.poll(now, packet -> send(member.address, packet));
        output.deliver(new PrivateMessage(ts, name, member.name, text));
    }

    void rename(String newName, long now) {
        if (!ready(Nick.TYPE)) {
            return;
        }
        var problem = Wire.NAMES.check(newName);
        if (problem.isPresent()) {
            output.deliver(new ErrorReply(problem.get().code(), problem.get().message(), Nick.TYPE));
            return;
        }
        if (newName.equals(name)) {
            output.deliver(new ErrorReply(ErrorCode.NAME_TAKEN, "You are called '" + name + "' already.", Nick.TYPE));
            return;
        }
        Optional<Member> clash = roster.byName(newName);
        if (clash.isPresent()) {
            output.deliver(new ErrorReply(ErrorCode.NAME_TAKEN,
                    "Someone in the group is already called '" + clash.get().name + "'.", Nick.TYPE));
            return;
        }
        long ts = wallClock.millis();
        if (!broadcast(new GroupMessage.Rename(ts, newName), now, Nick.TYPE)) {
            return;
        }
        String old = name;
        name = newName;
        output.deliver(new Renamed(ts, old, newName, online()));
        for (Contacts.Contact contact : contacts.all()) {
            contact.refused = false; // who refused the old name may take the new one
        }
    }

    void who() {
        if (ready(Who.TYPE)) {
            output.deliver(new Members(users(member -> true)));
        }
    }

    /** This peer and the confirmed members chosen, by name. */
    private List<chatroom.api.message.Member> users(Predicate<Member> chosen) {
        List<chatroom.api.message.Member> users = new ArrayList<>();
        users.add(new chatroom.api.message.Member(name, since));
        for (Member member : roster.confirmed()) {
            if (chosen.test(member)) {
                users.add(new chatroom.api.message.Member(member.name, member.since));
            }
        }
        users.sort(Comparator.comparing((chatroom.api.message.Member user) -> Names.key(user.name()))
                .thenComparing(chatroom.api.message.Member::name));
        return users;
    }

    /**
     * Starts sending a file to every member in the lobby ({@code to} null) or to one.
     *
     * @throws IOException with a sentence for people when nothing was sent
     */
    String sendFile(Path file, String to, long now) throws IOException {
        if (phase != Phase.ONLINE) {
            throw new IOException("Log in first.");
        }
        List<Member> recipients;
        if (to == null) {
            // A file for "the room" is the lobby's, as with a server (a transfer names no room): never sent to a
            // peer outside it.
            if (!rooms.containsKey(LOBBY_KEY)) {
                throw new IOException("Files go to " + RoomNames.DEFAULT_ROOM + ", which you left; /join it, or send"
                        + " the file to someone.");
            }
            recipients = roster.confirmed().stream().filter(member -> member.isIn(LOBBY_KEY)).toList();
            if (recipients.isEmpty()) {
                throw new IOException("Nobody else is in the group to receive it.");
            }
        } else {
            Optional<Member> member = roster.byName(to).filter(m -> m.link.confirmed());
            if (member.isEmpty()) {
                throw new IOException(Names.same(to, name) ? "You have that file already."
                        : "No one called '" + to + "' is online.");
            }
            recipients = List.of(member.get());
        }
        String transfer = files.send(file, recipients, to == null ? null : recipients.getFirst().name, now);
        for (Member member : recipients) {
            files.pump(member, now);
            member.link.poll(now, packet -> send(member.address, packet));
        }
        return transfer;
    }

    /** Stops a file transfer, sent or received. */
    void cancelTransfer(String transfer, long now) {
        files.cancel(transfer, now);
    }

    /** A group keeps no history: every request ends at once, empty. */
    void history() {
        if (ready(HistoryRequest.TYPE)) {
            output.deliver(new HistoryEnd(0, false));
        }
    }

    /** A room's history: always empty, since a group keeps none. */
    void historyOf(String room) {
        if (ready(HistoryRequest.TYPE)) {
            output.deliver(new HistoryEnd(0, false, RoomNames.canonical(room)));
        }
    }

    /** A group keeps no private conversations either: every one's history is empty. */
    void privateHistoryOf(String with) {
        if (ready(HistoryRequest.TYPE)) {
            output.deliver(new HistoryEnd(0, false, null, with));
        }
    }

    /** Says goodbye to every member; {@link #leaveComplete()} tells when they all acknowledged it. */
    void leave(long now) {
        if (phase != Phase.ONLINE && phase != Phase.JOINING) {
            return;
        }
        phase = Phase.LEAVING;
        files.closeAll("You left the group");
        contacts.clear();
        byte[] goodbye = GroupMessageCodec.encode(new GroupMessage.Leave(wallClock.millis()));
        for (Member member : roster.confirmed()) {
            tellQuietly(member, goodbye, now);
        }
    }

    boolean leaveComplete() {
        return phase == Phase.LEAVING && roster.confirmed().stream().allMatch(member -> member.link.idle());
    }

    /** Forgets everything; the owner closes the socket. */
    void close() {
        files.closeAll("You left the group");
        phase = Phase.GONE;
        roster.clear();
        contacts.clear();
    }

    // ---- the network

    /** Takes a datagram's packet from {@code from}; anything unreadable or unexpected is dropped and counted. */
    void receive(InetSocketAddress from, byte[] bytes, int offset, int length, long now) {
        if (phase == Phase.IDLE || phase == Phase.GONE) {
            drops.add(Drop.UNEXPECTED);
            return;
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(bytes, offset, length);
        } catch (BadDatagramException e) {
            drops.add(e.reason());
            return;
        }
        Route route = packet.route();
        boolean forMe = route.receiver() == id || (route.receiver() == 0 && packet instanceof Packet.Hello);
        if (!forMe || route.sender() == id) {
            drops.add(Drop.MISADDRESSED);
            return;
        }
        switch (packet) {
            case Packet.Hello hello -> onHello(from, hello, now);
            case Packet.Welcome welcome -> onWelcome(from, welcome, now);
            case Packet.Refuse refuse -> onRefuse(from, refuse, now);
            case Packet.Reset reset -> onReset(from, reset, now);
            case Packet.Data data -> onLinkPacket(from, data, now);
            case Packet.Ack ack -> onLinkPacket(from, ack, now);
        }
    }

    /** Lets time pass: join deadline, member timeouts, retransmissions, keep-alives, hellos. */
    void tick(long now) {
        if (phase == Phase.IDLE || phase == Phase.GONE) {
            return;
        }
        if (phase == Phase.JOINING && now >= joinDeadline && awaited != null) {
            enterGroup(); // in, with the members that answered; the others may still link later
        } else if (phase == Phase.JOINING && now >= joinDeadline) {
            leaveGroup(null, "No peer answered at " + given.stream().map(PeerAddress::format)
                    .collect(Collectors.joining(", ")) + " within " + seconds(config.joinTimeoutMillis()) + ".", now);
            return;
        }
        for (Member member : roster.all()) {
            if (now - member.link.lastHeard() > config.peerTimeoutMillis()) {
                forget(member, false, CONNECTION_LOST);
                if (phase == Phase.ONLINE && member.link.confirmed()) {
                    presence(member, false, CONNECTION_LOST);
                }
            } else {
                files.pump(member, now);
                member.link.poll(now, packet -> send(member.address, packet));
            }
        }
        greet(now);
    }

    // ---- handshakes

    private void onHello(InetSocketAddress from, Packet.Hello hello, long now) {
        if (phase == Phase.LEAVING) {
            drops.add(Drop.UNEXPECTED);
            return;
        }
        long sender = hello.route().sender();
        Optional<Member> known = roster.get(sender);
        if (known.isPresent()) {
            // A repeated hello (our welcome was lost) or a redundant one: answer with the link we have.
            send(from, new Packet.Welcome(known.get().link.route(), age(now), name));
            return;
        }
        if (roster.departed(sender)) {
            drops.add(Drop.UNKNOWN_LINK);
            return;
        }
        Optional<Contacts.Contact> contact = contacts.byPeerId(sender).or(() -> contacts.byAddress(from));
        // Greeting each other at once, both sides use their own hello's link id: the two links then agree.
        int localLink = contact.map(c -> c.linkId).orElseGet(this::newLinkId);
        Optional<Refusal> refused = refusalFor(hello.name());
        if (refused.isPresent()) {
            send(from, new Packet.Refuse(new Route(id, sender, localLink, hello.route().senderLink()), refused.get(),
                    hello.name()));
            return;
        }
        Member member = link(sender, hello.name(), from, hello.age(), localLink, hello.route().senderLink(), now,
                contact, false);
        send(from, new Packet.Welcome(member.link.route(), age(now), name));
        linked(member, now);
    }

    private void onWelcome(InetSocketAddress from, Packet.Welcome welcome, long now) {
        if (phase == Phase.LEAVING) {
            drops.add(Drop.UNEXPECTED);
            return;
        }
        Route route = welcome.route();
        Optional<Member> known = roster.get(route.sender());
        if (known.isPresent()) {
            Member member = known.get();
            if (member.link.localId() != route.receiverLink() || member.link.remoteId() != route.senderLink()) {
                drops.add(Drop.UNKNOWN_LINK);
                sendReset(from, route);
            } else if (!member.link.confirmed()) {
                // We greeted each other at once and each made the link on the other's hello.
                member.link.confirm();
                member.link.poll(now, packet -> send(member.address, packet));
                introduce(member, now);
                enterGroupWhenLinked();
            }
            return;
        }
        if (roster.departed(route.sender())) {
            drops.add(Drop.UNKNOWN_LINK);
            return;
        }
        Optional<Contacts.Contact> contact = contacts.byLinkId(route.receiverLink());
        if (contact.isEmpty()) {
            // It linked with us on a hello we no longer stand by: have it drop that link.
            drops.add(Drop.UNEXPECTED);
            sendReset(from, route);
            return;
        }
        Optional<Refusal> refused = refusalFor(welcome.name());
        if (refused.isPresent()) {
            send(from, new Packet.Refuse(new Route(id, route.sender(), route.receiverLink(), route.senderLink()),
                    refused.get(), welcome.name()));
            return;
        }
        Member member = link(route.sender(), welcome.name(), from, welcome.age(), route.receiverLink(),
                route.senderLink(), now, contact, true);
        linked(member, now);
        enterGroupWhenLinked();
    }

    private void onRefuse(InetSocketAddress from, Packet.Refuse refuse, long now) {
        Route route = refuse.route();
        Optional<Member> known = roster.get(route.sender());
        if (known.isPresent() && known.get().link.localId() == route.receiverLink()) {
            // It welcomed us, then found our name clashing in its own view: the link is off.
            Member member = known.get();
            forget(member, false, "name clash");
            if (phase == Phase.ONLINE && member.link.confirmed()) {
                presence(member, false, "name clash");
                output.deliver(refusalNotice(from, refuse));
            }
            return;
        }
        Optional<Contacts.Contact> contact = contacts.byLinkId(route.receiverLink());
        if (contact.isEmpty()) {
            drops.add(Drop.UNEXPECTED);
            return;
        }
        if (phase == Phase.JOINING) {
            ErrorCode code = refuse.reason() == Refusal.NAME_TAKEN ? ErrorCode.NAME_TAKEN : ErrorCode.SERVER_ERROR;
            String message = refuse.reason() == Refusal.NAME_TAKEN
                    ? "Someone in the group is already called '" + refuse.name() + "'. Pick another name (if that"
                      + " was you before a restart, wait " + seconds(config.peerTimeoutMillis())
                      + " for the old session to time out)."
                    : "The group is full: the peer at " + PeerAddress.format(from) + " has " + Wire.MAX_MEMBERS
                      + " members already.";
            leaveGroup(new LoginException(code, message), null, now);
            return;
        }
        Contacts.Contact refusedContact = contact.get();
        if (!refusedContact.refused && phase == Phase.ONLINE) {
            output.deliver(refusalNotice(from, refuse));
        }
        refusedContact.refused = true;
    }

    private ErrorReply refusalNotice(InetSocketAddress from, Packet.Refuse refuse) {
        if (refuse.reason() == Refusal.NAME_TAKEN) {
            return new ErrorReply(ErrorCode.NAME_TAKEN, "The peer at " + PeerAddress.format(from) + " knows someone else called '"
                    + refuse.name() + "', so it will not link with you. Rename to reach it.", null);
        }
        return new ErrorReply(ErrorCode.SERVER_ERROR, "The peer at " + PeerAddress.format(from) + " has " + Wire.MAX_MEMBERS
                + " members already, so it will not link with you.", null);
    }

    private void onReset(InetSocketAddress from, Packet.Reset reset, long now) {
        Route route = reset.route();
        Optional<Member> known = roster.get(route.sender());
        if (known.isEmpty() || known.get().link.localId() != route.receiverLink()) {
            drops.add(Drop.UNEXPECTED);
            return;
        }
        Member member = known.get();
        forget(member, false, CONNECTION_LOST);
        if (phase == Phase.ONLINE && member.link.confirmed()) {
            presence(member, false, CONNECTION_LOST);
            // It lost our link (it timed us out) but is alive: link again.
            contacts.addGossiped(member.id, from, newLinkId(), now, config.contactRetryMillis(),
                    now + config.peerTimeoutMillis());
            greet(now);
        }
    }

    private void sendReset(InetSocketAddress to, Route received) {
        int ours = received.receiverLink() != 0 ? received.receiverLink() : newLinkId();
        send(to, new Packet.Reset(new Route(id, received.sender(), ours, received.senderLink())));
    }

    private Optional<Refusal> refusalFor(String otherName) {
        if (Names.same(otherName, name) || roster.byName(otherName).isPresent()) {
            return Optional.of(Refusal.NAME_TAKEN);
        }
        if (roster.size() >= Wire.MAX_MEMBERS) {
            return Optional.of(Refusal.GROUP_FULL);
        }
        return Optional.empty();
    }

    private Member link(long sender, String memberName, InetSocketAddress from, long age, int localLink,
                        int remoteLink, long now, Optional<Contacts.Contact> contact, boolean confirmed) {
        Link link = new Link(new Route(id, sender, localLink, remoteLink), config, drops, now, confirmed);
        Member member = new Member(sender, memberName, from, wallClock.millis() - age, now - age, link);
        roster.add(member);
        contact.ifPresent(c -> {
            if (c.given) {
                c.linkId = newLinkId(); // a later hello to this address proposes a new link
                c.interval = config.contactRetryMillis();
            } else {
                contacts.remove(c);
            }
        });
        contacts.byPeerId(sender).filter(c -> !c.given).ifPresent(contacts::remove);
        return member;
    }

    /**
     * Gossips to a new member who else is in (sent once the link is confirmed). Announcing it waits for the
     * confirmation too: a hello may be a replay, and only a packet echoing our fresh link id proves someone is there.
     */
    private void linked(Member member, long now) {
        List<GroupMessage.Members.Entry> others = roster.confirmed().stream()
                .filter(other -> other != member)
                .map(other -> new GroupMessage.Members.Entry(other.id, other.name, other.address))
                .toList();
        if (!rooms.keySet().equals(Set.of(LOBBY_KEY))) {
            // Before the member list, so the member knows where this peer is before announcing it anywhere.
            tellQuietly(member, roomsMessage(), now);
        }
        tellQuietly(member, new GroupMessage.Members(others), now);
        if (member.link.confirmed()) {
            introduce(member, now);
        }
    }

    /**
     * Announces a confirmed newcomer (or a return) and gossips it to everyone else. Start times are in milliseconds:
     * one that started in the same millisecond as this peer is a newcomer too (an online peer that is reached by
     * someone joining must announce them; a tie broken by random ids left that to chance).
     */
    private void introduce(Member member, long now) {
        boolean newcomer = member.started >= started;
        boolean returning = roster.wasLinkedBefore(member.id);
        // Announced when its first word comes (its ROOMS, if any, then its MEMBERS, both sent on linking): only
        // then is it known which rooms it is in, and a peer outside the lobby is never shown arriving there.
        member.announceOnFirstWord = phase == Phase.ONLINE && (newcomer || returning);
        GroupMessage.Members news = new GroupMessage.Members(List.of(
                new GroupMessage.Members.Entry(member.id, member.name, member.address)));
        for (Member other : roster.confirmed()) {
            if (other != member) {
                tellQuietly(other, news, now);
            }
        }
    }

    private void tellQuietly(Member member, GroupMessage message, long now) {
        tellQuietly(member, GroupMessageCodec.encode(message), now);
    }

    /** Says hello to every contact that is due; given addresses rest while a member is there. */
    private void greet(long now) {
        if (phase != Phase.JOINING && phase != Phase.ONLINE) {
            return;
        }
        for (Contacts.Contact contact : contacts.all()) {
            if (!contact.given && (now >= contact.expires
                    || (contact.peerId != 0 && roster.get(contact.peerId).isPresent()))) {
                contacts.remove(contact);
                continue;
            }
            if (contact.given && roster.hasAddress(contact.address)) {
                contact.nextAttempt = now;
                contact.interval = config.contactRetryMillis();
                continue;
            }
            if (contact.refused || now < contact.nextAttempt) {
                continue;
            }
            send(contact.address, new Packet.Hello(new Route(id, contact.peerId, contact.linkId, 0), age(now), name));
            contact.nextAttempt = now + contact.interval;
            contact.interval = Math.min(contact.interval * 2, config.contactRetryMaxMillis());
        }
    }

    // ---- links

    private void onLinkPacket(InetSocketAddress from, Packet packet, long now) {
        Route route = packet.route();
        Optional<Member> known = roster.get(route.sender());
        if (known.isEmpty() || known.get().link.localId() != route.receiverLink()
                || known.get().link.remoteId() != route.senderLink()) {
            drops.add(Drop.UNKNOWN_LINK);
            // While we greet that address, its welcome may just be late; otherwise tell it to drop that link.
            boolean greeting = known.isEmpty()
                    && contacts.byPeerId(route.sender()).or(() -> contacts.byAddress(from)).isPresent();
            if (!greeting) {
                sendReset(from, route);
            }
            return;
        }
        Member member = known.get();
        member.address = from;
        boolean confirmed = member.link.confirmed();
        List<byte[]> messages = member.link.receive(packet, now);
        files.pump(member, now);
        member.link.poll(now, out -> send(member.address, out));
        if (!confirmed) {
            introduce(member, now);
        }
        enterGroupWhenLinked();
        for (byte[] message : messages) {
            if (roster.get(member.id).isEmpty()) {
                break; // it left; nothing can follow a goodbye
            }
            handle(member, message, now);
        }
    }

    private void handle(Member member, byte[] bytes, long now) {
        GroupMessage message;
        try {
            message = GroupMessageCodec.decode(bytes);
        } catch (BadDatagramException e) {
            drops.add(Drop.UNREADABLE);
            return;
        }
        boolean online = phase == Phase.ONLINE;
        switch (message) {
            case GroupMessage.Say say -> {
                if (online && rooms.containsKey(LOBBY_KEY)) {
                    output.deliver(new ChatMessage(nextMessageId++, say.ts(), member.name, say.text(), false, null,
                            shown(LOBBY_KEY)));
                }
            }
            case GroupMessage.Tell tell -> {
                if (online) {
                    output.deliver(new PrivateMessage(tell.ts(), member.name, name, tell.text()));
                }
            }
            case GroupMessage.Rename rename -> {
                String old = member.name;
                member.name = rename.name();
                if (online) {
                    output.deliver(new Renamed(rename.ts(), old, rename.name(), online()));
                }
            }
            case GroupMessage.Leave leave -> {
                forget(member, true, LOGGED_OUT);
                if (online) {
                    presence(member, false, LOGGED_OUT);
                }
            }
            case GroupMessage.Rooms said -> moved(member, said, online);
            case GroupMessage.SayIn say -> {
                String key = RoomNames.key(say.room());
                if (online && rooms.containsKey(key) && member.isIn(key)) {
                    output.deliver(new ChatMessage(nextMessageId++, say.ts(), member.name, say.text(), false, null,
                            shown(key)));
                }
            }
            case GroupMessage.Members members -> {
                learn(members, now);
                if (member.announceOnFirstWord != null) {
                    boolean announce = member.announceOnFirstWord && online;
                    member.announceOnFirstWord = null;
                    if (announce) {
                        presence(member, true, null);
                    }
                }
            }
            case GroupMessage.FileOffer offer -> {
                if (online) {
                    files.handle(member, offer, now);
                }
            }
            case GroupMessage.FileChunk chunk -> files.handle(member, chunk, now);
            case GroupMessage.FileDone done -> files.handle(member, done, now);
            case GroupMessage.FileCancel cancel -> files.handle(member, cancel, now);
            case GroupMessage.FileReceived received -> files.handle(member, received, now);
        }
    }

    /** A member said which rooms it is in: those it came into or left that this peer is in are announced. */
    private void moved(Member member, GroupMessage.Rooms said, boolean online) {
        Set<String> before = member.rooms;
        member.rooms = said.rooms().stream().map(RoomNames::key).collect(Collectors.toUnmodifiableSet());
        if (!online || !member.link.confirmed() || member.announceOnFirstWord != null) {
            return;
        }
        long ts = wallClock.millis();
        for (Map.Entry<String, String> room : rooms.entrySet()) {
            String shown = shown(room.getKey());
            if (!before.contains(room.getKey()) && member.isIn(room.getKey())) {
                output.deliver(new Joined(ts, member.name, online(room.getKey()), null, shown));
            } else if (before.contains(room.getKey()) && !member.isIn(room.getKey())) {
                output.deliver(new Left(ts, member.name, online(room.getKey()), "left", shown));
            }
        }
    }

    /** The keys of the rooms a member said it is in (the lobby for one that never said), or empty for a stranger. */
    Set<String> roomsOf(String memberName) {
        return roster.all().stream().filter(member -> member.name.equalsIgnoreCase(memberName)).findFirst()
                .map(member -> member.rooms).orElse(Set.of());
    }

    /** Takes a member off the roster; what it was sending or receiving ends. */
    private void forget(Member member, boolean leaving, String why) {
        roster.remove(member, leaving);
        files.memberGone(member, why);
    }

    private void learn(GroupMessage.Members members, long now) {
        if (phase == Phase.LEAVING) {
            return;
        }
        for (GroupMessage.Members.Entry entry : members.entries()) {
            if (entry.id() != id && roster.get(entry.id()).isEmpty() && !roster.departed(entry.id())) {
                contacts.addGossiped(entry.id(), entry.address(), newLinkId(), now, config.contactRetryMillis(),
                        now + config.peerTimeoutMillis());
            }
        }
        if (phase == Phase.JOINING && awaited == null) {
            // A member accepted our name and told us who else is in.
            awaited = new HashSet<>();
            members.entries().forEach(entry -> awaited.add(entry.id()));
            awaited.remove(id);
        }
        greet(now);
        enterGroupWhenLinked();
    }

    private void enterGroupWhenLinked() {
        if (phase == Phase.JOINING && awaited != null && awaited.stream()
                .allMatch(member -> roster.get(member).filter(m -> m.link.confirmed()).isPresent()
                        || roster.departed(member))) {
            enterGroup();
        }
    }

    private void enterGroup() {
        phase = Phase.ONLINE;
        awaited = null;
        loggedIn = new LoggedIn(name, online(), null, roomsMode ? rooms.entrySet().stream()
                .map(room -> new RoomInfo(room.getValue(), null, online(room.getKey()), online(room.getKey()), true,
                        false)).toList() : null);
        onJoined.forEach(output::deliver);
    }

    /** Back to IDLE after a refused or failed join, under a new id so half-made links elsewhere stay apart. */
    private void leaveGroup(LoginException refused, String failed, long now) {
        byte[] goodbye = GroupMessageCodec.encode(new GroupMessage.Leave(wallClock.millis()));
        for (Member member : roster.all()) {
            tellQuietly(member, goodbye, now);
        }
        roster.clear();
        contacts.clear();
        phase = Phase.IDLE;
        refusal = refused;
        failure = failed;
        id = newPeerId();
    }

    /** Best effort: a member too far behind to take it hears gossip from others, or times out. */
    private void tellQuietly(Member member, byte[] message, long now) {
        if (member.link.offer(message)) {
            member.link.poll(now, packet -> send(member.address, packet));
        }
    }

    /**
     * Sends to every member; false, after telling the user, when a link has no room for it. Package access for
     * tests.
     */
    boolean broadcast(GroupMessage message, long now, String ref) {
        return broadcast(message, now, ref, member -> true);
    }

    /** Sends to the members chosen; false, after telling the user, when one of their links has no room for it. */
    private boolean broadcast(GroupMessage message, long now, String ref, Predicate<Member> chosen) {
        byte[] bytes = GroupMessageCodec.encode(message);
        List<Member> behind = roster.confirmed().stream()
                .filter(chosen).filter(member -> !member.link.hasRoomFor(bytes.length)).toList();
        if (!behind.isEmpty()) {
            output.deliver(slowDown(behind, ref));
            return false;
        }
        // An unconfirmed member may be a forged hello: it gets what fits, and never holds the others up.
        for (Member member : roster.all()) {
            if (chosen.test(member)) {
                tellQuietly(member, bytes, now);
            }
        }
        return true;
    }

    private static ErrorReply slowDown(List<Member> behind, String ref) {
        String names = behind.stream().map(member -> member.name).collect(Collectors.joining(", "));
        return new ErrorReply(ErrorCode.SLOW_DOWN, "Earlier messages are still on their way to " + names
                + "; wait a moment and send again.", ref);
    }

    private boolean ready(String ref) {
        if (phase == Phase.ONLINE) {
            return true;
        }
        if (phase == Phase.IDLE || phase == Phase.JOINING) {
            output.deliver(new ErrorReply(ErrorCode.NOT_LOGGED_IN, "Log in first.", ref));
        }
        return false;
    }

    private void send(InetSocketAddress to, Packet packet) {
        output.send(to, PacketCodec.encode(packet));
    }

    private long age(long now) {
        return Math.max(0, now - started);
    }

    private int online() {
        return roster.confirmed().size() + 1;
    }

    private long newPeerId() {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }

    private int newLinkId() {
        int value;
        do {
            value = random.nextInt();
        } while (value == 0);
        return value;
    }

    /** A duration for people: {@code 5 seconds}, {@code 1.5 seconds}. */
    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + (millis == 1000 ? " second" : " seconds")
                : String.format(Locale.ROOT, "%.1f seconds", millis / 1000.0);
    }

    // ---- state, for the owner and tests

    Phase phase() {
        return phase;
    }

    /** The login's outcome once {@link #phase()} is ONLINE. */
    LoggedIn loggedIn() {
        return loggedIn;
    }

    /** Why the last join was refused, when it was. */
    Optional<LoginException> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Why the last join failed without a refusal, when it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    long id() {
        return id;
    }

    String name() {
        return name;
    }

    // Package access for tests
    List<String> memberNames() {
        return roster.confirmed().stream().map(member -> member.name).sorted().toList();
    }
}
