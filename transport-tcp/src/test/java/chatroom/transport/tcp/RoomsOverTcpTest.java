package chatroom.transport.tcp;

import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Invited;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.RoleChanged;
import chatroom.api.message.RoomDeleted;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.RoomList;
import chatroom.api.message.SettingsChanged;
import chatroom.api.message.TopicChanged;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCP transport speaking protocol 2 when asked for rooms, against a real server, reconnecting room by room. */
class RoomsOverTcpTest {
    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private ChatService client(RecordingListener listener, int port, boolean rooms) {
        ConnectOptions options = new ConnectOptions("127.0.0.1", port,
                rooms ? Map.of(ConnectOptions.ROOMS, List.of("true")) : Map.of());
        return closing(new TcpChatService(options, listener, null, RunningServer.QUICK));
    }

    @Test
    void withoutTheRoomsSettingTheSessionHasNoRooms() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data), 0, null));
        ChatService plain = client(new RecordingListener("alice"), server.port(), false);
        plain.login("alice", "pw".toCharArray());

        assertFalse(plain.hasRooms());
        assertThrows(UnsupportedOperationException.class, () -> plain.join("#ops"));
    }

    /** alice and bob logged in over TCP with rooms, both in #ops, which alice made. */
    private record TwoInOps(RecordingListener alice, RecordingListener bob, ChatService aliceService,
                            ChatService bobService) {
    }

    private TwoInOps twoInOps(RunningServer server) throws Exception {
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client(alice, server.port(), true);
        ChatService bobService = client(bob, server.port(), true);
        aliceService.login("alice", "pw".toCharArray());
        bobService.login("bob", "pw".toCharArray());
        aliceService.join("#ops");
        alice.await(Joined.class, j -> "#ops".equals(j.room()));
        bobService.join("#ops");
        alice.await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("bob"));
        return new TwoInOps(alice, bob, aliceService, bobService);
    }

    @Test
    void everyRoomRequestAndItsRefusalsOverTcp() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data).toBuilder().maxRoomsPerUser(3)
                .build(), 0, null));
        TwoInOps ops = twoInOps(server);
        RecordingListener alice = ops.alice();
        RecordingListener bob = ops.bob();
        ChatService aliceService = ops.aliceService();
        ChatService bobService = ops.bobService();

        aliceService.setTopic("#ops", "Deploys");
        assertEquals(new TopicChanged("#ops", bob.await(TopicChanged.class).ts(), "alice", "Deploys"),
                alice.await(TopicChanged.class));
        bobService.setTopic("#ops", "mine");
        assertEquals(new ErrorReply(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can set its topic.",
                "topic"),
                bob.await(ErrorReply.class));
        bobService.whoIn("#ops");
        assertEquals(List.of("alice", "bob"), bob.await(Members.class).users().stream().map(Member::name).toList());
        aliceService.sayIn("#ops", "one");
        bob.await(ChatMessage.class, m -> m.text().equals("one"));
        bobService.historyOf("#ops", 0, 10);
        assertEquals(new HistoryEnd(1, false, "#ops"), bob.await(HistoryEnd.class, e -> "#ops".equals(e.room())
                && e.count() == 1));
        bobService.sayIn("#nowhere", "hello?");
        assertEquals(ErrorCode.UNKNOWN_ROOM.wireName(), bob.await(ErrorReply.class,
                e -> "say".equals(e.ref())).code());
        bobService.join("#two");
        bob.await(Joined.class, j -> "#two".equals(j.room()));
        bobService.join("#three");
        assertEquals(new ErrorReply(ErrorCode.TOO_MANY_ROOMS, "You are in 3 rooms, the most this server allows;"
                + " leave one first.", "join"), bob.await(ErrorReply.class, e -> "join".equals(e.ref())));
        bobService.part("#ops", "done");
        assertEquals(new Left(alice.await(Left.class).ts(), "bob", 1, "left: done", "#ops"),
                bob.await(Left.class));
        bobService.sayIn("#ops", "still here?");
        assertEquals(ErrorCode.NOT_IN_ROOM.wireName(), bob.await(ErrorReply.class,
                e -> "say".equals(e.ref()) && e.code().equals(ErrorCode.NOT_IN_ROOM.wireName())).code());
    }

    @Test
    void rolesAndTheTopicLockOverTcp() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data), 0, null));
        TwoInOps ops = twoInOps(server);
        RecordingListener alice = ops.alice();
        RecordingListener bob = ops.bob();
        ChatService aliceService = ops.aliceService();
        ChatService bobService = ops.bobService();

        bobService.lockTopic("#ops", false);
        assertEquals(new ErrorReply(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can change its"
                + " settings.", "settings"), bob.await(ErrorReply.class));
        bobService.setRole("#ops", "bob", "operator");
        assertEquals(new ErrorReply(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can give or take"
                + " operator.", "role"), bob.await(ErrorReply.class, e -> "role".equals(e.ref())));
        aliceService.setRole("#ops", "nobody", "operator");
        assertEquals(new ErrorReply(ErrorCode.NOT_A_MEMBER, "nobody is not a member of #ops.", "role"),
                alice.await(ErrorReply.class));
        aliceService.setRole("#ops", "bob", "operator");
        RoleChanged made = bob.await(RoleChanged.class);
        assertEquals(new RoleChanged("#ops", made.ts(), "bob", "operator", "alice"), made);
        bobService.lockTopic("#ops", false);
        SettingsChanged opened = alice.await(SettingsChanged.class);
        assertEquals(new SettingsChanged("#ops", opened.ts(), "bob", false), opened);
    }

    @Test
    void kicksAndBansOverTcp() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data), 0, null));
        TwoInOps ops = twoInOps(server);

        ops.bobService().kick("#ops", "alice", "mutiny");
        assertEquals(new ErrorReply(ErrorCode.NOT_ALLOWED, "Only the owner and operators of #ops can kick here.",
                "kick"), ops.bob().await(ErrorReply.class));
        ops.aliceService().kick("#ops", "bob", "too loud");
        assertEquals("kicked by alice: too loud", ops.bob().await(Left.class, l -> l.name().equals("bob")).reason());
        ops.bobService().join("#ops");
        ops.alice().await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("bob"));
        ops.aliceService().ban("#ops", "bob", true);
        BanChanged banned = ops.alice().await(BanChanged.class);
        assertEquals(new BanChanged("#ops", banned.ts(), "bob", "alice", true), banned);
        assertEquals("banned by alice", ops.bob().await(Left.class, l -> l.reason().startsWith("banned")).reason());
        ops.bobService().join("#ops");
        assertEquals(new ErrorReply(ErrorCode.BANNED, "You are banned from #ops.", "join"),
                ops.bob().await(ErrorReply.class, e -> "join".equals(e.ref())));
        ops.aliceService().listBans("#ops");
        assertEquals(new BanList("#ops", List.of("bob"), false), ops.alice().await(BanList.class));
    }

    @Test
    void everyModerationRefusalOverTcp() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data).toBuilder()
                .admins(java.util.Set.of("mod")).build(), 0, null));
        TwoInOps ops = twoInOps(server);
        RecordingListener mod = new RecordingListener("mod");
        ChatService modService = client(mod, server.port(), true);
        modService.login("mod", "pw".toCharArray());
        RecordingListener carol = new RecordingListener("carol");
        ChatService carolService = client(carol, server.port(), true);
        carolService.login("carol", "pw".toCharArray());
        carolService.join("#ops");
        ops.alice().await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("carol"));
        ops.aliceService().setRole("#ops", "bob", "operator");
        ops.bob().await(RoleChanged.class);

        Map<Runnable, ErrorReply> refusals = new java.util.LinkedHashMap<>();
        refusals.put(() -> carolService.setRole("#ops", "bob", "member"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can give or take operator.", "role"));
        refusals.put(() -> carolService.setRole("#ops", "nobody", "operator"), new ErrorReply(ErrorCode.NOT_A_MEMBER,
                "nobody is not a member of #ops.", "role"));
        refusals.put(() -> carolService.kick("#ops", "alice", null), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can kick here.", "kick"));
        refusals.put(() -> carolService.ban("#ops", "bob", true), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can ban here.", "ban"));
        refusals.put(() -> carolService.invite("#ops", "mod"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can invite here.", "invite"));
        refusals.put(() -> carolService.listBans("#ops"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can see its bans.", "bans"));
        refusals.put(() -> carolService.deleteRoom("#ops", "#ops"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner of #ops can delete it.", "delete_room"));
        refusals.put(() -> carolService.banFromServer("bob", true), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the server's operators can ban from the server.", "server_ban"));
        refusals.put(() -> carolService.setTopic("#ops", "mine"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner and operators of #ops can set its topic.", "topic"));
        for (Map.Entry<Runnable, ErrorReply> refusal : refusals.entrySet()) {
            refusal.getKey().run();
            assertEquals(refusal.getValue(), carol.await(ErrorReply.class));
        }

        refusals.clear();
        refusals.put(() -> ops.bobService().kick("#ops", "alice", null), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "No one can kick the owner of #ops.", "kick"));
        refusals.put(() -> ops.bobService().kick("#ops", "bob", null), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "You cannot kick yourself; part to leave.", "kick"));
        refusals.put(() -> ops.bobService().kick("#ops", "dave", null), new ErrorReply(ErrorCode.NOT_A_MEMBER,
                "dave is not in #ops.", "kick"));
        refusals.put(() -> ops.bobService().ban("#ops", "alice", true), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "No one can ban the owner of #ops.", "ban"));
        refusals.put(() -> ops.bobService().ban("#ops", "nobody", true), new ErrorReply(ErrorCode.NO_SUCH_ACCOUNT,
                "nobody has no account here.", "ban"));
        refusals.put(() -> ops.bobService().invite("#ops", "carol"), new ErrorReply(ErrorCode.ALREADY_MEMBER,
                "carol is in #ops already.", "invite"));
        refusals.put(() -> ops.bobService().invite("#ops", "nobody"), new ErrorReply(ErrorCode.NO_SUCH_ACCOUNT,
                "nobody has no account here; guests cannot be invited.", "invite"));
        refusals.put(() -> ops.bobService().setRole("#ops", "alice", "member"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "Only the owner of #ops can hand it over, which ends its ownership.", "role"));
        refusals.put(() -> ops.aliceService().deleteRoom("#ops", "#opz"), new ErrorReply(ErrorCode.BAD_MESSAGE,
                "To delete #ops, repeat its name in 'confirm'.", "delete_room"));
        refusals.put(() -> ops.aliceService().deleteRoom("#lobby", "#lobby"), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "The default room #lobby cannot be deleted.", "delete_room"));
        refusals.put(() -> modService.banFromServer("mod", true), new ErrorReply(ErrorCode.NOT_ALLOWED,
                "You cannot ban yourself.", "server_ban"));
        refusals.put(() -> modService.banFromServer("nobody", true), new ErrorReply(ErrorCode.NO_SUCH_ACCOUNT,
                "nobody has no account here.", "server_ban"));
        for (Map.Entry<Runnable, ErrorReply> refusal : refusals.entrySet()) {
            RecordingListener asker = refusal.getValue().ref().equals("server_ban") ? mod
                    : refusal.getValue().ref().equals("delete_room") ? ops.alice() : ops.bob();
            refusal.getKey().run();
            assertEquals(refusal.getValue(), asker.await(ErrorReply.class));
        }
    }

    @Test
    void anInviteOnlyRoomOverTcp() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data), 0, null));
        TwoInOps ops = twoInOps(server);
        RecordingListener carol = new RecordingListener("carol");
        ChatService carolService = client(carol, server.port(), true);
        carolService.login("carol", "pw".toCharArray());

        ops.aliceService().setInviteOnly("#ops", true);
        assertTrue(ops.bob().await(SettingsChanged.class).inviteOnly());
        carolService.join("#ops");
        assertEquals(ErrorCode.INVITE_ONLY.wireName(), carol.await(ErrorReply.class).code());
        ops.aliceService().invite("#ops", "carol");
        assertEquals("alice", carol.await(Invited.class).by());
        carolService.join("#ops");
        ops.bob().await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("carol"));

        ops.bobService().deleteRoom("#ops", "#ops");
        assertEquals(ErrorCode.NOT_ALLOWED.wireName(), ops.bob().await(ErrorReply.class,
                e -> "delete_room".equals(e.ref())).code());
        ops.aliceService().deleteRoom("#ops", "#ops");
        assertEquals("alice", carol.await(RoomDeleted.class).by());
    }

    @Test
    void roomsOverTcpAndAResumeThatMissesNothingInAnyRoom() throws Exception {
        RunningServer server = closing(RunningServer.start(RunningServer.config(data), 0, null));
        CuttableProxy network = closing(new CuttableProxy(server.port()));
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client(alice, server.port(), true);
        ChatService bobService = client(bob, network.port(), true);
        aliceService.login("alice", "pw".toCharArray());
        bobService.login("bob", "pw".toCharArray());
        assertTrue(bobService.hasRooms());
        aliceService.join("#ops");
        alice.await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("alice"));
        bobService.join("#ops");
        bob.await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("bob"));
        aliceService.sayIn("#ops", "one");
        bob.await(ChatMessage.class, m -> m.text().equals("one"));

        network.cut();
        bob.await(RecordingListener.Reconnecting.class);
        aliceService.sayIn("#ops", "two");
        aliceService.sayIn("#lobby", "three");
        alice.await(ChatMessage.class, m -> m.text().equals("three"));
        bob.await(RecordingListener.Reconnecting.class, r -> r.attempt() == 2);
        network.mend();

        bob.await(RecordingListener.Reconnected.class);
        assertEquals(new HistoryEnd(1, false, "#lobby"), bob.await(HistoryEnd.class, e -> "#lobby".equals(e.room())));
        assertEquals(new HistoryEnd(1, false, "#ops"), bob.await(HistoryEnd.class, e -> "#ops".equals(e.room())));
        aliceService.sayIn("#ops", "four");
        bob.await(ChatMessage.class, m -> m.text().equals("four"));
        assertEquals(List.of("one", "three (history)", "two (history)", "four"), bob.chats());

        bobService.listRooms(null, null);
        assertEquals(List.of(new RoomInfo("#lobby", null, 2, 2, true), new RoomInfo("#ops", null, 2, 2, true)),
                bob.await(RoomList.class).rooms());
    }
}
