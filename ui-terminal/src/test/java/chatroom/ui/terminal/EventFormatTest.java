package chatroom.ui.terminal;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatService;
import chatroom.client.Chat;
import chatroom.client.ChatEvent;
import chatroom.client.Conversation;
import chatroom.client.Entry;
import org.junit.jupiter.api.Test;

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
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EventFormatTest {
    static final long TS = Instant.parse("2024-05-01T09:08:07Z").toEpochMilli();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T23:59:58Z"), ZoneOffset.UTC);

    private final EventFormat plain = new EventFormat(Style.PLAIN, CLOCK);
    private final Chat chat = new Chat(mock(ChatService.class), Runnable::run, event -> {
    }, (delay, task) -> {
    });

    /** The model as alice sees it after these messages came. */
    private Chat seenBy(ServerMessage... messages) {
        chat.loggedIn(new LoggedIn("alice", 1));
        for (ServerMessage message : messages) {
            chat.onMessage(message);
        }
        return chat;
    }

    private static Entry.Message message(long ts, String from, String text, boolean history) {
        return new Entry.Message(7, ts, from, text, false, history);
    }

    @Test
    void reconnectingThenWhatWasMissed() {
        assertEquals("* reconnecting… (attempt 2): Connection refused", plain.reconnecting(2, "Connection refused"));
        assertEquals("* reconnected", plain.reconnected());
        assertEquals("* nothing missed while disconnected", plain.missed(0, false));
        assertEquals("* 1 message missed while disconnected", plain.missed(1, false));
        assertEquals("* 1000 messages missed while disconnected shown; more before them: /history",
                plain.missed(1000, true));
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
        Conversation bob = chat.privateConversation("bob");
        assertEquals("* not sent: \"hi\" (gave up)", plain.notSent(chat.room(), "hi", "gave up"));
        assertEquals("* not sent: \"psst\" to bob (gave up)", plain.notSent(bob, "psst", "gave up"));
        assertEquals("* not sent: \"\uFFFD[2J\" (\uFFFD[31m)", plain.notSent(chat.room(), "\033[2J", "\033[31m"),
                "nothing from the network drives the terminal");
    }

    @Test
    void loggedIn() {
        assertEquals("Logged in as alice (2 online). Type /help for commands.", plain.loggedIn("alice", 2));
    }

    @Test
    void chatMessage() {
        assertEquals("09:08:07 <bob> hello", plain.entry(message(TS, "bob", "hello", false)));
        assertEquals("09:08:07 [history] <bob> hello", plain.entry(message(TS, "bob", "hello", true)));
    }

    @Test
    void sharedFile() {
        assertEquals("09:08:07 * bob shared report.pdf (20.0 MiB)",
                plain.entry(new Entry.SharedFile(9, TS, "bob", "report.pdf", 20 * 1024 * 1024, false, false)));
        assertEquals("09:08:07 [history] * bob shared a\uFFFDb.txt (12 B)",
                plain.entry(new Entry.SharedFile(9, TS, "bob", "a\u001bb.txt", 12, false, true)));
    }

    @Test
    void announcement() {
        assertEquals("09:08:07 ! announcement: restart at noon",
                plain.entry(new Entry.Announcement(8, TS, "restart at noon", false)));
        assertEquals("09:08:07 [history] ! announcement: restart at noon",
                plain.entry(new Entry.Announcement(8, TS, "restart at noon", true)));
    }

    @Test
    void historyEnd() {
        assertEquals("--- end of history (2 messages) ---", plain.historyEnd(2, false, false));
        assertEquals("--- end of history (20 messages; /history for older) ---", plain.historyEnd(20, true, false));
        assertEquals("--- end of history (1 message) ---", plain.historyEnd(1, false, true));
    }

    @Test
    void emptyHistoryAfterLoginShowsNothingButAnsweredRequestDoes() {
        assertNull(plain.historyEnd(0, false, false));
        assertEquals("--- end of history (0 messages) ---", plain.historyEnd(0, false, true));
    }

    @Test
    void privateMessageToMe() {
        assertEquals("09:08:07 [private] <bob> psst",
                plain.entry(new Entry.Private(TS, "bob", "alice", "psst", false)));
    }

    @Test
    void aPrivateMessageThatWaitedAndOneThatWaitsSaySo() {
        assertEquals("09:08:07 [private, while you were away] <bob> call me",
                plain.entry(new Entry.Private(4, TS, "bob", "alice", "call me", false, false, true, false)));
        assertEquals("09:08:07 [private to bob] see you (bob is offline; they will get it when they return)",
                plain.entry(new Entry.Private(5, TS, "alice", "bob", "see you", true, false, false, true)));
        assertEquals("09:08:07 [history] [private to bob] earlier",
                plain.entry(new Entry.Private(1, TS, "alice", "bob", "earlier", true, true, false, false)));
    }

    @Test
    void myOwnCopyOfAPrivateMessage() {
        assertEquals("09:08:07 [private to bob] psst",
                plain.entry(new Entry.Private(TS, "alice", "bob", "psst", true)));
    }

    @Test
    void comingsAndGoings() {
        Conversation room = chat.room();
        assertEquals("09:08:07 * bob joined (3 online)",
                plain.event(new ChatEvent.MemberJoined(room, "bob", false, TS, 3, false)));
        assertEquals("09:08:07 * bob left: logged out (2 online)",
                plain.event(new ChatEvent.MemberLeft(room, "bob", "logged out", TS, 2, false)));
        assertEquals("09:08:07 * You joined the room (3 online)",
                plain.event(new ChatEvent.MemberJoined(room, "alice", false, TS, 3, true)));
        ChatService withRooms = mock(ChatService.class);
        when(withRooms.hasRooms()).thenReturn(true);
        Chat inRooms = new Chat(withRooms, Runnable::run, event -> {
        }, (delay, task) -> {
        });
        inRooms.loggedIn(new LoggedIn("alice", 1, null, List.of(new RoomInfo("#ops", null, 2, 1, true))));
        Conversation ops = inRooms.roomNamed("#ops").orElseThrow();
        assertEquals("09:08:07 * You joined #ops (3 online)",
                plain.event(new ChatEvent.MemberJoined(ops, "alice", false, TS, 3, true)));
        assertEquals("09:08:07 * You left #ops: kicked by bob: flooding",
                plain.event(new ChatEvent.MemberLeft(ops, "alice", "kicked by bob: flooding", TS, 2, true)));
        assertEquals("09:08:07 * bob is now robert (2 online)",
                plain.event(new ChatEvent.Renamed("bob", "robert", TS, 2, false)));
    }

    @Test
    void membersSortedAsTheServerSortsThem() {
        Chat seen = seenBy(new Members(List.of(new Member("bob", 1), new Member("Alice", 2), new Member("陈", 3))));
        assertEquals("Online (3): Alice, bob, 陈", plain.members(seen.room()));
        Chat withRoles = seenBy(new Members(List.of(new Member("bob", 1, null, true, "operator"),
                new Member("alice", 2, null, true, "owner"), new Member("carol", 3, null, true, "member"))));
        assertEquals("Online (3): alice (owner), bob (operator), carol", plain.members(withRoles.room()));
    }

    @Test
    void roomsEventsAsLines() {
        Conversation room = chat.room();
        assertEquals("09:08:07 * bob went offline: connection lost (1 online)",
                plain.event(new ChatEvent.PresenceChanged(room, "bob", false, "connection lost", TS, 1)));
        assertEquals("09:08:07 * alice set the topic of : Deploys",
                plain.event(new ChatEvent.TopicChanged(room, "alice", "Deploys", TS)));
        assertEquals("09:08:07 * alice made bob an operator of ",
                plain.event(new ChatEvent.RoleChanged(room, "bob", "operator", "alice", TS, false)));
        assertEquals("09:08:07 * alice made you the owner of ",
                plain.event(new ChatEvent.RoleChanged(room, "me", "owner", "alice", TS, true)));
        assertEquals("09:08:07 * bob opened the topic of  to every member",
                plain.event(new ChatEvent.TopicLockChanged(room, "bob", false, TS)));
        assertEquals("09:08:07 * alice banned carol from ",
                plain.event(new ChatEvent.BanChanged(room, "carol", "alice", true, TS, false)));
        assertEquals("09:08:07 * alice lifted the ban on carol in ",
                plain.event(new ChatEvent.BanChanged(room, "carol", "alice", false, TS, false)));
        assertEquals("09:08:07 * alice banned you from ",
                plain.event(new ChatEvent.BanChanged(room, "me", "alice", true, TS, true)));
        assertEquals("Banned from  (2): carol, dave", plain.bans(new ChatEvent.BansListed(room, List.of("carol",
                "dave"), false)));
        assertEquals("No one is banned from .", plain.bans(new ChatEvent.BansListed(room, List.of(), false)));
        long tomorrow = CLOCK.millis() + 24 * 3_600_000L;
        assertEquals("23:59:58 * alice invited you to #ops for 24 hours; /join #ops",
                plain.event(new ChatEvent.Invited("#ops", "me", "alice", tomorrow, true)));
        assertEquals("23:59:58 * carol is invited to #ops for 24 hours",
                plain.event(new ChatEvent.Invited("#ops", "carol", "me", tomorrow, false)));
        assertEquals("09:08:07 * bob is banned from the server",
                plain.event(new ChatEvent.ServerBanChanged("bob", true, TS)));
        assertEquals("09:08:07 * alice made  invite-only",
                plain.event(new ChatEvent.InviteOnlyChanged(room, "alice", true, TS)));
        assertEquals(List.of("#ops (2 online, 3 members): Deploys", "End of the room list."),
                plain.rooms(new ChatEvent.RoomsListed(List.of(new chatroom.client.RoomSummary("#ops", "Deploys", 3, 2)),
                        false)));
        assertEquals(List.of("No rooms match."), plain.rooms(new ChatEvent.RoomsListed(List.of(), false)));
    }

    @Test
    void refusal() {
        assertEquals("error: bob is not online.",
                plain.event(new ChatEvent.Refused("tell", "not_online", "bob is not online.")));
    }

    @Test
    void bye() {
        assertEquals("Disconnected by the server: Kicked by the operator.",
                plain.event(new ChatEvent.Goodbye("kicked", "Kicked by the operator.", false)));
    }

    @Test
    void eventsShownOtherwiseHaveNoLineHere() {
        assertNull(plain.event(new ChatEvent.Reconnected()));
        assertNull(plain.event(new ChatEvent.UnreadChanged(chat.room())));
    }

    @Test
    void timeIsShownInTheClocksZone() {
        EventFormat shanghai = new EventFormat(Style.PLAIN, CLOCK.withZone(ZoneId.of("Asia/Shanghai")));
        assertEquals("17:08:07 <bob> hi", shanghai.entry(message(TS, "bob", "hi", false)));
    }

    @Test
    void missingTimeIsNow() {
        assertEquals("23:59:58 <bob> hi", plain.entry(message(0, "bob", "hi", false)));
    }

    @Test
    void controlCharactersFromTheNetworkAreDefused() {
        assertEquals("09:08:07 <ev\uFFFD[31mil> \uFFFD[2J\uFFFDgotcha\uFFFD\uFFFD\uFFFD",
                plain.entry(message(TS, "ev\u001b[31mil", "\u001b[2J\u0000gotcha\r\n\u0007", false)));
        assertEquals("09:08:07 * \uFFFD]0;pwned\uFFFD left: \uFFFD[H (1 online)",
                plain.event(new ChatEvent.MemberLeft(chat.room(), "\u001b]0;pwned\u0007", "\u001b[H", TS, 1, false)));
        assertEquals("error: \uFFFDc", plain.event(new ChatEvent.Refused(null, "bad_message", "\u001bc")));
        assertEquals("Online (1): \uFFFD8m", plain.members(seenBy(new Members(List.of(new Member("\u009b8m", 1))))
                .room()));
    }

    @Test
    void ansiStyleColoursEachNameTheSameEveryTime() {
        EventFormat ansi = new EventFormat(new AnsiStyle(), CLOCK);
        String first = ansi.entry(message(TS, "bob", "one", false));
        String again = new EventFormat(new AnsiStyle(), CLOCK).entry(message(TS, "bob", "two", false));
        String colouredBob = new AnsiStyle().person("bob", "<bob>");
        assertTrue(first.contains(colouredBob), first);
        assertTrue(again.contains(colouredBob), again);
        assertEquals("\u001b[2m09:08:07\u001b[0m " + colouredBob + " one", first);
    }

    @Test
    void ansiStyleMarksErrorsRedAndPrivateMessages() {
        EventFormat ansi = new EventFormat(new AnsiStyle(), CLOCK);
        assertEquals("\u001b[31merror: nope\u001b[0m", ansi.event(new ChatEvent.Refused(null, "x", "nope")));
        assertTrue(ansi.entry(new Entry.Private(TS, "bob", "alice", "psst", false))
                .contains("\u001b[1;35m[private]\u001b[0m"));
    }

    @Test
    void differentNamesUsuallyGetDifferentColours() {
        AnsiStyle style = new AnsiStyle();
        assertNotEquals(style.person("alice", "x"), style.person("bob", "x"));
    }

    @Test
    void plainStyleWritesNoEscapeCodes() {
        String line = plain.entry(new Entry.Private(TS, "bob", "alice", "hi", false));
        assertFalse(line.contains("\u001b"), line);
    }

    @Test
    void whatTheModelAddsFromTheWireIsShownAsBefore() {
        Chat seen = seenBy(new ChatMessage(7, TS, "bob", "hello", false),
                new PrivateMessage(TS, "alice", "bob", "psst"));
        assertEquals("09:08:07 <bob> hello", plain.entry(seen.room().entries().getLast()));
        assertEquals("09:08:07 [private to bob] psst",
                plain.entry(seen.privateWith("bob").orElseThrow().entries().getLast()));
    }
}
