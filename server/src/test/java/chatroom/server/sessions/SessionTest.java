package chatroom.server.sessions;

import chatroom.api.codec.ProtocolException;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Hello;
import chatroom.api.message.HistoryRequest;
import chatroom.api.message.Limits;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.Nick;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.message.Say;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import chatroom.api.message.Who;
import chatroom.server.ServerConfig;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One connection's conversation before it reaches the room: handshake, input checks, flood control, deadline. */
class SessionTest extends ServerTestBase {
    @Test
    void everyRequestButPingNeedsHelloFirst() {
        TestClient client = start(TestServer.config(dir)).connect();

        client.send(new Login("alice", "pw"));
        client.awaitError(ErrorCode.HELLO_FIRST, "Send hello first.", "login");
        client.send(new Say("hi"));
        client.awaitError(ErrorCode.HELLO_FIRST, "Send hello first.", "say");
        client.send(new Ping());
        assertEquals(new Pong(), client.next());

        client.hello();
        client.login("alice", "pw");
    }

    @Test
    void aClientSpeakingAnotherProtocolIsToldAndDisconnected() {
        TestClient client = start(TestServer.config(dir)).connect();

        client.send(new Hello(Protocol.ROOMS_VERSION + 1, "from the future"));

        assertEquals(new ErrorReply(ErrorCode.UNSUPPORTED_PROTOCOL,
                "This server speaks protocols 1 and 2; the client speaks 3.", "hello"), client.next());
        assertEquals(new Bye(Bye.PROTOCOL, "Unsupported protocol version."), client.next());
        client.awaitClosed();
    }

    @Test
    void welcomeAnnouncesTheConfiguredLimits() {
        ServerConfig config = TestServer.config(dir).toBuilder().historyOnJoin(7).maxLineBytes(5000).maxNameLength(12)
                .maxTextLength(300).historyPageMax(25).messagesPerSecond(3).burst(9).maxFileSize(2048).build();
        TestClient client = start(config).connect();

        Welcome welcome = client.hello();

        assertEquals(new Welcome(Protocol.VERSION, "chatroom 0.1.0", new Limits(5000, 12, 300, 7, 25, 3, 9,
                ServerConfig.DEFAULT_BYTES_PER_SECOND, ServerConfig.DEFAULT_BYTE_BURST, 2048L),
                List.of(Protocol.FEATURE_RESUME, Protocol.FEATURE_CID, Protocol.FEATURE_ROOMS, Protocol.FEATURE_FILES)),
                welcome);
    }

    @Test
    void aProtocolOneConnectionDoesNotKnowTheRoomRequests() {
        TestClient client = start(TestServer.config(dir)).enter("alice");

        client.sendRaw("{\"type\":\"join\",\"room\":\"#ops\"}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'join' in protocol 1; rooms need protocol 2.",
                "join");
        client.sendRaw("{\"type\":\"rooms\"}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'rooms' in protocol 1; rooms need protocol 2.",
                "rooms");
    }

    @Test
    void aSecondHelloIsRefused() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.send(new Hello(Protocol.VERSION, "again"));

        client.awaitError(ErrorCode.BAD_MESSAGE, "The handshake is done already.", "hello");
    }

    @Test
    void roomRequestsNeedALogin() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.send(new Say("hi"));
        client.awaitError(ErrorCode.NOT_LOGGED_IN, "Log in first.", "say");
        client.send(new Tell("bob", "hi"));
        client.awaitError(ErrorCode.NOT_LOGGED_IN, "Log in first.", "tell");
        client.send(new Nick("ally"));
        client.awaitError(ErrorCode.NOT_LOGGED_IN, "Log in first.", "nick");
        client.send(new HistoryRequest(null, null));
        client.awaitError(ErrorCode.NOT_LOGGED_IN, "Log in first.", "history");
        client.send(new Who());
        client.awaitError(ErrorCode.NOT_LOGGED_IN, "Log in first.", "who");
    }

    @Test
    void logoutBeforeLoginSaysGoodbyeAndCloses() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.send(new Logout());

        assertEquals(new Bye(Bye.LOGOUT, "Goodbye."), client.next());
        client.awaitClosed();
    }

    @Test
    void malformedJsonIsRefusedAndTheSessionGoesOn() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.sendRaw("{\"type\":\"say\",");
        ErrorReply error = client.await(ErrorReply.class);
        assertEquals(ErrorCode.BAD_JSON, error.errorCode());
        assertTrue(error.message().startsWith("Not valid JSON: "), error.message());
        client.sendRaw("[1,2]");
        client.awaitError(ErrorCode.BAD_JSON, "A message must be a JSON object.", null);
        client.sendRaw("{\"type\":\"ping\"} {\"type\":\"ping\"}");
        client.awaitError(ErrorCode.BAD_JSON, "Only one JSON object is allowed per line.", null);

        client.login("alice", "pw");
        client.send(new Say("still here"));
        assertEquals("still here", client.await(ChatMessage.class).text());
    }

    @Test
    void unknownTypesAreRefused() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.sendRaw("{\"type\":\"dance\"}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'dance'.", "dance");
        client.sendRaw("{\"text\":\"no type\"}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "The message has no string field 'type'.", null);
    }

    @Test
    void serverMessagesAreUnknownTypesFromAClient() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.sendRaw("{\"type\":\"message\",\"id\":1,\"ts\":1,\"from\":\"server\",\"text\":\"fake\","
                + "\"history\":false}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'message'.", "message");
        client.sendRaw("{\"type\":\"bye\",\"code\":\"kicked\",\"reason\":\"fake\"}");
        client.awaitError(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'bye'.", "bye");

        List<ServerMessage> received = client.receivedUntilNow();
        assertFalse(received.stream().anyMatch(ChatMessage.class::isInstance), received.toString());
    }

    @Test
    void missingFieldsAreBadMessages() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.sendRaw("{\"type\":\"say\"}");
        client.awaitError(ErrorCode.BAD_MESSAGE, "Invalid 'say' message: missing field 'text'.", "say");
        client.sendRaw("{\"type\":\"login\",\"name\":\"alice\"}");
        client.awaitError(ErrorCode.BAD_MESSAGE, "Invalid 'login' message: missing field 'password'.", "login");
        client.sendRaw("{\"type\":\"tell\",\"text\":\"hi\"}");
        client.awaitError(ErrorCode.BAD_MESSAGE, "Invalid 'tell' message: missing field 'to'.", "tell");
    }

    @Test
    void anUnreadableLineIsAnsweredWithItsError() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.hello();

        client.sendUnreadable(new ProtocolException(ErrorCode.LINE_TOO_LONG, "A line has at most 65536 bytes."));

        client.awaitError(ErrorCode.LINE_TOO_LONG, "A line has at most 65536 bytes.", null);
        client.send(new Ping());
        assertEquals(new Pong(), client.next());
    }

    @Test
    void emptyTextIsNotSent() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.send(new Say(""));
        client.awaitError(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.", "say");
        client.send(new Say(" \t\n "));
        client.awaitError(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.", "say");
        client.send(new Say("\u0007\u0000"));
        client.awaitError(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.", "say");
        client.send(new Tell("alice", "  "));
        client.awaitError(ErrorCode.EMPTY_TEXT, "Empty messages are not sent.", "tell");

        List<ServerMessage> received = client.receivedUntilNow();
        assertFalse(received.stream().anyMatch(m -> m instanceof ChatMessage || m instanceof PrivateMessage),
                received.toString());
    }

    @Test
    void textLongerThanTheLimitIsRefused() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.send(new Say("x".repeat(4001)));
        client.awaitError(ErrorCode.TEXT_TOO_LONG, "A message has at most 4000 characters.", "say");
        client.send(new Tell("alice", "x".repeat(4001)));
        client.awaitError(ErrorCode.TEXT_TOO_LONG, "A message has at most 4000 characters.", "tell");

        client.send(new Say("y".repeat(4000)));
        assertEquals("y".repeat(4000), client.await(ChatMessage.class).text());
    }

    @Test
    void theTextLimitCountsCharactersNotUtf16Units() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.send(new Say("🙂".repeat(4000)));
        assertEquals("🙂".repeat(4000), client.await(ChatMessage.class).text());

        client.send(new Say("🙂".repeat(4001)));
        client.awaitError(ErrorCode.TEXT_TOO_LONG, "A message has at most 4000 characters.", "say");
    }

    @Test
    void controlCharactersInTextBecomeSpaces() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.send(new Say("red\u001b[31m bell\u0007 cr\r nl\n tab\t c1\u0085"));
        assertEquals("red [31m bell  cr  nl\n tab\t c1 ", client.await(ChatMessage.class).text());
        client.send(new Tell("alice", "\u001b[2Jclear"));
        assertEquals(" [2Jclear", client.await(PrivateMessage.class).text());
    }

    @Test
    void fileChunksOfNoTransferCountAgainstTheByteRate() {
        start(TestServer.config(dir).withByteRate(100, 400));
        TestClient client = server.enter("alice");
        String chunk = "{\"type\":\"file_chunk\",\"tid\":\"nope\",\"seq\":1,\"data\":\""
                + "QUFB".repeat(40) + "\"}";

        client.sendRaw(chunk);
        client.sendRaw(chunk);
        client.sendRaw(chunk);

        client.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 100 bytes a second.", null);
    }

    @Test
    void aThirdQuickMessageIsTooFast() {
        start(TestServer.config(dir).withRate(1, 2));
        TestClient observer = server.enter("bob");
        TestClient client = server.enter("alice");

        client.send(new Say("one"));
        client.send(new Say("two"));
        client.send(new Say("three"));

        client.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 1 messages a second.", "say");
        List<ServerMessage> received = observer.receivedUntilNow();
        assertEquals(List.of("one", "two"), received.stream()
                .filter(ChatMessage.class::isInstance).map(m -> ((ChatMessage) m).text()).toList());
    }

    @Test
    void whoHistoryAndRenamesCountAgainstTheRateToo() {
        TestClient client = start(TestServer.config(dir).withRate(0, 3)).connect();
        client.enter("alice", "pw");

        client.send(new Who());
        client.send(new HistoryRequest(null, null));
        client.send(new Nick("ally"));
        client.send(new Who());
        client.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 0 messages a second.", "who");
        client.send(new HistoryRequest(null, null));
        client.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 0 messages a second.", "history");
        client.send(new Nick("alice"));
        client.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 0 messages a second.", "nick");
    }

    @Test
    void hundredRefusalsInARowDisconnect() {
        // No refill at all, so that the count does not depend on how fast this machine is.
        TestClient client = start(TestServer.config(dir).withRate(0, 1)).connect();
        client.enter("alice", "pw");

        int sent = 0;
        while (!client.isClosed() && sent < 1000) {
            client.send(new Say("flood " + sent));
            sent++;
        }

        assertEquals(1 + Session.FLOOD_DISCONNECT, sent);
        List<ServerMessage> refusals = new ArrayList<>();
        ServerMessage message = client.next();
        while (!(message instanceof Bye)) {
            if (message instanceof ErrorReply) {
                refusals.add(message);
            }
            message = client.next();
        }
        assertEquals(new Bye(Bye.OVERLOADED, "Disconnected for flooding."), message);
        assertEquals(Session.FLOOD_DISCONNECT - 1, refusals.size());
        assertEquals(Set.of(ErrorCode.SLOW_DOWN.wireName()),
                refusals.stream().map(m -> ((ErrorReply) m).code()).collect(Collectors.toSet()));
        client.awaitClosed();
        assertTrue(server.log().contains(server.logLine("flood from 127.0.0.1:50001 (alice): disconnected")),
                server.log());
    }

    @Test
    void fewerThanHundredRefusalsInARowAreBorne() {
        TestClient client = start(TestServer.config(dir).withRate(0, 1)).connect();
        client.enter("alice", "pw");

        for (int i = 0; i < Session.FLOOD_DISCONNECT; i++) {
            client.send(new Say("message " + i));
        }

        assertFalse(client.isClosed());
        assertEquals("message 0", client.await(ChatMessage.class).text());
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedAtTheDeadline() {
        start(TestServer.config(dir).withLoginDeadline(Duration.ofSeconds(2)));
        TestClient alice = server.enter("alice");
        TestClient idle = server.connect();
        idle.hello();

        assertEquals(new Bye(Bye.PROTOCOL, "No login within 2 s."), idle.await(Bye.class));
        idle.awaitClosed();

        // The deadline of the earlier connection has passed by now; logging in in time kept it.
        List<ServerMessage> received = alice.receivedUntilNow();
        assertFalse(received.stream().anyMatch(Bye.class::isInstance), received.toString());
        assertFalse(alice.isClosed());
        assertTrue(server.log().contains(server.logLine("no login within 2 s from 127.0.0.1:50002: closed")),
                server.log());
    }

    @Test
    void pingIsAnsweredAtOnce() {
        TestClient client = start(TestServer.config(dir)).connect();
        client.enter("alice", "pw");

        client.send(new Ping());

        assertEquals(List.of(new Pong()), client.receivedSoFar());
    }
}
