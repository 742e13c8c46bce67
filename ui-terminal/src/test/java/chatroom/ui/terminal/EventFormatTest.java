package chatroom.ui.terminal;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.Limits;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.Pong;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Say;
import chatroom.api.message.Tell;
import chatroom.api.message.Welcome;
import org.junit.jupiter.api.Test;

import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFormatTest {
    static final long TS = Instant.parse("2024-05-01T09:08:07Z").toEpochMilli();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T23:59:58Z"), ZoneOffset.UTC);

    private final EventFormat plain = new EventFormat(Style.PLAIN, CLOCK);

    private String show(chatroom.api.message.ServerMessage message) {
        return plain.event(message, "alice", false);
    }

    @Test
    void reconnectingThenWhatWasMissed() {
        assertEquals("* reconnecting… (attempt 2): Connection refused", plain.reconnecting(2, "Connection refused"));
        assertEquals("* reconnected", plain.reconnected());
        assertEquals("* nothing missed while disconnected", plain.missed(new HistoryEnd(0, false)));
        assertEquals("* 1 message missed while disconnected", plain.missed(new HistoryEnd(1, false)));
        assertEquals("* 1000 messages missed while disconnected shown; more before them: /history",
                plain.missed(new HistoryEnd(1000, true)));
    }

    @Test
    void onATtyTheReconnectIsRedAndTheRestDim() {
        EventFormat tty = new EventFormat(new AnsiStyle(), CLOCK);

        assertEquals("\033[31m* reconnecting… (attempt 1): The server is shutting down.\033[0m",
                tty.reconnecting(1, "The server is shutting down."));
        assertEquals("\033[2m* reconnected\033[0m", tty.reconnected());
        assertEquals("\033[2m* This connection is not encrypted.\033[0m",
                tty.notice("This connection is not encrypted."));
    }

    @Test
    void messagesThatWereNotSentSayWhatAndWhy() {
        assertEquals("* not sent: \"hi\" (gave up)", plain.notSent(new Say("hi", "c1"), "gave up"));
        assertEquals("* not sent: \"psst\" to bob (gave up)", plain.notSent(new Tell("bob", "psst", "c2"), "gave up"));
        assertEquals("* not sent: \"\uFFFD[2J\" (\uFFFD[31m)", plain.notSent(new Say("\033[2J"), "\033[31m"),
                "nothing from the network drives the terminal");
    }

    @Test
    void loggedIn() {
        assertEquals("Logged in as alice (2 online). Type /help for commands.", plain.loggedIn("alice", 2));
    }

    @Test
    void chatMessage() {
        assertEquals("09:08:07 <bob> hello", show(new ChatMessage(7, TS, "bob", "hello", false)));
        assertEquals("09:08:07 [history] <bob> hello", show(new ChatMessage(7, TS, "bob", "hello", true)));
    }

    @Test
    void sharedFile() {
        assertEquals("09:08:07 * bob shared report.pdf (20.0 MiB)",
                show(new FileShared(9, TS, "bob", "report.pdf", 20 * 1024 * 1024, false)));
        assertEquals("09:08:07 [history] * bob shared a\uFFFDb.txt (12 B)",
                show(new FileShared(9, TS, "bob", "a\u001bb.txt", 12, true)));
    }

    @Test
    void fileTrafficShowsNothing() {
        assertNull(show(new FileOffered("f1", TS, "bob", "a", 1, null)));
        assertNull(show(new FileChunk("f1", 1, "AA==")));
        assertNull(show(new FileAck("f1", 1)));
        assertNull(show(new FileDone("f1", "ab")));
        assertNull(show(new FileCancel("f1", null, "no")));
    }

    @Test
    void announcement() {
        assertEquals("09:08:07 ! announcement: restart at noon",
                show(new Announcement(8, TS, "restart at noon", false)));
        assertEquals("09:08:07 [history] ! announcement: restart at noon",
                show(new Announcement(8, TS, "restart at noon", true)));
    }

    @Test
    void historyEnd() {
        assertEquals("--- end of history (2 messages) ---", show(new HistoryEnd(2, false)));
        assertEquals("--- end of history (20 messages; /history for older) ---", show(new HistoryEnd(20, true)));
        assertEquals("--- end of history (1 message) ---", show(new HistoryEnd(1, false)));
    }

    @Test
    void emptyHistoryAfterLoginShowsNothingButAnsweredRequestDoes() {
        assertNull(plain.event(new HistoryEnd(0, false), "alice", false));
        assertEquals("--- end of history (0 messages) ---", plain.event(new HistoryEnd(0, false), "alice", true));
    }

    @Test
    void privateMessageToMe() {
        assertEquals("09:08:07 [private] <bob> psst", show(new PrivateMessage(TS, "bob", "alice", "psst")));
    }

    @Test
    void myOwnCopyOfAPrivateMessage() {
        assertEquals("09:08:07 [private to bob] psst", show(new PrivateMessage(TS, "alice", "bob", "psst")));
    }

    @Test
    void comingsAndGoings() {
        assertEquals("09:08:07 * bob joined (3 online)", show(new Joined(TS, "bob", 3)));
        assertEquals("09:08:07 * bob left: logged out (2 online)", show(new Left(TS, "bob", 2, "logged out")));
        assertEquals("09:08:07 * bob is now robert (2 online)", show(new Renamed(TS, "bob", "robert", 2)));
    }

    @Test
    void membersInTheOrderReceived() {
        assertEquals("Online (3): bob, alice, 陈",
                show(new Members(List.of(new Member("bob", 1), new Member("alice", 2), new Member("陈", 3)))));
    }

    @Test
    void errorReply() {
        assertEquals("error: bob is not online.",
                show(new ErrorReply(ErrorCode.NOT_ONLINE, "bob is not online.", "tell")));
    }

    @Test
    void bye() {
        assertEquals("Disconnected by the server: Kicked by the operator.",
                show(new Bye(Bye.KICKED, "Kicked by the operator.")));
    }

    @Test
    void loginAndKeepAliveMessagesShowNothing() {
        assertNull(show(new Pong()));
        assertNull(show(new LoggedIn("alice", 2)));
        assertNull(show(new Welcome(1, "chatroom", new Limits(65536, 32, 2000, 20, 100, 5, 10), List.of())));
    }

    @Test
    void timeIsShownInTheClocksZone() {
        EventFormat shanghai = new EventFormat(Style.PLAIN, CLOCK.withZone(ZoneId.of("Asia/Shanghai")));
        assertEquals("17:08:07 <bob> hi", shanghai.event(new ChatMessage(7, TS, "bob", "hi", false), "alice", false));
    }

    @Test
    void missingTimeIsNow() {
        assertEquals("23:59:58 <bob> hi", show(new ChatMessage(7, 0, "bob", "hi", false)));
    }

    @Test
    void controlCharactersFromTheNetworkAreDefused() {
        assertEquals("09:08:07 <ev\uFFFD[31mil> \uFFFD[2J\uFFFDgotcha\uFFFD\uFFFD\uFFFD",
                show(new ChatMessage(7, TS, "ev\u001b[31mil", "\u001b[2J\u0000gotcha\r\n\u0007", false)));
        assertEquals("09:08:07 * \uFFFD]0;pwned\uFFFD left: \uFFFD[H (1 online)",
                show(new Left(TS, "\u001b]0;pwned\u0007", 1, "\u001b[H")));
        assertEquals("error: \uFFFDc", show(new ErrorReply("bad_message", "\u001bc", null)));
        assertEquals("Online (1): \uFFFD8m", show(new Members(List.of(new Member("\u009b8m", 1)))));
    }

    @Test
    void ansiStyleColoursEachNameTheSameEveryTime() {
        EventFormat ansi = new EventFormat(new AnsiStyle(), CLOCK);
        String first = ansi.event(new ChatMessage(1, TS, "bob", "one", false), "alice", false);
        String again = new EventFormat(new AnsiStyle(), CLOCK)
                .event(new ChatMessage(2, TS, "bob", "two", false), "alice", false);
        String colouredBob = new AnsiStyle().person("bob", "<bob>");
        assertTrue(first.contains(colouredBob), first);
        assertTrue(again.contains(colouredBob), again);
        assertEquals("\u001b[2m09:08:07\u001b[0m " + colouredBob + " one", first);
    }

    @Test
    void ansiStyleMarksErrorsRedAndPrivateMessages() {
        EventFormat ansi = new EventFormat(new AnsiStyle(), CLOCK);
        assertEquals("\u001b[31merror: nope\u001b[0m", ansi.event(new ErrorReply("x", "nope", null), "alice", false));
        assertTrue(ansi.event(new PrivateMessage(TS, "bob", "alice", "psst"), "alice", false)
                .contains("\u001b[1;35m[private]\u001b[0m"));
    }

    @Test
    void differentNamesUsuallyGetDifferentColours() {
        AnsiStyle style = new AnsiStyle();
        assertNotEquals(style.person("alice", "x"), style.person("bob", "x"));
    }

    @Test
    void plainStyleWritesNoEscapeCodes() {
        String line = show(new PrivateMessage(TS, "bob", "alice", "hi"));
        assertFalse(line.contains("\u001b"), line);
    }
}
