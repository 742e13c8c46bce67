package chatroom.server.rooms;

import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.InviteMember;
import chatroom.api.message.Invited;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Joined;
import chatroom.api.message.KickMember;
import chatroom.api.message.Left;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Presence;
import chatroom.api.message.Protocol;
import chatroom.api.message.Renamed;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.Say;
import chatroom.api.message.ServerBan;
import chatroom.api.message.ServerBanChanged;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.SetRole;
import chatroom.api.message.SetTopic;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.api.spi.RoomReport;
import chatroom.api.spi.ServerControl;
import chatroom.server.MutableClock;
import chatroom.server.ServerConfig;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import chatroom.server.accounts.Accounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol 2 end to end on the server: rooms, their members, their messages, beside protocol-1 clients. */
class RoomsProtocolTest extends ServerTestBase {
    private static final long T0 = MutableClock.START.toEpochMilli();


    private static List<String> names(Members members) {
        return members.users().stream().map(Member::name).toList();
    }

    private static List<ServerMessage> only(List<ServerMessage> messages, Class<?> type) {
        return messages.stream().filter(type::isInstance).toList();
    }

    /** Three people in a room that alice made. */
    private record Trio(TestClient alice, TestClient bob, TestClient carol) {
    }

    private Trio threeIn(String room) {
        start(TestServer.config(dir));
        List<TestClient> clients = inRoom(room, "alice", "bob", "carol");
        return new Trio(clients.get(0), clients.get(1), clients.get(2));
    }

    /** Protocol-2 clients logged in and in the room, in order: the first makes it and owns it. */
    private List<TestClient> inRoom(String room, String... names) {
        List<TestClient> clients = new java.util.ArrayList<>();
        for (String name : names) {
            clients.add(server.enter2(name));
        }
        clients.forEach(client -> join(client, room));
        return clients;
    }

    private static void join(TestClient client, String room) {
        client.send(new JoinRoom(room));
        client.await(Joined.class, joined -> joined.room().equalsIgnoreCase(room));
    }

    @Test
    void aProtocolTwoLoginListsItsRoomsAndReplaysEachNamingIt() {
        start(TestServer.config(dir));
        TestClient bob = server.enter("bob");
        bob.send(new Say("from protocol 1"));
        bob.await(ChatMessage.class);
        TestClient alice = server.connect();

        Welcome welcome = alice.hello(Protocol.ROOMS_VERSION);
        alice.send(new Login("alice", TestServer.password("alice")));

        assertEquals(Protocol.ROOMS_VERSION, welcome.protocol());
        assertTrue(welcome.features().contains(Protocol.FEATURE_ROOMS));
        assertEquals(Integer.valueOf(100), welcome.limits().maxRoomsPerUser());
        assertEquals(new LoggedIn("alice", 2, null, List.of(new RoomInfo("#lobby", null, 2, 2, true))),
                TestClient.withoutToken(alice.next()));
        assertEquals(new ChatMessage(1, T0, "bob", "from protocol 1", true, null, "#lobby"), alice.next());
        assertEquals(new HistoryEnd(1, false, "#lobby"), alice.next());
        assertEquals(new Presence("#lobby", T0, "alice", Presence.ONLINE, null, 2), alice.next());
        assertEquals(new Joined(T0, "alice", 2), bob.await(Joined.class), "protocol 1 sees a join, as ever");
    }

    @Test
    void joiningMakesARoomWhoseMessagesStayInIt() {
        start(TestServer.config(dir));
        TestClient old = server.enter("olga");
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");

        alice.send(new JoinRoom("#Ops"));
        assertEquals(new RoomInfo("#Ops", null, 1, 1, true), alice.await(RoomInfo.class));
        assertEquals(new HistoryEnd(0, false, "#Ops"), alice.await(HistoryEnd.class));
        assertEquals(new Joined(T0, "alice", 1, null, "#Ops"), alice.await(Joined.class));
        bob.send(new JoinRoom("#ops"));
        assertEquals(new Joined(T0, "bob", 2, null, "#Ops"), alice.await(Joined.class));
        bob.await(Joined.class, joined -> joined.name().equals("bob"));

        alice.send(Say.inRoom("#ops", "only for ops", "c1"));

        assertEquals(new ChatMessage(1, T0, "alice", "only for ops", false, null, "#Ops"),
                bob.await(ChatMessage.class));
        assertEquals(new ChatMessage(1, T0, "alice", "only for ops", false, "c1", "#Ops"),
                alice.await(ChatMessage.class));
        assertEquals(List.of(), only(old.receivedUntilNow(), ChatMessage.class), "olga is not in #ops");
        assertTrue(server.log().contains(server.logLine("alice made the room #Ops")), server.log());
    }

    @Test
    void protocolOneAndTwoShareTheDefaultRoom() {
        start(TestServer.config(dir));
        TestClient old = server.enter("olga");
        TestClient alice = server.enter2("alice");

        alice.send(Say.inRoom("#lobby", "hello olga", null));
        assertEquals(new ChatMessage(1, T0, "alice", "hello olga", false), old.await(ChatMessage.class));
        old.send(new Say("hello alice"));
        assertEquals(new ChatMessage(2, T0, "olga", "hello alice", false, null, "#lobby"),
                alice.await(ChatMessage.class, m -> m.from().equals("olga")));
    }

    @Test
    void requestsNameARoomTheUserIsIn() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(bob, "#secret");

        alice.send(Say.inRoom("#secret", "let me in", "c7"));
        assertEquals(new chatroom.api.message.ErrorReply(ErrorCode.NOT_IN_ROOM, "You are not in #secret; join it"
                + " first.", "say", "c7"), alice.await(chatroom.api.message.ErrorReply.class));
        alice.send(Say.inRoom("#nowhere", "hello?", null));
        alice.awaitError(ErrorCode.UNKNOWN_ROOM, "There is no room called '#nowhere'.", "say");
        alice.send(new Say("which room?"));
        alice.awaitError(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: missing field 'room'.", "say");
        alice.send(new HistoryRequest(null, 10, "#secret"));
        alice.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #secret; join it first.", "history");
        alice.send(new Who("#secret"));
        alice.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #secret; join it first.", "who");
        alice.send(new JoinRoom("no hash"));
        alice.awaitError(ErrorCode.INVALID_ROOM_NAME, "A room name is '#' and then 1 to 63 letters, digits, '_',"
                + " '-' and '.', such as #lobby.", "join");
    }

    @Test
    void leavingARoomIsToldToItAndEndsWritingThere() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(alice, "#ops");
        join(bob, "#ops");

        bob.send(new PartRoom("#ops", "lunch"));

        assertEquals(new Left(T0, "bob", 1, "left: lunch", "#ops"), alice.await(Left.class));
        assertEquals(new Left(T0, "bob", 1, "left: lunch", "#ops"), bob.await(Left.class));
        bob.send(Say.inRoom("#ops", "still here?", null));
        bob.awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #ops; join it first.", "say");
    }

    @Test
    void theRoomListIsPagedAndFiltered() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        join(alice, "#ops");
        join(alice, "#opera");
        join(alice, "#zoo");

        alice.send(new ListRooms(null, null, 2));
        assertEquals(new RoomList(List.of(new RoomInfo("#lobby", null, 1, 1, true),
                new RoomInfo("#opera", null, 1, 1, true)),
                true), alice.await(RoomList.class));
        alice.send(new ListRooms(null, "#opera", 2));
        assertEquals(new RoomList(List.of(new RoomInfo("#ops", null, 1, 1, true),
                new RoomInfo("#zoo", null, 1, 1, true)),
                false), alice.await(RoomList.class));
        alice.send(new ListRooms("OP", null, null));
        assertEquals(List.of("#opera", "#ops"), alice.await(RoomList.class).rooms().stream().map(RoomInfo::name)
                .toList());
    }

    @Test
    void onlyTheOwnerSetsTheTopicAndJoinersSeeIt() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(alice, "#ops");
        join(bob, "#ops");

        bob.send(new SetTopic("#ops", "mine now"));
        bob.awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can set its topic.", "topic");
        alice.send(new SetTopic("#ops", "Deploys\nonly"));

        assertEquals(new TopicChanged("#ops", T0, "alice", "Deploys only"), bob.await(TopicChanged.class));
        TestClient carol = server.enter2("carol");
        carol.send(new JoinRoom("#ops"));
        assertEquals(new RoomInfo("#ops", "Deploys only", 3, 3, true), carol.await(RoomInfo.class));
    }

    @Test
    void whoListsTheMembersOnlineOrNot() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(alice, "#ops");
        join(bob, "#ops");
        bob.logout();

        assertEquals(new Presence("#ops", T0, "bob", Presence.OFFLINE, "logged out", 1),
                alice.await(Presence.class, p -> p.room().equals("#ops") && p.name().equals("bob")));
        alice.send(new Who("#ops"));
        assertEquals(new Members(List.of(new Member("alice", T0, null, true, "owner"),
                new Member("bob", T0, null, false, "member")), "#ops"), alice.await(Members.class));
    }

    /**
     * Logins of new accounts at once: one login's welcome may take the other's new account into the default room,
     * which must still come before that other login enters (it came after it, now and then, and the account
     * logged in with no room at all).
     */
    @Test
    void newAccountsLoggingInAtOnceEachEnterTheDefaultRoom() throws Exception {
        start(TestServer.config(dir));
        ExecutorService logins = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                List<TestClient> clients = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    TestClient client = server.connect("10.0." + round + "." + (i + 1) + ":5000");
                    client.hello(Protocol.ROOMS_VERSION);
                    clients.add(client);
                }
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    String name = "new" + round + "x" + i;
                    TestClient client = clients.get(i);
                    sent.add(logins.submit(() -> client.send(new Login(name, TestServer.password(name)))));
                }
                for (Future<?> done : sent) {
                    done.get(10, TimeUnit.SECONDS);
                }
                for (TestClient client : clients) {
                    LoggedIn in = client.await(LoggedIn.class);
                    assertEquals(List.of("#lobby"), in.rooms().stream().map(RoomInfo::name).toList(), in.name());
                }
            }
        } finally {
            logins.shutdownNow();
        }
    }

    @Test
    void whoOnlineListsOnlyThoseOnlineSortedByNameIgnoringCase() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient zed = server.enter2("Zed");
        TestClient bob = server.enter2("bob");
        TestClient carol = server.enter2("carol");
        for (TestClient member : List.of(alice, zed, bob, carol)) {
            join(member, "#ops");
        }
        bob.logout();
        alice.await(Presence.class, p -> p.room().equals("#ops") && p.name().equals("bob"));

        alice.send(new Who("#ops", true));
        assertEquals(new Members(List.of(new Member("alice", T0, null, true, "owner"),
                new Member("carol", T0, null, true, "member"), new Member("Zed", T0, null, true, "member")), "#ops"),
                alice.await(Members.class));
        alice.send(new Who("#ops"));
        assertEquals(List.of("alice", "bob", "carol", "Zed"),
                alice.await(Members.class).users().stream().map(Member::name).toList());
    }

    @Test
    void theOwnerMakesOperatorsWhoMayMakeOthersButNotUnmakeEachOther() {
        Trio ops = threeIn("#ops");

        ops.bob().send(new SetRole("#ops", "carol", "operator"));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can give or take operator.",
                "role");
        ops.alice().send(new SetRole("#ops", "BOB", "operator"));
        assertEquals(new RoleChanged("#ops", T0, "bob", "operator", "alice"), ops.carol().await(RoleChanged.class));
        ops.bob().send(new SetRole("#ops", "carol", "operator"));
        assertEquals(new RoleChanged("#ops", T0, "carol", "operator", "bob"),
                ops.alice().await(RoleChanged.class, r -> r.by().equals("bob")));
        ops.carol().send(new SetRole("#ops", "bob", "member"));
        ops.carol().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner of #ops can take operator from an operator.",
                "role");
        ops.bob().send(new SetRole("#ops", "alice", "member"));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED,
                "Only the owner of #ops can hand it over, which ends its ownership.", "role");
        ops.bob().send(new SetRole("#ops", "dave", "operator"));
        ops.bob().awaitError(ErrorCode.NOT_A_MEMBER, "dave is not a member of #ops.", "role");
        ops.alice().send(new SetRole("#ops", "carol", "member"));
        assertEquals(new RoleChanged("#ops", T0, "carol", "member", "alice"), ops.bob().await(RoleChanged.class,
                r -> r.name().equals("carol") && r.role().equals("member")));

        ops.bob().send(new Who("#ops"));
        assertEquals(List.of("owner", "operator", "member"),
                ops.bob().await(Members.class).users().stream().map(Member::role).toList());
    }

    @Test
    void anOperatorSetsTheTopicAndOpensItToEveryMember() {
        Trio ops = threeIn("#ops");
        ops.alice().send(new SetRole("#ops", "bob", "operator"));
        ops.carol().await(RoleChanged.class);

        ops.bob().send(new SetTopic("#ops", "by an operator"));
        assertEquals("by an operator", ops.carol().await(TopicChanged.class).text());
        ops.carol().send(new ChangeSettings("#ops", false));
        ops.carol().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can change its settings.",
                "settings");
        ops.bob().send(new ChangeSettings("#ops", false));
        assertEquals(new SettingsChanged("#ops", T0, "bob", false), ops.carol().await(SettingsChanged.class));
        ops.carol().send(new SetTopic("#ops", "by anyone"));
        assertEquals("by anyone", ops.alice().await(TopicChanged.class, t -> t.by().equals("carol")).text());
        TestClient dave = server.enter2("dave");
        dave.send(new JoinRoom("#ops"));
        assertEquals(new RoomInfo("#ops", "by anyone", 4, 4, false), dave.await(RoomInfo.class));
    }

    @Test
    void theOwnerHandsTheRoomOverAndStaysAnOperator() {
        start(TestServer.config(dir));
        List<TestClient> clients = inRoom("#ops", "alice", "bob");
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);

        alice.send(new SetRole("#ops", "alice", "owner"));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "Only the owner of #ops can hand it over, which ends its ownership.",
                "role");
        alice.send(new SetRole("#ops", "bob", "owner"));

        assertEquals(new RoleChanged("#ops", T0, "alice", "operator", "alice"), bob.await(RoleChanged.class));
        assertEquals(new RoleChanged("#ops", T0, "bob", "owner", "alice"), bob.await(RoleChanged.class));
        bob.send(new SetRole("#ops", "alice", "member"));
        assertEquals("member", alice.await(RoleChanged.class, r -> r.by().equals("bob")).role());
    }

    @Test
    void guestsHaveNoRoleAreKickedNotBannedAndProtocolOneHearsNothingOfRoles() {
        start(TestServer.config(dir).withGuests(true));
        TestClient alice = server.enter2("alice");
        TestClient guest = server.connect();
        guest.hello(Protocol.ROOMS_VERSION);
        guest.login2(Login.asGuest("visitor"));
        join(alice, "#ops");
        join(guest, "#ops");
        TestClient old = server.enter("bob");

        alice.send(new SetRole("#ops", "visitor", "operator"));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "Guests have no account, so they cannot have a role in a room.",
                "role");
        alice.send(new SetRole("#lobby", "bob", "operator"));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #lobby can give or take operator.",
                "role");
        old.send(new SetRole("#lobby", "alice", "operator"));
        old.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'role' in protocol 1; rooms need protocol 2.",
                "role");
        alice.send(new BanMember("#ops", "visitor", true));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "Guests have no account to ban; kick them instead.", "ban");
        alice.send(new KickMember("#ops", "visitor", null));
        assertEquals("kicked by alice", guest.await(Left.class, l -> l.name().equals("visitor")).reason());
    }

    @Test
    void rolesAndTheTopicLockLastAcrossARestart() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        TestClient alice = inRoom("#ops", "alice", "bob").getFirst();
        alice.send(new SetRole("#ops", "bob", "operator"));
        alice.await(RoleChanged.class);
        alice.send(new ChangeSettings("#ops", false));
        alice.await(SettingsChanged.class);
        server.close();
        start(config);

        TestClient again = server.enter2("alice");
        again.send(new Who("#ops"));
        assertEquals(List.of("owner", "operator"),
                again.await(Members.class).users().stream().map(Member::role).toList());
        again.send(new JoinRoom("#ops"));
        assertEquals(false, again.await(RoomInfo.class).topicLocked());
    }

    @Test
    void membershipsAndTopicsLastAcrossARestartAndALoginReplaysWhatWasMissedPerRoom() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        TestClient alice = server.enter2("alice");
        join(alice, "#ops");
        alice.send(new SetTopic("#ops", "Deploys"));
        alice.await(TopicChanged.class);
        for (String text : List.of("one", "two", "three")) {
            alice.send(Say.inRoom("#ops", text, null));
            alice.await(ChatMessage.class, m -> m.text().equals(text));
        }
        server.close();
        start(config);
        TestClient again = server.connect();
        again.hello(Protocol.ROOMS_VERSION);

        again.send(new Login("alice", TestServer.password("alice")).seeing(Map.of("#OPS", 2L)));

        assertEquals(new LoggedIn("alice", 1, null, List.of(new RoomInfo("#lobby", null, 1, 1, true),
                new RoomInfo("#ops", "Deploys", 1, 1, true))), TestClient.withoutToken(again.next()));
        assertEquals(new HistoryEnd(0, false, "#lobby"), again.next());
        assertEquals(new ChatMessage(3, T0, "alice", "three", true, null, "#ops"), again.next());
        assertEquals(new HistoryEnd(1, false, "#ops"), again.next());
    }

    @Test
    void aResumeReplaysWhatWasMissedInEachRoomExactlyOnce() {
        start(TestServer.config(dir));
        TestClient alice = server.connect();
        alice.hello(Protocol.ROOMS_VERSION);
        String token = alice.login2(new Login("alice", TestServer.password("alice"))).resume();
        join(alice, "#ops");
        TestClient bob = server.enter2("bob");
        join(bob, "#ops");
        bob.send(Say.inRoom("#ops", "seen", null));
        long seen = alice.await(ChatMessage.class, m -> m.text().equals("seen")).id();
        alice.drop();
        bob.await(Presence.class, p -> p.name().equals("alice") && p.room().equals("#ops"));
        bob.send(Say.inRoom("#ops", "missed", null));
        bob.send(Say.inRoom("#lobby", "missed in the lobby", null));
        bob.await(ChatMessage.class, m -> m.text().equals("missed in the lobby"));
        TestClient back = server.connect();
        back.hello(Protocol.ROOMS_VERSION);

        back.send(Login.resuming("alice", token, 0).seeing(Map.of("#ops", seen, "#lobby", 0L)));

        assertEquals(List.of(new RoomInfo("#lobby", null, 2, 2, true), new RoomInfo("#ops", null, 2, 2, true)),
                back.await(LoggedIn.class).rooms());
        assertEquals(new ChatMessage(1, T0, "bob", "missed in the lobby", true, null, "#lobby"), back.next());
        assertEquals(new HistoryEnd(1, false, "#lobby"), back.next());
        assertEquals(new ChatMessage(seen + 1, T0, "bob", "missed", true, null, "#ops"), back.next());
        assertEquals(new HistoryEnd(1, false, "#ops"), back.next());
        bob.send(Say.inRoom("#ops", "live again", null));
        assertEquals(List.of("live again"), back.receivedUntilNow("#ops").stream()
                .filter(ChatMessage.class::isInstance).map(m -> ((ChatMessage) m).text()).toList());
    }

    @Test
    void guestsJoinButDoNotMakeRoomsAndNobodyIsInMoreRoomsThanAllowed() {
        start(TestServer.config(dir).withGuests(true).toBuilder().maxRoomsPerUser(2).build());
        TestClient alice = server.enter2("alice");
        join(alice, "#ops");
        TestClient guest = server.connect();
        guest.hello(Protocol.ROOMS_VERSION);
        guest.login2(Login.asGuest("visitor"));

        guest.send(new JoinRoom("#new"));
        guest.awaitError(ErrorCode.ROOM_CREATION_DISABLED, "Only people with an account can make rooms here; join one"
                + " that exists.", "join");
        join(guest, "#ops");
        alice.send(new JoinRoom("#third"));
        alice.awaitError(ErrorCode.TOO_MANY_ROOMS, "You are in 2 rooms, the most this server allows; leave one"
                + " first.", "join");
    }

    @Test
    void aFileOfferedToARoomGoesToThoseInItAndIsRecordedThere() throws Exception {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        TestClient olga = server.enter("olga");
        join(alice, "#ops");
        join(bob, "#ops");
        byte[] bytes = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(bytes));

        alice.send(new FileOffer("t1", "notes.txt", bytes.length, null, "#ops"));
        alice.await(FileAck.class);
        alice.send(FileChunk.of("t1", 1, bytes, 0, bytes.length));
        alice.send(new FileDone("t1", sha256));

        FileOffered offered = bob.await(FileOffered.class);
        assertEquals(new FileOffered(offered.tid(), T0, "alice", "notes.txt", bytes.length, null, "#ops"), offered);
        bob.await(FileDone.class);
        bob.send(new FileDone(offered.tid(), sha256));
        assertEquals(new FileDone("t1", sha256, 1, 1), alice.await(FileDone.class));
        assertEquals(new FileShared(1, T0, "alice", "notes.txt", bytes.length, false, "#ops"),
                bob.await(FileShared.class));
        assertEquals(List.of(), only(olga.receivedUntilNow(), FileOffered.class), "olga is not in #ops");
        alice.send(new FileOffer("t2", "x.txt", 1, null, "#nowhere"));
        assertEquals(new FileCancel("t2", FileCancel.BAD_OFFER, "There is no room called '#nowhere'."),
                alice.await(FileCancel.class));
    }

    @Test
    void aGuestsRoomsWaitForItsResumeAndEndWhenItIsTooLate() {
        start(TestServer.config(dir).withGuests(true));
        TestClient alice = server.enter2("alice");
        join(alice, "#ops");
        TestClient guest = server.connect();
        guest.hello(Protocol.ROOMS_VERSION);
        String token = guest.login2(Login.asGuest("visitor")).resume();
        join(guest, "#ops");
        guest.drop();
        alice.await(Presence.class, p -> p.name().equals("visitor") && p.room().equals("#ops"));
        server.sweepGuests();
        TestClient back = server.connect();
        back.hello(Protocol.ROOMS_VERSION);

        LoggedIn resumed = back.login2(Login.resuming("visitor", token, 0));

        assertEquals(List.of("#lobby", "#ops"), resumed.rooms().stream().map(RoomInfo::name).toList());
        String again = resumed.resume();
        back.drop();
        alice.await(Presence.class, p -> p.name().equals("visitor") && !p.isOnline() && p.room().equals("#ops"));
        server.clock().advance(ServerConfig.DEFAULT_RESUME_VALIDITY.plusMinutes(1));
        server.sweepGuests();
        alice.send(new Who("#ops"));
        assertEquals(List.of("alice"), names(alice.await(Members.class)), "the guest is no longer a member");
        assertTrue(again != null);
    }

    @Test
    void aRenameIsToldOnceToSomeoneSharingTwoRooms() {
        start(TestServer.config(dir));
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");
        join(alice, "#ops");
        join(bob, "#ops");

        alice.send(new Nick("ally"));

        assertEquals(new Renamed(T0, "alice", "ally", 2), bob.await(Renamed.class));
        assertEquals(List.of(), only(bob.receivedUntilNow("#ops"), Renamed.class));
    }

    @Test
    void operatorsKickMembersWhoMayComeBackButNotTheOwnerOrEachOther() {
        Trio ops = threeIn("#ops");
        ops.alice().send(new SetRole("#ops", "bob", "operator"));
        ops.carol().await(RoleChanged.class);

        ops.carol().send(new KickMember("#ops", "bob", null));
        ops.carol().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can kick here.", "kick");
        ops.bob().send(new KickMember("#ops", "alice", null));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED, "No one can kick the owner of #ops.", "kick");
        ops.bob().send(new KickMember("#ops", "dave", null));
        ops.bob().awaitError(ErrorCode.NOT_A_MEMBER, "dave is not in #ops.", "kick");
        ops.bob().send(new KickMember("#ops", "bob", null));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED, "You cannot kick yourself; part to leave.", "kick");
        ops.bob().send(new KickMember("#ops", "carol", "too loud"));

        assertEquals(new Left(T0, "carol", 2, "kicked by bob: too loud", "#ops"),
                ops.carol().await(Left.class, l -> l.name().equals("carol")));
        assertEquals(new Left(T0, "carol", 2, "kicked by bob: too loud", "#ops"),
                ops.alice().await(Left.class, l -> l.name().equals("carol")));
        ops.carol().send(Say.inRoom("#ops", "still here?", null));
        ops.carol().awaitError(ErrorCode.NOT_IN_ROOM, "You are not in #ops; join it first.", "say");
        join(ops.carol(), "#ops");
        ops.alice().send(new KickMember("#ops", "bob", null));
        assertEquals("kicked by alice", ops.bob().await(Left.class, l -> l.name().equals("bob")).reason());
    }

    @Test
    void aBannedAccountIsPutOutAndNeverGetsBackInUntilUnbanned() {
        Trio ops = threeIn("#ops");

        ops.bob().send(new BanMember("#ops", "carol", true));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can ban here.", "ban");
        ops.alice().send(new BanMember("#ops", "nobody", true));
        ops.alice().awaitError(ErrorCode.NO_SUCH_ACCOUNT, "nobody has no account here.", "ban");
        ops.alice().send(new BanMember("#ops", "carol", true));

        assertEquals(new BanChanged("#ops", T0, "carol", "alice", true), ops.bob().await(BanChanged.class));
        assertEquals(new Left(T0, "carol", 2, "banned by alice", "#ops"),
                ops.carol().await(Left.class, l -> l.name().equals("carol")));
        for (int i = 0; i < 3; i++) {
            ops.carol().send(new JoinRoom("#OPS"));
            ops.carol().awaitError(ErrorCode.BANNED, "You are banned from #ops.", "join");
        }
        ops.alice().send(new ListBans("#ops"));
        assertEquals(new BanList("#ops", List.of("carol"), false), ops.alice().await(BanList.class));
        ops.bob().send(new ListBans("#ops"));
        ops.bob().awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can see its bans.", "bans");

        ops.alice().send(new BanMember("#ops", "carol", false));
        assertEquals(new BanChanged("#ops", T0, "carol", "alice", false), ops.bob().await(BanChanged.class,
                b -> !b.banned()));
        join(ops.carol(), "#ops");
    }

    @Test
    void anOfflineMemberCanBeBannedAndBansLastAcrossARestart() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        List<TestClient> clients = inRoom("#ops", "alice", "bob");
        clients.get(1).logout();
        clients.get(0).send(new BanMember("#ops", "BOB", true));
        assertEquals(new Left(T0, "bob", 1, "banned by alice", "#ops"),
                clients.get(0).await(Left.class, l -> l.name().equals("bob")));
        server.close();
        start(config);

        TestClient bob = server.enter2("bob");
        bob.send(new JoinRoom("#ops"));
        bob.awaitError(ErrorCode.BANNED, "You are banned from #ops.", "join");
    }

    @Test
    void anInviteOnlyRoomLetsInWhoeverIsInvitedOnceWithinADay() {
        start(TestServer.config(dir));
        List<TestClient> clients = inRoom("#ops", "alice", "bob");
        TestClient alice = clients.get(0);
        TestClient carol = server.enter2("carol");
        TestClient dave = server.enter2("dave");
        alice.send(new ChangeSettings("#ops", null, true));
        assertEquals(new SettingsChanged("#ops", T0, "alice", true, true), alice.await(SettingsChanged.class));

        carol.send(new JoinRoom("#ops"));
        carol.awaitError(ErrorCode.INVITE_ONLY, "#ops is invite-only; ask its owner or an operator for an invite.",
                "join");
        carol.send(new ListRooms(null, null, null));
        assertEquals(true, carol.await(RoomList.class).rooms().stream().filter(r -> r.name().equals("#ops"))
                .findFirst().orElseThrow().inviteOnly(), "still listed, marked invite-only");
        clients.get(1).send(new InviteMember("#ops", "carol"));
        clients.get(1).awaitError(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can invite here.",
                "invite");
        alice.send(new InviteMember("#ops", "bob"));
        alice.awaitError(ErrorCode.ALREADY_MEMBER, "bob is in #ops already.", "invite");
        alice.send(new InviteMember("#ops", "nobody"));
        alice.awaitError(ErrorCode.NO_SUCH_ACCOUNT, "nobody has no account here; guests cannot be invited.", "invite");
        alice.send(new InviteMember("#ops", "CAROL"));
        Invited invited = new Invited("#ops", T0, "carol", "alice", T0 + 24 * 3600_000L);
        assertEquals(invited, alice.await(Invited.class));
        assertEquals(invited, carol.await(Invited.class));
        join(carol, "#ops");
        carol.send(new PartRoom("#ops", null));
        carol.await(Left.class, l -> l.name().equals("carol"));
        carol.send(new JoinRoom("#ops"));
        carol.awaitError(ErrorCode.INVITE_ONLY, "#ops is invite-only; ask its owner or an operator for an invite.",
                "join");

        alice.send(new InviteMember("#ops", "dave"));
        alice.await(Invited.class, i -> i.name().equals("dave"));
        server.clock().advance(java.time.Duration.ofHours(25));
        dave.send(new JoinRoom("#ops"));
        dave.awaitError(ErrorCode.INVITE_ONLY, "#ops is invite-only; ask its owner or an operator for an invite.",
                "join");
    }

    @Test
    void theOwnerDeletesARoomWithItsHistoryAndItStaysGoneAfterARestart() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        List<TestClient> clients = inRoom("#ops", "alice", "bob");
        TestClient alice = clients.get(0);
        TestClient bob = clients.get(1);
        alice.send(Say.inRoom("#ops", "secret plans", null));
        bob.await(ChatMessage.class, m -> m.text().equals("secret plans"));

        bob.send(new DeleteRoom("#ops", "#ops"));
        bob.awaitError(ErrorCode.NOT_ALLOWED, "Only the owner of #ops can delete it.", "delete_room");
        alice.send(new DeleteRoom("#ops", "#opz"));
        alice.awaitError(ErrorCode.BAD_MESSAGE, "To delete #ops, repeat its name in 'confirm'.", "delete_room");
        alice.send(new DeleteRoom("#lobby", "#lobby"));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "The default room #lobby cannot be deleted.", "delete_room");
        alice.send(new DeleteRoom("#ops", "#OPS"));

        assertEquals(new RoomDeleted("#ops", T0, "alice"), bob.await(RoomDeleted.class));
        bob.send(Say.inRoom("#ops", "hello?", null));
        bob.awaitError(ErrorCode.UNKNOWN_ROOM, "There is no room called '#ops'.", "say");
        server.close();
        start(config);
        TestClient again = server.enter2("bob");
        again.send(new ListRooms(null, null, null));
        assertEquals(List.of("#lobby"), again.await(RoomList.class).rooms().stream().map(RoomInfo::name).toList());
        again.send(new JoinRoom("#ops"));
        assertEquals(new RoomInfo("#ops", null, 1, 1, true), again.await(RoomInfo.class));
        assertEquals(new HistoryEnd(0, false, "#ops"), again.await(HistoryEnd.class), "a new room, nothing of the old");
    }

    @Test
    void aServerOperatorKeepsOrderInEveryRoomAsItsOwnerWould() {
        start(TestServer.config(dir).toBuilder().admins(java.util.Set.of("Mod")).build());
        List<TestClient> clients = inRoom("#ops", "alice", "bob", "carol");
        TestClient alice = clients.get(0);
        alice.send(new SetRole("#ops", "bob", "operator"));
        alice.await(RoleChanged.class);
        alice.send(new ChangeSettings("#ops", null, true));
        alice.await(SettingsChanged.class);
        TestClient mod = server.enter2("mod");

        join(mod, "#ops");
        mod.send(new KickMember("#ops", "bob", "calm down"));
        assertEquals("kicked by mod: calm down", clients.get(1).await(Left.class,
                l -> l.name().equals("bob")).reason());
        mod.send(new KickMember("#ops", "alice", null));
        mod.awaitError(ErrorCode.NOT_ALLOWED, "No one can kick the owner of #ops.", "kick");
        mod.send(new SetRole("#ops", "carol", "owner"));
        assertEquals(new RoleChanged("#ops", T0, "alice", "operator", "mod"), clients.get(2).await(RoleChanged.class,
                r -> r.by().equals("mod")));
        assertEquals(new RoleChanged("#ops", T0, "carol", "owner", "mod"), clients.get(2).await(RoleChanged.class,
                r -> r.by().equals("mod") && r.name().equals("carol")));
        mod.send(new DeleteRoom("#ops", "#ops"));
        assertEquals(new RoomDeleted("#ops", T0, "mod"), clients.get(2).await(RoomDeleted.class));
    }

    @Test
    void withRoomCreationForOperatorsOnlyTheyMakeRooms() {
        start(TestServer.config(dir).toBuilder().admins(java.util.Set.of("mod"))
                .roomCreation(chatroom.server.RoomCreation.OPERATORS).build());
        TestClient alice = server.enter2("alice");
        TestClient mod = server.enter2("mod");

        alice.send(new JoinRoom("#mine"));
        alice.awaitError(ErrorCode.ROOM_CREATION_DISABLED, "Only the server's operators can make rooms here; join one"
                + " that exists.", "join");
        join(mod, "#news");
        join(alice, "#news");
    }

    @Test
    void theConsoleKeepsOrderInRoomsAndBansAccountsFromTheServer() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        Trio ops = threeIn("#ops");
        ServerControl console = server.control();

        assertEquals(List.of("#lobby", "#ops"), console.rooms().stream().map(RoomInfo::name).toList());
        assertEquals(Optional.of("No one can kick the owner of #ops."), console.kickFromRoom("#ops", "alice", null));
        assertEquals(Optional.empty(), console.kickFromRoom("#ops", "bob", "spam"));
        assertEquals("kicked by the server operator: spam", ops.bob().await(Left.class,
                l -> l.name().equals("bob")).reason());
        assertEquals(Optional.empty(), console.banFromRoom("#ops", "carol", true));
        assertEquals(new BanChanged("#ops", T0, "carol", "the server operator", true),
                ops.alice().await(BanChanged.class));
        RoomReport report = console.room("#OPS").orElseThrow();
        assertEquals(List.of("alice"), report.members().stream().map(Member::name).toList());
        assertEquals(List.of("carol"), report.bans());
        assertEquals(Optional.of("There is no room called '#nowhere'."), console.closeRoom("#nowhere"));
        assertEquals(Optional.of("The default room #lobby cannot be closed."), console.closeRoom("#lobby"));
        assertEquals(Optional.empty(), console.closeRoom("#ops"));
        assertEquals(new RoomDeleted("#ops", T0, "the server operator"), ops.alice().await(RoomDeleted.class));

        assertEquals(Optional.of("nobody has no account here."), console.banFromServer("nobody", true));
        assertEquals(Optional.empty(), console.banFromServer("bob", true));
        assertEquals("This account is banned from this server.", ops.bob().await(Bye.class).reason());
        server.close();
        start(config);
        TestClient bob = server.connect();
        bob.hello(Protocol.ROOMS_VERSION);
        bob.send(new Login("bob", TestServer.password("bob")));
        bob.awaitError(ErrorCode.BANNED, "This account is banned from this server.", "login");
        assertEquals(Optional.empty(), server.control().banFromServer("BOB", false));
        server.enter2("bob");
    }

    @Test
    void aProtocolOneClientKickedFromTheDefaultRoomIsDisconnectedAndBannedFromItIsRefused() {
        start(TestServer.config(dir));
        TestClient old = server.enter("bob");
        TestClient alice = server.enter2("alice");
        ServerControl console = server.control();

        assertEquals(Optional.empty(), console.kickFromRoom("#lobby", "bob", "spam"));
        assertEquals(new Bye(Bye.KICKED, "You were kicked by the server operator: spam."), old.await(Bye.class));
        assertEquals(new Left(T0, "bob", 1, "kicked by the server operator: spam", "#lobby"),
                alice.await(Left.class), "the membership ended, which says it went offline too");
        TestClient back = server.enter("bob");
        assertEquals(Optional.empty(), console.banFromRoom("#lobby", "bob", true));
        assertEquals(new Bye(Bye.KICKED, "You were banned by the server operator."), back.await(Bye.class));
        TestClient again = helloed();
        again.send(new Login("bob", TestServer.password("bob")));
        again.awaitError(ErrorCode.BANNED, "You are banned from #lobby.", "login");
    }

    @Test
    void aRoomWhoseOwnerAccountIsRemovedPassesToItsLongestStandingOperator() {
        ServerConfig config = TestServer.config(dir);
        start(config);
        Trio ops = threeIn("#ops");
        ops.alice().send(new SetRole("#ops", "carol", "operator"));
        ops.bob().await(RoleChanged.class);
        ops.alice().send(new SetRole("#ops", "bob", "operator"));
        ops.carol().await(RoleChanged.class, r -> r.name().equals("bob"));
        join(ops.alice(), "#solo");
        server.close();
        try (Accounts accounts = Accounts.open(dir)) {
            accounts.remove("alice");
        }
        start(config);

        RoomReport report = server.control().room("#ops").orElseThrow();
        assertEquals(List.of("bob owner", "carol operator"), report.members().stream()
                .map(m -> m.name() + " " + m.role()).toList(), "bob joined before carol");
        assertEquals(List.of(), server.control().room("#solo").orElseThrow().members());
    }

    @Test
    void aServerOperatorBansAnAccountFromTheServerOthersMayNot() {
        start(TestServer.config(dir).toBuilder().admins(java.util.Set.of("mod")).build());
        TestClient mod = server.enter2("mod");
        TestClient alice = server.enter2("alice");
        TestClient bob = server.enter2("bob");

        alice.send(new ServerBan("bob", true));
        alice.awaitError(ErrorCode.NOT_ALLOWED, "Only the server's operators can ban from the server.", "server_ban");
        mod.send(new ServerBan("mod", true));
        mod.awaitError(ErrorCode.NOT_ALLOWED, "You cannot ban yourself.", "server_ban");
        mod.send(new ServerBan("nobody", true));
        mod.awaitError(ErrorCode.NO_SUCH_ACCOUNT, "nobody has no account here.", "server_ban");
        mod.send(new ServerBan("BOB", true));

        assertEquals(new ServerBanChanged(T0, "bob", true), mod.await(ServerBanChanged.class));
        assertEquals("This account is banned from this server.", bob.await(Bye.class).reason());
        mod.send(new ServerBan("bob", false));
        assertEquals(new ServerBanChanged(T0, "bob", false), mod.await(ServerBanChanged.class, b -> !b.banned()));
        server.enter2("bob");
    }
}
