package chatroom.api.console;

import chatroom.api.message.Member;
import chatroom.api.message.RoomInfo;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.RoomReport;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class OperatorCommandsTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private final ServerControl server = mock(ServerControl.class, "server");
    private final StringBuilder lines = new StringBuilder();
    private final OperatorCommands console = new OperatorCommands(server, line -> lines.append(line).append('\n'),
            ZoneOffset.ofHours(8));

    private String output() {
        return lines.toString();
    }

    @Test
    void whoListsNamesAccountsAddressesAndLoginTimes() {
        when(server.online()).thenReturn(List.of(
                new OnlineUser("alice", "alice", "127.0.0.1:50001", START),
                new OnlineUser("Builder", "bob", "[::1]:50002", START.plusSeconds(3723))));

        assertTrue(console.execute("/who"));

        assertEquals("""
                2 online
                  alice  127.0.0.1:50001  since 18:00:00
                  Builder (account bob)  [::1]:50002  since 19:02:03
                """, output());
    }

    @Test
    void whoWithNobodyOnline() {
        when(server.online()).thenReturn(List.of());

        console.execute("/who");

        assertEquals("0 online\n", output());
    }

    @Test
    void kickPassesTheNameAndTheRestAsTheReason() {
        when(server.kick("bob", "spamming links again")).thenReturn(true);

        assertTrue(console.execute("/kick bob   spamming links again"));

        verify(server).kick("bob", "spamming links again");
        assertEquals("Kicked bob.\n", output());
    }

    @Test
    void kickWithoutAReason() {
        when(server.kick("bob", "")).thenReturn(true);

        console.execute("/kick bob");

        verify(server).kick("bob", "");
        assertEquals("Kicked bob.\n", output());
    }

    @Test
    void kickSomeoneOffline() {
        console.execute("/kick nobody bye");

        verify(server).kick("nobody", "bye");
        assertEquals("nobody is not online.\n", output());
    }

    @Test
    void kickWithoutANameShowsTheUsage() {
        console.execute("/kick");
        console.execute("/kick   ");

        verify(server, never()).kick(anyString(), anyString());
        assertEquals("Usage: /kick NAME [REASON] or /kick #ROOM NAME [REASON]\n".repeat(2), output());
    }

    @Test
    void sayAnnouncesTheText() {
        assertTrue(console.execute("/say  Maintenance at noon, back by one."));

        verify(server).announce("Maintenance at noon, back by one.");
        assertEquals("", output());
    }

    @Test
    void sayWithoutTextShowsTheUsage() {
        console.execute("/say");

        verifyNoInteractions(server);
        assertEquals("Usage: /say TEXT\n", output());
    }

    @Test
    void statsShowsTheCounters() {
        when(server.status()).thenReturn(new ServerStatus(3, 2, 5, 42,
                Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4), List.of("10.0.0.5:9000")));

        console.execute("  /stats  ");

        assertEquals("connections 3, online 2, rooms 5, messages 42, uptime 1d 02:03:04\n", output());
    }

    @Test
    void shutdownStopsTheServerAndTheConsole() {
        assertFalse(console.execute("/shutdown"));

        verify(server).shutdown();
        verifyNoMoreInteractions(server);
        assertEquals("Shutting down.\n", output());
    }

    @Test
    void helpListsTheCommands() {
        console.execute("/help");

        assertEquals(OperatorCommands.HELP + "\n", output());
        assertTrue(OperatorCommands.HELP.contains("/kick NAME [REASON]"));
    }

    @Test
    void anUnknownCommandPointsToHelp() {
        assertTrue(console.execute("/dance now"));
        assertTrue(console.execute("hello"));

        verifyNoInteractions(server);
        assertEquals("""
                Unknown command '/dance'. Type /help for the list.
                Unknown command 'hello'. Type /help for the list.
                """, output());
    }

    @Test
    void blankLinesAreIgnored() {
        assertTrue(console.execute(""));
        assertTrue(console.execute("   \t"));

        verifyNoInteractions(server);
        assertEquals("", output());
    }

    @Test
    void uptimeIsDaysThenClockTime() {
        assertEquals("0d 00:00:00", OperatorCommands.format(Duration.ZERO));
        assertEquals("0d 00:00:59", OperatorCommands.format(Duration.ofMillis(59_999)));
        assertEquals("0d 23:59:59", OperatorCommands.format(Duration.ofSeconds(86_399)));
        assertEquals("1d 00:00:00", OperatorCommands.format(Duration.ofDays(1)));
        assertEquals("400d 10:00:00", OperatorCommands.format(Duration.ofDays(400).plusHours(10)));
    }

    @Test
    void timesAreShownInTheConsolesZone() {
        OperatorCommands utc = new OperatorCommands(server, line -> lines.append(line).append('\n'),
                ZoneId.of("UTC"));
        when(server.online()).thenReturn(List.of(
                new OnlineUser("alice", "alice", "127.0.0.1:50001", START)));

        utc.execute("/who");

        assertEquals("1 online\n  alice  127.0.0.1:50001  since 10:00:00\n", output());
    }

    @Test
    void roomCommandsActThroughTheServerAndSayWhatHappened() {
        when(server.rooms()).thenReturn(List.of(new RoomInfo("#lobby", null, 3, 2, true),
                new RoomInfo("#ops", "Deploys", 2, 1, false, true), new RoomInfo("#quiet", null, 1, 0, true)));
        when(server.room("#ops")).thenReturn(Optional.of(new RoomReport(new RoomInfo("#ops", "Deploys", 2, 1, false,
                true), List.of(new Member("alice", 5, null, true, "owner"), new Member("bob", 6, null, false,
                "member")), List.of("carol"))));
        when(server.room("#none")).thenReturn(Optional.empty());
        when(server.kickFromRoom("#ops", "bob", "too loud")).thenReturn(Optional.empty());
        when(server.banFromRoom("#ops", "dave", true)).thenReturn(Optional.of("dave has no account here."));
        when(server.banFromServer("erin", true)).thenReturn(Optional.empty());
        when(server.banFromServer("erin", false)).thenReturn(Optional.empty());
        when(server.closeRoom("#ops")).thenReturn(Optional.empty());

        for (String line : List.of("/rooms", "/room #ops", "/room #none", "/kick #ops bob too loud", "/ban #ops dave",
                "/ban erin", "/unban erin", "/close #ops", "/ban", "/close ops")) {
            assertTrue(console.execute(line));
        }

        assertEquals("""
                3 rooms
                  #lobby  3 members, 2 online
                  #ops  2 members, 1 online, invite-only  Deploys
                  #quiet  1 member, 0 online
                #ops: 2 members, 1 online, invite-only, topic open to all
                  topic: Deploys
                  alice (owner)  online
                  bob
                  banned: carol
                There is no room called '#none'.
                Put bob out of #ops.
                dave has no account here.
                Banned erin from the server.
                Lifted the ban on erin.
                Closed #ops.
                Usage: /ban NAME or /ban #ROOM NAME
                Usage: /close #ROOM
                """, output());
    }

    @Test
    void forgetDeletesAnAccountsPrivateMessages() {
        when(server.deletePrivateMessages("bob")).thenReturn(Optional.empty());
        when(server.deletePrivateMessages("nobody")).thenReturn(Optional.of("nobody has no account here."));

        for (String line : List.of("/forget bob", "/forget nobody", "/forget")) {
            assertTrue(console.execute(line));
        }

        assertEquals("""
                Deleted the private messages of bob.
                nobody has no account here.
                Usage: /forget NAME
                """, output());
    }
}
