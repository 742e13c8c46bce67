package chatroom.ui.swing;

import chatroom.api.message.RoomInfo;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(OnSwingThread.class)
class ConsolePresenterTest {
    private static final Instant SINCE = Instant.parse("2026-11-21T09:15:00Z");

    private final ServerControl server = mock(ServerControl.class);
    private final AutoCloseable subscription = mock(AutoCloseable.class);
    private final List<Consumer<String>> logFollowers = new ArrayList<>();
    private final Shell shell = new Shell();
    private ConsoleView view;
    private ConsolePresenter presenter;

    private static final class Shell implements ConsoleShell {
        boolean confirm = true;
        int confirmations;
        Optional<String> kickReason = Optional.of("spamming");
        final List<String> kickQuestions = new ArrayList<>();
        boolean closed;

        @Override
        public boolean confirmShutdown() {
            confirmations++;
            return confirm;
        }

        @Override
        public Optional<String> askKickReason(String name) {
            kickQuestions.add(name);
            return kickReason;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @BeforeEach
    void setUp() {
        when(server.status()).thenReturn(new ServerStatus(3, 2, 7, 1234,
                Duration.ofSeconds(2 * 86_400 + 3 * 3600 + 4 * 60 + 5),
                List.of("0.0.0.0:9000", "[::]:9000")));
        when(server.online()).thenReturn(List.of(new OnlineUser("alice", "alice", "127.0.0.1:50001", SINCE),
                new OnlineUser("bobby", "bob", "10.0.0.7:50123", SINCE)));
        when(server.subscribeLog(any())).thenAnswer(call -> {
            logFollowers.add(call.getArgument(0));
            return subscription;
        });
        view = new ConsoleView(ConversationDocumentTest.times());
        presenter = new ConsolePresenter(server, view, shell, Runnable::run);
        presenter.start();
    }

    @Test
    void showsTheServersStatus() {
        assertEquals("3", view.connections.getText());
        assertEquals("2", view.online.getText());
        assertEquals("7", view.rooms.getText());
        assertEquals("1234", view.messages.getText());
        assertEquals("2d 3:04:05", view.uptime.getText());
        assertEquals("Listening on 0.0.0.0:9000, [::]:9000", view.addresses.getText());
        assertEquals("People online (2)", view.onlineTitle.getText());
        assertEquals("bobby", view.onlineModel.getValueAt(1, 0));
        assertEquals("bob", view.onlineModel.getValueAt(1, 1));
        assertEquals("10.0.0.7:50123", view.onlineModel.getValueAt(1, 2));
        assertEquals("09:15", view.onlineModel.getValueAt(1, 3));
    }

    @Test
    void refreshShowsNewNumbersAndKeepsTheSelection() {
        view.onlineTable.setRowSelectionInterval(1, 1);
        when(server.status()).thenReturn(new ServerStatus(1, 1, 1, 1240, Duration.ofSeconds(59), List.of()));
        when(server.online()).thenReturn(List.of(new OnlineUser("bobby", "bob", "10.0.0.7:50123", SINCE)));

        presenter.refresh();

        assertEquals("1", view.connections.getText());
        assertEquals("0:00:59", view.uptime.getText());
        assertEquals("Not listening", view.addresses.getText());
        assertEquals("People online (1)", view.onlineTitle.getText());
        assertEquals("bobby", view.selectedName());
    }

    @Test
    void showsTheServerLogInLocalTime() {
        // The server stamps its lines as UTC instants; the window's zone is UTC in these tests.
        logFollowers.get(0).accept("2026-11-21T09:15:02Z login alice from 127.0.0.1:50001 (1 online)");
        logFollowers.get(0).accept("2026-11-20T18:30:00Z announcement: 你好");
        logFollowers.get(0).accept("no stamp here");

        assertEquals("09:15:02 login alice from 127.0.0.1:50001 (1 online)\n"
                + "2026-11-20 18:30:00 announcement: 你好\nno stamp here\n", view.log.getText());
    }

    @Test
    void theLogKeepsOnlyTheNewestLines() {
        for (int i = 1; i <= ConsoleView.MAX_LOG_LINES + 2; i++) {
            view.log("line " + i);
        }

        assertTrue(view.log.getText().startsWith("line 3\n"));
        assertEquals(ConsoleView.MAX_LOG_LINES + 1, view.log.getLineCount());
    }

    @Test
    void kicksTheSelectedPersonWithTheReasonGiven() {
        assertFalse(view.kick.isEnabled());
        view.onlineTable.setRowSelectionInterval(1, 1);
        assertTrue(view.kick.isEnabled());
        when(server.kick("bobby", "spamming")).thenReturn(true);

        view.kick.doClick();

        assertEquals(List.of("bobby"), shell.kickQuestions);
        verify(server).kick("bobby", "spamming");
    }

    @Test
    void aBlankKickReasonBecomesTheDefault() {
        view.onlineTable.setRowSelectionInterval(0, 0);
        shell.kickReason = Optional.of("  ");

        presenter.kickSelected();

        verify(server).kick("alice", ConsolePresenter.DEFAULT_KICK_REASON);
    }

    @Test
    void cancellingTheKickQuestionKicksNobody() {
        view.onlineTable.setRowSelectionInterval(0, 0);
        shell.kickReason = Optional.empty();

        presenter.kickSelected();

        verify(server, never()).kick(anyString(), anyString());
    }

    @Test
    void kickingSomeoneAlreadyGoneSaysSoInTheLog() {
        view.onlineTable.setRowSelectionInterval(0, 0);

        presenter.kickSelected();

        assertEquals("alice was not online any more; nobody was kicked.\n", view.log.getText());
    }

    @Test
    void kickWithoutSelectionAsksNothing() {
        presenter.kickSelected();

        assertNull(view.selectedName());
        assertTrue(shell.kickQuestions.isEmpty());
    }

    @Test
    void announcesTheTextAndClearsTheField() {
        view.announcement.setText(" Restart at noon ");
        view.announcement.postActionEvent();

        verify(server).announce("Restart at noon");
        assertEquals("", view.announcement.getText());
    }

    @Test
    void aSlashLineIsAnOperatorCommandAnsweredInTheLog() {
        when(server.rooms()).thenReturn(List.of(new RoomInfo("#ops", "Deploys", 2, 1, true)));
        when(server.kickFromRoom("#ops", "bob", "too loud")).thenReturn(Optional.empty());
        when(server.banFromRoom("#ops", "dave", true)).thenReturn(Optional.of("dave has no account here."));
        view.log.setText("");

        for (String line : List.of("/rooms", " /kick #ops bob too loud ", "/ban #ops dave", "/dance")) {
            view.announcement.setText(line);
            view.announcement.postActionEvent();
        }

        verify(server).kickFromRoom("#ops", "bob", "too loud");
        verify(server, never()).announce(anyString());
        assertEquals("""
                > /rooms
                1 room
                  #ops  2 members, 1 online  Deploys
                > /kick #ops bob too loud
                Put bob out of #ops.
                > /ban #ops dave
                dave has no account here.
                > /dance
                Unknown command '/dance'. Type /help for the list.
                """, view.log.getText());
        assertEquals("", view.announcement.getText());
    }

    @Test
    void shutdownTypedAsksFirstLikeTheButton() {
        shell.confirm = false;
        view.announcement.setText("/shutdown");
        view.announce.doClick();
        verify(server, never()).shutdown();

        shell.confirm = true;
        view.announcement.setText("/shutdown");
        view.announce.doClick();
        verify(server).shutdown();
        assertEquals(2, shell.confirmations);
    }

    @Test
    void anEmptyAnnouncementIsNotSent() {
        view.announcement.setText("   ");
        view.announce.doClick();

        verify(server, never()).announce(anyString());
    }

    @Test
    void shutsDownOnlyWhenConfirmed() {
        shell.confirm = false;
        view.shutdown.doClick();
        verify(server, never()).shutdown();
        assertTrue(view.shutdown.isEnabled());

        shell.confirm = true;
        view.shutdown.doClick();

        verify(server).shutdown();
        assertEquals("Shutting down…", view.serverState.getText());
        assertFalse(view.shutdown.isEnabled());
        assertFalse(view.announce.isEnabled());
        assertFalse(shell.closed);
    }

    @Test
    void closingTheWindowAsksToShutDownTheServer() {
        shell.confirm = false;
        presenter.closeAsked();
        verify(server, never()).shutdown();
        assertFalse(shell.closed);

        shell.confirm = true;
        presenter.closeAsked();
        verify(server).shutdown();
        assertEquals(2, shell.confirmations);
    }

    @Test
    void whenTheServerStopsTheWindowClosesAndTheLogIsLeft() throws Exception {
        presenter.stopped();

        verify(subscription).close();
        assertTrue(shell.closed);
    }

    @Test
    void writesUptimeAsPeopleReadIt() {
        assertEquals("0:00:00", ConsolePresenter.uptime(Duration.ZERO));
        assertEquals("1:00:01", ConsolePresenter.uptime(Duration.ofSeconds(3601)));
        assertEquals("1d 0:00:00", ConsolePresenter.uptime(Duration.ofDays(1)));
    }
}
