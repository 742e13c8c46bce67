package chatroom.api.codec;

import chatroom.api.internal.JsonCodec;
import chatroom.api.internal.MessageTypes;
import chatroom.api.message.Announcement;
import chatroom.api.message.BanChanged;
import chatroom.api.message.BanList;
import chatroom.api.message.BanMember;
import chatroom.api.message.Bye;
import chatroom.api.message.ChangeSettings;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.DeleteRoom;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.InviteMember;
import chatroom.api.message.Invited;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Joined;
import chatroom.api.message.KickMember;
import chatroom.api.message.Left;
import chatroom.api.message.Limits;
import chatroom.api.message.ListConversations;
import chatroom.api.message.ListBans;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Message;
import chatroom.api.message.Nick;
import chatroom.api.message.PartRoom;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.Presence;
import chatroom.api.message.MarkRead;
import chatroom.api.message.PrivateHistory;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.ReadMoved;
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
import chatroom.api.message.Tell;
import chatroom.api.message.TopicChanged;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {
    private static final long TS = 1_700_000_000_123L;

    /** One sample of every client message, with the exact line it is written as. */
    static Stream<Arguments> clientMessages() {
        return Stream.of(
                Arguments.of(new Hello(1, "terminal 0.1 😀"), "{\"type\":\"hello\",\"protocol\":1,\"client\":\"terminal 0.1 😀\"}"),
                Arguments.of(new Hello(1, null), "{\"type\":\"hello\",\"protocol\":1}"),
                Arguments.of(new Login("小明", "pa\"ss\\wörd"), "{\"type\":\"login\",\"name\":\"小明\",\"password\":\"pa\\\"ss\\\\wörd\"}"),
                Arguments.of(Login.asGuest("访客"), "{\"type\":\"login\",\"name\":\"访客\",\"guest\":true}"),
                Arguments.of(new Say("你好 😀 <b>&'=</b>"), "{\"type\":\"say\",\"text\":\"你好 😀 <b>&'=</b>\"}"),
                Arguments.of(Say.inRoom("#ops", "deploying", "c9"),
                        "{\"type\":\"say\",\"text\":\"deploying\",\"cid\":\"c9\",\"room\":\"#ops\"}"),
                Arguments.of(new JoinRoom("#ops"), "{\"type\":\"join\",\"room\":\"#ops\"}"),
                Arguments.of(new PartRoom("#ops", "bye"), "{\"type\":\"part\",\"room\":\"#ops\",\"reason\":\"bye\"}"),
                Arguments.of(new ListRooms("op", "#lobby", 20),
                        "{\"type\":\"rooms\",\"filter\":\"op\",\"after\":\"#lobby\",\"limit\":20}"),
                Arguments.of(new SetTopic("#ops", "Deploys only"),
                        "{\"type\":\"topic\",\"room\":\"#ops\",\"text\":\"Deploys only\"}"),
                Arguments.of(new SetRole("#ops", "bob", "operator"),
                        "{\"type\":\"role\",\"room\":\"#ops\",\"name\":\"bob\",\"role\":\"operator\"}"),
                Arguments.of(new ChangeSettings("#ops", false),
                        "{\"type\":\"settings\",\"room\":\"#ops\",\"topicLocked\":false}"),
                Arguments.of(new KickMember("#ops", "bob", "spam"),
                        "{\"type\":\"kick\",\"room\":\"#ops\",\"name\":\"bob\",\"reason\":\"spam\"}"),
                Arguments.of(new BanMember("#ops", "bob", true),
                        "{\"type\":\"ban\",\"room\":\"#ops\",\"name\":\"bob\",\"banned\":true}"),
                Arguments.of(new ListBans("#ops"), "{\"type\":\"bans\",\"room\":\"#ops\"}"),
                Arguments.of(new ServerBan("bob", true), "{\"type\":\"server_ban\",\"name\":\"bob\",\"banned\":true}"),
                Arguments.of(new DeleteRoom("#ops", "#ops"),
                        "{\"type\":\"delete_room\",\"room\":\"#ops\",\"confirm\":\"#ops\"}"),
                Arguments.of(new InviteMember("#ops", "bob"),
                        "{\"type\":\"invite\",\"room\":\"#ops\",\"name\":\"bob\"}"),
                Arguments.of(new ChangeSettings("#ops", null, true),
                        "{\"type\":\"settings\",\"room\":\"#ops\",\"inviteOnly\":true}"),
                Arguments.of(new Login("bob", "pw").seeing(Map.of("#ops", 7L)),
                        "{\"type\":\"login\",\"name\":\"bob\",\"password\":\"pw\",\"seen\":{\"#ops\":7}}"),
                Arguments.of(new Who("#ops"), "{\"type\":\"who\",\"room\":\"#ops\"}"),
                Arguments.of(new Tell("bob", "悄悄话 🤫"), "{\"type\":\"tell\",\"to\":\"bob\",\"text\":\"悄悄话 🤫\"}"),
                Arguments.of(new Say("again", "c-1"), "{\"type\":\"say\",\"text\":\"again\",\"cid\":\"c-1\"}"),
                Arguments.of(new Tell("bob", "again", "c-2"),
                        "{\"type\":\"tell\",\"to\":\"bob\",\"text\":\"again\",\"cid\":\"c-2\"}"),
                Arguments.of(Login.resuming("小明", "dG9rZW4", 41),
                        "{\"type\":\"login\",\"name\":\"小明\",\"resume\":\"dG9rZW4\",\"since\":41}"),
                Arguments.of(new Login("bob", "pw", null, null, 7L),
                        "{\"type\":\"login\",\"name\":\"bob\",\"password\":\"pw\",\"since\":7}"),
                Arguments.of(new Nick("新名字"), "{\"type\":\"nick\",\"name\":\"新名字\"}"),
                Arguments.of(new Who(), "{\"type\":\"who\"}"),
                Arguments.of(new HistoryRequest(42L, 10), "{\"type\":\"history\",\"before\":42,\"limit\":10}"),
                Arguments.of(new HistoryRequest(null, null), "{\"type\":\"history\"}"),
                Arguments.of(new MarkRead("#ops", null, 42), "{\"type\":\"read\",\"room\":\"#ops\",\"id\":42}"),
                Arguments.of(new MarkRead(null, "bob", 7), "{\"type\":\"read\",\"with\":\"bob\",\"id\":7}"),
                Arguments.of(new ListConversations(null, 20), "{\"type\":\"conversations\",\"limit\":20}"),
                Arguments.of(new PrivateHistory("bob", 42L, 10),
                        "{\"type\":\"private_history\",\"with\":\"bob\",\"before\":42,\"limit\":10}"),
                Arguments.of(new Ping(), "{\"type\":\"ping\"}"),
                Arguments.of(new Logout(), "{\"type\":\"logout\"}"),
                Arguments.of(new FileOffer("t1", "报告.pdf", 20_971_520, null),
                        "{\"type\":\"file_offer\",\"tid\":\"t1\",\"name\":\"报告.pdf\",\"size\":20971520}"),
                Arguments.of(new FileOffer("t2", "a b.txt", 0, "bob"),
                        "{\"type\":\"file_offer\",\"tid\":\"t2\",\"name\":\"a b.txt\",\"size\":0,\"to\":\"bob\"}"),
                Arguments.of(FileChunk.of("t1", 1, new byte[] {0, 1, 2, (byte) 255}, 0, 4),
                        "{\"type\":\"file_chunk\",\"tid\":\"t1\",\"seq\":1,\"data\":\"AAEC/w==\"}"),
                Arguments.of(new FileAck("t1", 0), "{\"type\":\"file_ack\",\"tid\":\"t1\",\"seq\":0}"),
                Arguments.of(new FileDone("t1", "ab12"),
                        "{\"type\":\"file_done\",\"tid\":\"t1\",\"sha256\":\"ab12\"}"),
                Arguments.of(new FileCancel("t1", null, "Changed my mind."),
                        "{\"type\":\"file_cancel\",\"tid\":\"t1\",\"reason\":\"Changed my mind.\"}"));
    }

    /** One sample of every server message, with the exact line it is written as. */
    static Stream<Arguments> serverMessages() {
        return Stream.of(
                Arguments.of(new Welcome(1, "chatroom 0.1", new Limits(65536, 32, 2000, 50, 200, 5, 10),
                                List.of("history", "private")),
                        "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"chatroom 0.1\",\"limits\":{\"maxLineBytes\":65536,"
                                + "\"maxNameLength\":32,\"maxTextLength\":2000,\"historyOnJoin\":50,\"historyPageMax\":200,"
                                + "\"messagesPerSecond\":5,\"burst\":10},\"features\":[\"history\",\"private\"]}"),
                Arguments.of(new LoggedIn("小明", 3), "{\"type\":\"logged_in\",\"name\":\"小明\",\"online\":3}"),
                Arguments.of(new LoggedIn("bob", 2, "dG9rZW4", List.of(new RoomInfo("#lobby", null, 5, 2, true))),
                        "{\"type\":\"logged_in\",\"name\":\"bob\",\"online\":2,\"resume\":\"dG9rZW4\",\"rooms\":"
                                + "[{\"name\":\"#lobby\",\"members\":5,\"online\":2,\"topicLocked\":true}]}"),
                Arguments.of(new RoomInfo("#ops", "Deploys", 3, 1, true),
                        "{\"type\":\"room\",\"name\":\"#ops\",\"topic\":\"Deploys\",\"members\":3,\"online\":1,"
                                + "\"topicLocked\":true}"),
                Arguments.of(new RoomList(List.of(new RoomInfo("#ops", null, 3, 1, true)), true),
                        "{\"type\":\"room_list\",\"rooms\":[{\"name\":\"#ops\",\"members\":3,\"online\":1,"
                                + "\"topicLocked\":true}],"
                                + "\"more\":true}"),
                Arguments.of(new RoleChanged("#ops", TS, "bob", "operator", "alice"),
                        "{\"type\":\"role\",\"room\":\"#ops\",\"ts\":1700000000123,\"name\":\"bob\",\"role\":"
                                + "\"operator\",\"by\":\"alice\"}"),
                Arguments.of(new BanChanged("#ops", TS, "bob", "alice", true),
                        "{\"type\":\"ban\",\"room\":\"#ops\",\"ts\":1700000000123,\"name\":\"bob\",\"by\":\"alice\","
                                + "\"banned\":true}"),
                Arguments.of(new Invited("#ops", TS, "bob", "alice", 5),
                        "{\"type\":\"invite\",\"room\":\"#ops\",\"ts\":1700000000123,\"name\":\"bob\",\"by\":"
                                + "\"alice\",\"expires\":5}"),
                Arguments.of(new ServerBanChanged(TS, "bob", false),
                        "{\"type\":\"server_ban\",\"ts\":1700000000123,\"name\":\"bob\",\"banned\":false}"),
                Arguments.of(new RoomDeleted("#ops", TS, "alice"),
                        "{\"type\":\"room_deleted\",\"room\":\"#ops\",\"ts\":1700000000123,\"by\":\"alice\"}"),
                Arguments.of(new BanList("#ops", List.of("bob"), false),
                        "{\"type\":\"ban_list\",\"room\":\"#ops\",\"names\":[\"bob\"],\"more\":false}"),
                Arguments.of(new SettingsChanged("#ops", TS, "alice", false),
                        "{\"type\":\"settings\",\"room\":\"#ops\",\"ts\":1700000000123,\"by\":\"alice\","
                                + "\"topicLocked\":false,\"inviteOnly\":false}"),
                Arguments.of(new Members(List.of(new Member("bob", 5, null, true, "operator")), "#ops"),
                        "{\"type\":\"members\",\"users\":[{\"name\":\"bob\",\"since\":5,\"online\":true,"
                                + "\"role\":\"operator\"}],\"room\":\"#ops\"}"),
                Arguments.of(new TopicChanged("#ops", TS, "alice", "Deploys"),
                        "{\"type\":\"topic\",\"room\":\"#ops\",\"ts\":1700000000123,\"by\":\"alice\",\"text\":\"Deploys\"}"),
                Arguments.of(new Presence("#ops", TS, "bob", Presence.OFFLINE, "connection lost", 1),
                        "{\"type\":\"presence\",\"room\":\"#ops\",\"ts\":1700000000123,\"name\":\"bob\",\"status\":"
                                + "\"offline\",\"reason\":\"connection lost\",\"online\":1}"),
                Arguments.of(new LoggedIn("bob", 2, "dG9rZW4"),
                        "{\"type\":\"logged_in\",\"name\":\"bob\",\"online\":2,\"resume\":\"dG9rZW4\"}"),
                Arguments.of(new Welcome(1, "chatroom 0.1", new Limits(65536, 32, 4000, 100, 200, 20, 40, 65536, 262144),
                                List.of("resume", "cid")),
                        "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"chatroom 0.1\",\"limits\":{\"maxLineBytes\":65536,"
                                + "\"maxNameLength\":32,\"maxTextLength\":4000,\"historyOnJoin\":100,\"historyPageMax\":200,"
                                + "\"messagesPerSecond\":20,\"burst\":40,\"bytesPerSecond\":65536,\"byteBurst\":262144},"
                                + "\"features\":[\"resume\",\"cid\"]}"),
                Arguments.of(new ErrorReply(ErrorCode.SLOW_DOWN, "Slow down.", "say", "c-3"),
                        "{\"type\":\"error\",\"code\":\"slow_down\",\"message\":\"Slow down.\",\"ref\":\"say\",\"cid\":\"c-3\"}"),
                Arguments.of(new ChatMessage(9, TS, "bob", "again", false, "c-1"),
                        "{\"type\":\"message\",\"id\":9,\"ts\":1700000000123,\"from\":\"bob\",\"text\":\"again\","
                                + "\"history\":false,\"cid\":\"c-1\"}"),
                Arguments.of(new PrivateMessage(TS, "bob", "alice", "again", "c-2"),
                        "{\"type\":\"private\",\"ts\":1700000000123,\"from\":\"bob\",\"to\":\"alice\",\"text\":\"again\","
                                + "\"cid\":\"c-2\"}"),
                Arguments.of(new ErrorReply("wrong_password", "Wrong password.", "login"),
                        "{\"type\":\"error\",\"code\":\"wrong_password\",\"message\":\"Wrong password.\",\"ref\":\"login\"}"),
                Arguments.of(new ErrorReply(ErrorCode.BAD_JSON, "Not valid JSON.", null),
                        "{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"Not valid JSON.\"}"),
                Arguments.of(new ChatMessage(7, TS, "小明", "早上好 🌅 <i>", false),
                        "{\"type\":\"message\",\"id\":7,\"ts\":1700000000123,\"from\":\"小明\",\"text\":\"早上好 🌅 <i>\",\"history\":false}"),
                Arguments.of(new ChatMessage(Long.MAX_VALUE, Long.MIN_VALUE, "a", "b", true),
                        "{\"type\":\"message\",\"id\":9223372036854775807,\"ts\":-9223372036854775808,\"from\":\"a\","
                                + "\"text\":\"b\",\"history\":true}"),
                Arguments.of(new Announcement(8, TS, "Restart at 22:00 ⏰", true),
                        "{\"type\":\"announcement\",\"id\":8,\"ts\":1700000000123,\"text\":\"Restart at 22:00 ⏰\",\"history\":true}"),
                Arguments.of(new PrivateMessage(TS, "alice", "鲍勃", "psst"),
                        "{\"type\":\"private\",\"ts\":1700000000123,\"from\":\"alice\",\"to\":\"鲍勃\",\"text\":\"psst\"}"),
                Arguments.of(new PrivateMessage(TS, "alice", "bob", "while you were away", null, 7L, true, false,
                                false),
                        "{\"type\":\"private\",\"ts\":1700000000123,\"from\":\"alice\",\"to\":\"bob\","
                                + "\"text\":\"while you were away\",\"id\":7,\"away\":true}"),
                Arguments.of(new ConversationList(List.of(new ConversationList.Entry("#ops", null, 7, 42, 3L),
                                new ConversationList.Entry(null, "bob", 5, 2, null)), true),
                        "{\"type\":\"conversation_list\",\"conversations\":[{\"room\":\"#ops\",\"lastTs\":7,"
                                + "\"lastId\":42,\"unread\":3},{\"with\":\"bob\",\"lastTs\":5,\"lastId\":2}],"
                                + "\"more\":true}"),
                Arguments.of(new ReadMoved("#ops", null, 42, 0),
                        "{\"type\":\"read_moved\",\"room\":\"#ops\",\"id\":42,\"unread\":0}"),
                Arguments.of(new ReadMoved(null, "bob", 7, 2),
                        "{\"type\":\"read_moved\",\"with\":\"bob\",\"id\":7,\"unread\":2}"),
                Arguments.of(new HistoryEnd(2, false, null, "bob"),
                        "{\"type\":\"history_end\",\"count\":2,\"more\":false,\"with\":\"bob\"}"),
                Arguments.of(new Joined(TS, "bob", Integer.MAX_VALUE),
                        "{\"type\":\"join\",\"ts\":1700000000123,\"name\":\"bob\",\"online\":2147483647}"),
                Arguments.of(new Joined(TS, "访客", 2, true),
                        "{\"type\":\"join\",\"ts\":1700000000123,\"name\":\"访客\",\"online\":2,\"guest\":true}"),
                Arguments.of(new Left(TS, "bob", 1, "connection lost"),
                        "{\"type\":\"leave\",\"ts\":1700000000123,\"name\":\"bob\",\"online\":1,\"reason\":\"connection lost\"}"),
                Arguments.of(new Renamed(TS, "bob", "robert", 2),
                        "{\"type\":\"rename\",\"ts\":1700000000123,\"from\":\"bob\",\"to\":\"robert\",\"online\":2}"),
                Arguments.of(new Members(List.of(new Member("alice", 5), new Member("张三", 7, true))),
                        "{\"type\":\"members\",\"users\":[{\"name\":\"alice\",\"since\":5},"
                                + "{\"name\":\"张三\",\"since\":7,\"guest\":true}]}"),
                Arguments.of(new Members(List.of()), "{\"type\":\"members\",\"users\":[]}"),
                Arguments.of(new HistoryEnd(50, true), "{\"type\":\"history_end\",\"count\":50,\"more\":true}"),
                Arguments.of(new Bye(Bye.KICKED, "Kicked by the operator."),
                        "{\"type\":\"bye\",\"code\":\"kicked\",\"reason\":\"Kicked by the operator.\"}"),
                Arguments.of(new Pong(), "{\"type\":\"pong\"}"),
                Arguments.of(new Welcome(1, "s", new Limits(65536, 32, 4000, 100, 200, 20, 40, 104_857_600L),
                                List.of("files")),
                        "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\",\"limits\":{\"maxLineBytes\":65536,"
                                + "\"maxNameLength\":32,\"maxTextLength\":4000,\"historyOnJoin\":100,\"historyPageMax\":200,"
                                + "\"messagesPerSecond\":20,\"burst\":40,\"maxFileSize\":104857600},\"features\":[\"files\"]}"),
                Arguments.of(new FileOffered("f7", TS, "alice", "../../etc/passwd", 5, "bob"),
                        "{\"type\":\"file_offer\",\"tid\":\"f7\",\"ts\":1700000000123,\"from\":\"alice\","
                                + "\"name\":\"../../etc/passwd\",\"size\":5,\"to\":\"bob\"}"),
                Arguments.of(new FileChunk("f7", 3, "aGk="),
                        "{\"type\":\"file_chunk\",\"tid\":\"f7\",\"seq\":3,\"data\":\"aGk=\"}"),
                Arguments.of(new FileAck("t1", 8), "{\"type\":\"file_ack\",\"tid\":\"t1\",\"seq\":8}"),
                Arguments.of(new FileDone("t1", "ab12", 1, 2),
                        "{\"type\":\"file_done\",\"tid\":\"t1\",\"sha256\":\"ab12\",\"delivered\":1,\"recipients\":2}"),
                Arguments.of(new FileCancel("f7", FileCancel.TOO_SLOW, "Too slow."),
                        "{\"type\":\"file_cancel\",\"tid\":\"f7\",\"code\":\"too_slow\",\"reason\":\"Too slow.\"}"),
                Arguments.of(new FileShared(9, TS, "alice", "photo.jpg", 1234, false),
                        "{\"type\":\"file_shared\",\"id\":9,\"ts\":1700000000123,\"from\":\"alice\","
                                + "\"name\":\"photo.jpg\",\"size\":1234,\"history\":false}"));
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void writesAndReadsEveryClientMessage(ClientMessage message, String json) throws Exception {
        assertEquals(json, MessageCodec.toJson(message));
        assertEquals(message, MessageCodec.decodeClient(json));
        assertEquals(message, MessageCodec.decodeClient(MessageCodec.encode(message).toString()));
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void writesAndReadsEveryServerMessage(ServerMessage message, String json) throws Exception {
        assertEquals(json, MessageCodec.toJson(message));
        assertEquals(message, MessageCodec.decodeServer(json));
        assertEquals(message, MessageCodec.decodeServer(MessageCodec.encode(message).toString()));
    }

    @Test
    void samplesCoverEveryMessageType() {
        assertEquals(permitted(ClientMessage.class), sampled(clientMessages()));
        assertEquals(permitted(ServerMessage.class), sampled(serverMessages()));
        assertEquals(permitted(ClientMessage.class), new HashSet<>(MessageTypes.CLIENT.values()));
        assertEquals(permitted(ServerMessage.class), new HashSet<>(MessageTypes.SERVER.values()));
    }

    @Test
    void writesTheTypeFirst() {
        Stream.concat(clientMessages(), serverMessages()).forEach(arguments -> {
            Message message = (Message) arguments.get()[0];
            assertTrue(MessageCodec.toJson(message).startsWith("{\"type\":\"" + message.type() + "\""),
                    message::toString);
        });
    }

    @Test
    void writesHtmlAsIs() {
        assertEquals("{\"type\":\"say\",\"text\":\"<script>alert('x & y')</script> =\"}",
                MessageCodec.toJson(new Say("<script>alert('x & y')</script> =")));
    }

    @Test
    void escapesLineBreaksSoAFrameIsOneLine() throws Exception {
        Say say = new Say("one\ntwo\r\nthree\u2028four\u2029five");
        Frame frame = MessageCodec.encode(say);
        byte[] bytes = new byte[frame.size()];
        frame.buffer().get(bytes);
        long newlines = new String(bytes, StandardCharsets.UTF_8).chars().filter(c -> c == '\n' || c == '\r').count();

        assertEquals(1, newlines);
        assertEquals('\n', bytes[bytes.length - 1]);
        assertEquals("{\"type\":\"say\",\"text\":\"one\\ntwo\\r\\nthree\\u2028four\\u2029five\"}", frame.toString());
        assertEquals(say, MessageCodec.decodeClient(frame.toString()));
    }

    @Test
    void framesReadBackThroughTheLineReader() throws Exception {
        ChatMessage first = new ChatMessage(1, TS, "小明", "你好，世界 👋🏽", false);
        Say second = new Say("zweite Zeile");
        byte[] wire = concat(MessageCodec.encode(first), MessageCodec.encode(second));
        LineReader reader = new LineReader(new ByteArrayInputStream(wire), 1024);

        assertEquals(first, MessageCodec.decodeServer(reader.readLine()));
        assertEquals(second, MessageCodec.decodeClient(reader.readLine()));
        assertNull(reader.readLine());
    }

    @Test
    void decodesIntoTheRecordOfTheType() throws Exception {
        assertInstanceOf(Logout.class, MessageCodec.decodeClient("{\"type\":\"logout\"}"));
        assertInstanceOf(HistoryEnd.class, MessageCodec.decodeServer("{\"type\":\"history_end\",\"count\":0,\"more\":false}"));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        assertEquals(new Ping(), MessageCodec.decodeClient("{\"type\":\"ping\",\"extra\":[1,{\"a\":null}],\"more\":\"x\"}"));
        assertEquals(new Pong(), MessageCodec.decodeServer("{\"more\":true,\"type\":\"pong\"}"));
    }

    @Test
    void ignoresLongNumbersInFieldsItDoesNotKnowUpToTheBound() throws Exception {
        String longest = "9".repeat(JsonCodec.MAX_NUMBER_CHARS);
        assertEquals(new Ping(), MessageCodec.decodeClient("{\"type\":\"ping\",\"junk\":" + longest + "}"));
        assertEquals(new Ping(), MessageCodec.decodeClient("{\"junk\":[-" + "1".repeat(998) + "],\"type\":\"ping\"}"));
        assertEquals(new Ping(), MessageCodec.decodeClient(
                "{\"type\":\"ping\",\"a\":" + "1".repeat(600) + ",\"b\":" + "2".repeat(600) + "}"));
    }

    @Test
    void refusesLongerNumbersSayingWhy() {
        String message = "A number in JSON may have at most 1,000 characters.";
        assertRefused(ErrorCode.BAD_JSON, message,
                "{\"type\":\"ping\",\"junk\":" + "9".repeat(JsonCodec.MAX_NUMBER_CHARS + 1) + "}");
        assertRefused(ErrorCode.BAD_JSON, message, "{\"type\":\"ping\",\"junk\":" + "1".repeat(5000) + "}");
        assertRefused(ErrorCode.BAD_JSON, message, "{\"type\":\"history\",\"before\":1." + "0".repeat(2000) + "}");
    }

    @Test
    void digitsInsideAStringAreTextNotANumber() throws Exception {
        String digits = "1".repeat(3000);
        assertEquals(new Say(digits), MessageCodec.decodeClient("{\"type\":\"say\",\"text\":\"" + digits + "\"}"));
        assertEquals(new Say("\"" + digits), MessageCodec.decodeClient(
                "{\"type\":\"say\",\"text\":\"\\\"" + digits + "\"}"));
    }

    @Test
    void ignoresOneByteOrderMarkAtTheStartOfALine() throws Exception {
        assertEquals(new Ping(), MessageCodec.decodeClient("\uFEFF{\"type\":\"ping\"}"));
        assertEquals(new Say("hi"), MessageCodec.decodeClient("\uFEFF{\"type\":\"say\",\"text\":\"hi\"}"));
        assertEquals(ErrorCode.BAD_JSON, assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("\uFEFF\uFEFF{\"type\":\"ping\"}")).code());
        assertEquals(ErrorCode.BAD_JSON, assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("{\uFEFF\"type\":\"ping\"}")).code());
        assertEquals(ErrorCode.BAD_JSON, assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient(" \uFEFF{\"type\":\"ping\"}")).code());
    }

    @Test
    void allowsSpacesAroundTheObject() throws Exception {
        assertEquals(new Ping(), MessageCodec.decodeClient("  { \"type\" : \"ping\" }\t "));
    }

    @Test
    void readsOptionalFieldsAsAbsent() throws Exception {
        assertEquals(new HistoryRequest(null, null), MessageCodec.decodeClient("{\"type\":\"history\",\"limit\":null}"));
        assertEquals(new Welcome(1, "s", new Limits(1, 2, 3, 4, 5, 6, 7), List.of()), MessageCodec.decodeServer(
                "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\",\"limits\":{\"maxLineBytes\":1,\"maxNameLength\":2,"
                        + "\"maxTextLength\":3,\"historyOnJoin\":4,\"historyPageMax\":5,\"messagesPerSecond\":6,\"burst\":7}}"));
    }

    @Test
    void readsWholeNumbersWrittenAnotherWay() throws Exception {
        assertEquals(new HistoryRequest(1000L, 2), MessageCodec.decodeClient("{\"type\":\"history\",\"before\":1e3,\"limit\":2.0}"));
        assertEquals(new HistoryRequest(-5L, 0), MessageCodec.decodeClient("{\"type\":\"history\",\"before\":-5,\"limit\":-0}"));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 1 path $.", "hello there");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: End of input at line 1 column 25 path $.text.",
                "{\"type\":\"say\",\"text\":\"x\"");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: Unterminated string at line 1 column 25 path $.text.",
                "{\"type\":\"say\",\"text\":\"x}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: Invalid escape sequence at line 1 column 25 path $.text.",
                "{\"type\":\"say\",\"text\":\"\\x\"}");
    }

    @Test
    void refusesTextAfterTheObject() {
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", "{\"type\":\"ping\"} garbage");
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", "{\"type\":\"ping\"}}");
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", "{\"type\":\"ping\"}\u0000");
    }

    @Test
    void refusesTwoObjectsOnALine() {
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.",
                "{\"type\":\"say\",\"text\":\"x\"}{\"type\":\"ping\"}");
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", "{\"type\":\"ping\"} {\"type\":\"ping\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"type\":\"ping\"}]", "\"ping\"", "42", "true", "null", "", "   "})
    void refusesJsonThatIsNotAnObject(String line) {
        assertRefused(ErrorCode.BAD_JSON, "A message must be a JSON object.", line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"text\":\"hi\"}", "{\"type\":5}", "{\"type\":null}", "{\"type\":true}",
            "{\"type\":{\"name\":\"say\"}}", "{\"type\":[\"say\"]}"})
    void refusesAMissingOrNonStringType(String line) {
        assertRefused(ErrorCode.UNKNOWN_TYPE, "The message has no string field 'type'.", line);
    }

    @Test
    void refusesAnUnknownType() {
        ProtocolException client = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient("{\"type\":\"x\"}"));
        ProtocolException server = assertThrows(ProtocolException.class, () -> MessageCodec.decodeServer("{\"type\":\"x\"}"));

        for (ProtocolException e : List.of(client, server)) {
            assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
            assertEquals("Unknown message type 'x'.", e.getMessage());
            assertEquals("x", e.ref());
        }
    }

    @Test
    void refusesTheOtherSidesTypes() {
        ProtocolException pong = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient(MessageCodec.toJson(new Pong())));
        assertEquals(ErrorCode.UNKNOWN_TYPE, pong.code());
        assertEquals("Unknown message type 'pong'.", pong.getMessage());

        ProtocolException fromClient = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\",\"limits\":{}}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, fromClient.code());
        assertEquals("Unknown message type 'welcome'.", fromClient.getMessage());
        assertEquals("welcome", fromClient.ref());

        ProtocolException fromServer = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeServer(MessageCodec.toJson(new Say("hi"))));
        assertEquals(ErrorCode.UNKNOWN_TYPE, fromServer.code());
        assertEquals("Unknown message type 'say'.", fromServer.getMessage());
    }

    @Test
    void neverEchoesControlCharactersOfAnUnknownType() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("{\"type\":\"x\\u0000\\u001b[2J\\u007f\\u009b\\r\\n\"}"));

        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("Unknown message type 'x??[2J????'.", e.getMessage());
        assertEquals("x??[2J????", e.ref());
        assertEquals("x??[2J????", e.toReply().ref());
    }

    @Test
    void shortensALongUnknownType() {
        String type = "类".repeat(500);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("{\"type\":\"" + type + "\"}"));

        String shortened = "类".repeat(80) + "…";
        assertEquals("Unknown message type '" + shortened + "'.", e.getMessage());
        assertEquals(shortened, e.ref());
    }

    @Test
    void refusesMissingField() {
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: missing field 'text'.", "{\"type\":\"say\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: missing field 'text'.", "{\"type\":\"say\",\"text\":null}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'tell' message: missing field 'to'.", "{\"type\":\"tell\",\"text\":\"hi\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'login' message: missing field 'password'.",
                "{\"type\":\"login\",\"name\":\"alice\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'nick' message: missing field 'name'.", "{\"type\":\"nick\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'hello' message: missing field 'protocol'.",
                "{\"type\":\"hello\",\"client\":\"x\"}");
    }

    @Test
    void refusesFileMessagesOutOfRange() {
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'file_offer' message: field 'size' must not be negative.",
                "{\"type\":\"file_offer\",\"tid\":\"t\",\"name\":\"a\",\"size\":-1}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'file_offer' message: missing field 'tid'.",
                "{\"type\":\"file_offer\",\"name\":\"a\",\"size\":1}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'file_chunk' message: field 'seq' must be at least 1.",
                "{\"type\":\"file_chunk\",\"tid\":\"t\",\"seq\":0,\"data\":\"\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'file_ack' message: field 'seq' must not be negative.",
                "{\"type\":\"file_ack\",\"tid\":\"t\",\"seq\":-1}");
    }

    @Test
    void carriesFileBytesAsBase64() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        FileChunk chunk = (FileChunk) MessageCodec.decodeClient(MessageCodec.toJson(FileChunk.of("t", 1, bytes, 0,
                bytes.length)));
        assertArrayEquals(bytes, chunk.bytes());
        assertArrayEquals(new byte[] {2, 3}, FileChunk.of("t", 1, bytes, 2, 2).bytes());
        assertThrows(IllegalArgumentException.class, () -> new FileChunk("t", 1, "not base64!").bytes());
    }

    @Test
    void countsAChunksBytesWithoutDecodingThem() {
        java.util.Random random = new java.util.Random(3);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String padded = java.util.Base64.getEncoder().encodeToString(bytes);
            String unpadded = java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes);
            assertEquals(length, new FileChunk("t", 1, padded).size(), padded);
            assertEquals(length, new FileChunk("t", 1, unpadded).size(), unpadded);
            assertEquals(length, new FileChunk("t", 1, unpadded).bytes().length, unpadded);
        }
        for (String bad : List.of("A", "AA=", "AAAAA", "AA=A", "A===", "AA==AA==", "AA AA", "AA\nA")) {
            assertThrows(IllegalArgumentException.class, () -> new FileChunk("t", 1, bad).size(), bad);
            assertThrows(IllegalArgumentException.class, () -> new FileChunk("t", 1, bad).bytes(), bad);
        }
    }

    @Test
    void refusesMissingServerFields() {
        assertServerRefused("Invalid 'welcome' message: missing field 'limits'.",
                "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\"}");
        assertServerRefused("Invalid 'error' message: missing field 'code'.", "{\"type\":\"error\",\"message\":\"m\"}");
        assertServerRefused("Invalid 'members' message: missing field 'users'.", "{\"type\":\"members\"}");
        assertServerRefused("Invalid 'members' message: missing field 'name'.",
                "{\"type\":\"members\",\"users\":[{\"since\":1}]}");
        assertServerRefused("Invalid 'members' message: null in field 'users'.", "{\"type\":\"members\",\"users\":[null]}");
        assertServerRefused("Invalid 'welcome' message: null in field 'features'.",
                "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\",\"limits\":{},\"features\":[\"a\",null]}");
        assertServerRefused("Invalid 'bye' message: missing field 'reason'.", "{\"type\":\"bye\",\"code\":\"kicked\"}");
        assertServerRefused("Invalid 'message' message: null is not allowed as value for record component 'id' of "
                        + "primitive type; at path $.id.",
                "{\"type\":\"message\",\"id\":null,\"ts\":1,\"from\":\"a\",\"text\":\"b\",\"history\":false}");
    }

    @Test
    void refusesFieldsOfTheWrongType() {
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: Expected STRING but was BEGIN_OBJECT at path $.text.",
                "{\"type\":\"say\",\"text\":{\"a\":1}}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: Expected STRING but was BEGIN_ARRAY at path $.text.",
                "{\"type\":\"say\",\"text\":[\"a\"]}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: Expected STRING but was NUMBER at path $.text.",
                "{\"type\":\"say\",\"text\":5}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: Expected STRING but was BOOLEAN at path $.text.",
                "{\"type\":\"say\",\"text\":true}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'history' message: Expected NUMBER but was STRING at path $.limit.",
                "{\"type\":\"history\",\"limit\":\"5\"}");
        assertServerRefused("Invalid 'message' message: Expected BOOLEAN but was STRING at path $.history.",
                "{\"type\":\"message\",\"id\":1,\"ts\":1,\"from\":\"a\",\"text\":\"b\",\"history\":\"yes\"}");
        assertServerRefused("Invalid 'message' message: Expected BOOLEAN but was NUMBER at path $.history.",
                "{\"type\":\"message\",\"id\":1,\"ts\":1,\"from\":\"a\",\"text\":\"b\",\"history\":1}");
        assertServerRefused("Invalid 'members' message: Expected NUMBER but was STRING at path $.users[1].since.",
                "{\"type\":\"members\",\"users\":[{\"name\":\"a\",\"since\":1},{\"name\":\"b\",\"since\":\"x\"}]}");
        assertServerRefused("Invalid 'members' message: Expected BEGIN_ARRAY but was BEGIN_OBJECT at path $.users.",
                "{\"type\":\"members\",\"users\":{}}");
        assertServerRefused("Invalid 'welcome' message: Expected BEGIN_OBJECT but was STRING at path $.limits.",
                "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"s\",\"limits\":\"big\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1e99999999", "9223372036854775808", "-9223372036854775809", "1.5", "1e-3",
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void refusesNumbersThatAreNotA64BitInteger(String number) {
        assertServerRefused("Invalid 'message' message: Expected a 64-bit integer at path $.id.",
                "{\"type\":\"message\",\"id\":" + number + ",\"ts\":1,\"from\":\"a\",\"text\":\"b\",\"history\":false}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'history' message: Expected a 64-bit integer at path $.before.",
                "{\"type\":\"history\",\"before\":" + number + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967297", "2147483648", "1e400", "0.5"})
    void refusesNumbersThatAreNotA32BitInteger(String number) {
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'hello' message: Expected a 32-bit integer at path $.protocol.",
                "{\"type\":\"hello\",\"protocol\":" + number + ",\"client\":\"x\"}");
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeClient("[".repeat(1_000_000)));
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertTrue(e.getMessage().startsWith("Not valid JSON: Nesting limit 32 reached at line 1 column 34 path $[0][0]"),
                e.getMessage());

        String objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        ProtocolException nestedObjects = assertThrows(ProtocolException.class, () -> MessageCodec.decodeServer(objects));
        assertEquals(ErrorCode.BAD_JSON, nestedObjects.code());
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        // The message object itself is one level.
        int inner = JsonCodec.MAX_NESTING - 1;
        String deepest = "{\"type\":\"ping\",\"x\":" + "[".repeat(inner) + "]".repeat(inner) + "}";
        String tooDeep = "{\"type\":\"ping\",\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}";

        assertEquals(new Ping(), MessageCodec.decodeClient(deepest));
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(tooDeep));
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertTrue(e.getMessage().startsWith("Not valid JSON: Nesting limit 32 reached"), e.getMessage());
    }

    @Test
    void aServerMayAcceptLessNestingThanTheCodec() throws Exception {
        String twoLevels = "{\"type\":\"ping\",\"x\":[]}";
        String threeLevels = "{\"type\":\"ping\",\"x\":[[]]}";

        assertEquals(new Ping(), MessageCodec.decodeClient(twoLevels, 2));
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(threeLevels, 2));
        assertEquals(ErrorCode.BAD_JSON, e.code());
        assertTrue(e.getMessage().startsWith("Not valid JSON: Nesting limit 2 reached"), e.getMessage());
        // Never more than the codec's own limit, whatever is asked.
        String tooDeep = "{\"type\":\"ping\",\"x\":" + "[".repeat(JsonCodec.MAX_NESTING) + "]".repeat(JsonCodec.MAX_NESTING) + "}";
        assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(tooDeep, 1000));
    }

    @Test
    void refusesClientMessageIdsThatAreEmptyOrTooLong() {
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: field 'cid' must have 1 to 64 characters.",
                "{\"type\":\"say\",\"text\":\"hi\",\"cid\":\"\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'tell' message: field 'cid' must have 1 to 64 characters.",
                "{\"type\":\"tell\",\"to\":\"bob\",\"text\":\"hi\",\"cid\":\"" + "x".repeat(65) + "\"}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: Expected STRING but was NUMBER at path $.cid.",
                "{\"type\":\"say\",\"text\":\"hi\",\"cid\":5}");
        assertRefused(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: field 'cid' must not contain control characters.",
                "{\"type\":\"say\",\"text\":\"hi\",\"cid\":\"\\u0000x\"}");
    }

    @Test
    void refusesLenientJson() {
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 3 path $.", "{'type':'ping'}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 3 path $.", "{type:\"ping\"}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 9 path $.type.", "{\"type\":ping}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 9 path $.type.", "{\"type\"=\"ping\"}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 2 path $.", "/* hi */{\"type\":\"ping\"}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 2 path $.", "# hi");
        assertRefused(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", "{\"type\":\"ping\"} // hi");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: Expected name at line 1 column 17 path $.type.",
                "{\"type\":\"ping\",}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: syntax error at line 1 column 28 path $.before.",
                "{\"type\":\"history\",\"before\":NaN}");
        assertRefused(ErrorCode.BAD_JSON, "Not valid JSON: Unescaped control characters (\\u0000-\\u001F) are not allowed "
                + "in strict mode at line 1 column 23 path $.text.", "{\"type\":\"say\",\"text\":\"a\tb\"}");
    }

    @Test
    void repliesWithTheCodeMessageAndType() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient("{\"type\":\"say\"}"));

        assertEquals(new ErrorReply("bad_message", "Invalid 'say' message: missing field 'text'.", "say"), e.toReply());
    }

    private static void assertRefused(ErrorCode code, String message, String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(line), line);
        assertAll(line,
                () -> assertEquals(code, e.code()),
                () -> assertEquals(message, e.getMessage()));
    }

    private static void assertServerRefused(String message, String line) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeServer(line), line);
        assertAll(line,
                () -> assertEquals(ErrorCode.BAD_MESSAGE, e.code()),
                () -> assertEquals(message, e.getMessage()));
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).collect(Collectors.toSet());
    }

    private static Set<Class<?>> sampled(Stream<Arguments> samples) {
        return samples.map(arguments -> arguments.get()[0].getClass()).collect(Collectors.toSet());
    }

    private static byte[] concat(Frame... frames) {
        int size = Arrays.stream(frames).mapToInt(Frame::size).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        for (Frame frame : frames) {
            all.put(frame.buffer());
        }
        return all.array();
    }
}
