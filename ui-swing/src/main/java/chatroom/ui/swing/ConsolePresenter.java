package chatroom.ui.swing;

import chatroom.api.console.OperatorCommands;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;

import javax.swing.JComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The server console's behaviour, apart from the frame so it runs without a display: the counters and the people
 * online, refreshed on each {@link #refresh}, the server log, kicking, announcing, the operator's commands typed
 * into the announcement line (the same as the text console's, answered in the log) and shutting down.
 *
 * <p>Threading: every method runs on Swing's thread; log lines arrive on the server's threads and come over
 * through {@code ui}. {@link ServerControl}'s methods return promptly, so they are called right here.
 */
final class ConsolePresenter {
    static final String DEFAULT_KICK_REASON = "removed by the operator";

    private final ServerControl server;
    private final ConsoleView view;
    private final ConsoleShell shell;
    private final Executor ui;
    private final OperatorCommands commands;
    private AutoCloseable logSubscription;
    private boolean stopping;
    private boolean stopped;

    ConsolePresenter(ServerControl server, ConsoleView view, ConsoleShell shell, Executor ui) {
        this.server = server;
        this.view = view;
        this.shell = shell;
        this.ui = ui;
        this.commands = new OperatorCommands(server, view::log, view.times.zone());
        view.kick.addActionListener(event -> kickSelected());
        view.announce.addActionListener(event -> submit());
        view.announcement.addActionListener(event -> submit());
        view.shutdown.addActionListener(event -> shutdownAsked());
        view.onlineTable.getSelectionModel().addListSelectionListener(event -> showKickable());
    }

    /** Follows the server log and shows the first status. */
    void start() {
        logSubscription = server.subscribeLog(line -> ui.execute(() -> view.log(readable(line))));
        refresh();
    }

    /** Shows the server's counters and who is online as of now. */
    void refresh() {
        if (stopped) {
            return;
        }
        ServerStatus status = server.status();
        view.connections.setText(Integer.toString(status.connections()));
        view.online.setText(Integer.toString(status.online()));
        view.rooms.setText(Integer.toString(status.rooms()));
        view.messages.setText(Long.toString(status.messages()));
        view.uptime.setText(uptime(status.uptime()));
        view.addresses.setText(status.addresses().isEmpty() ? "Not listening"
                : "Listening on " + String.join(", ", status.addresses()));
        String selected = view.selectedName();
        List<OnlineUser> users = server.online();
        view.onlineModel.update(users);
        int row = selected == null ? -1 : view.onlineModel.rowOf(selected);
        if (row >= 0 && view.onlineTable.getSelectedRow() != row) {
            view.onlineTable.getSelectionModel().setSelectionInterval(row, row);
        }
        view.onlineTitle.setText("People online (" + users.size() + ")");
        showKickable();
    }

    /** Kick was pressed: asks why, then disconnects the person selected. */
    void kickSelected() {
        String name = view.selectedName();
        if (name == null || stopping) {
            return;
        }
        Optional<String> answer = shell.askKickReason(name);
        if (answer.isEmpty()) {
            return;
        }
        String reason = answer.get().isBlank() ? DEFAULT_KICK_REASON : answer.get().strip();
        if (!server.kick(name, reason)) {
            view.log(name + " was not online any more; nobody was kicked.");
        }
        refresh();
    }

    /**
     * Announce (or Enter) was pressed: a line starting with {@code /} is an operator command, echoed and answered in
     * the log; anything else is told to everyone as the server. {@code /shutdown} asks first, as the button does.
     */
    void submit() {
        String text = view.announcement.getText().strip();
        if (text.isEmpty() || stopping) {
            return;
        }
        view.announcement.setText("");
        if (!text.startsWith("/")) {
            server.announce(text);
            return;
        }
        if (text.split("\\s+")[0].equals("/shutdown")) {
            shutdownAsked();
            return;
        }
        view.log("> " + text);
        commands.execute(text);
        refresh();
    }

    /** Shut down was pressed: asks first, then stops the server; the window closes once it has stopped. */
    void shutdownAsked() {
        if (stopping || !shell.confirmShutdown()) {
            return;
        }
        stopping = true;
        view.serverState.setText("Shutting down…");
        view.serverState.setForeground(Theme.ERROR);
        for (JComponent control : new JComponent[] {view.kick, view.announce,
                view.announcement, view.shutdown}) {
            control.setEnabled(false);
        }
        server.shutdown();
    }

    /** The window's close button: closing the console means shutting the server down, so it asks the same. */
    void closeAsked() {
        if (stopped) {
            shell.close();
        } else {
            shutdownAsked();
        }
    }

    /** The server has stopped: nothing left to watch. */
    void stopped() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (logSubscription != null) {
            try {
                logSubscription.close();
            } catch (Exception e) {
                // The server is gone; there is nothing left to unsubscribe from.
            }
        }
        shell.close();
    }

    private void showKickable() {
        view.kick.setEnabled(!stopping && view.selectedName() != null);
    }

    /**
     * The server stamps its log lines with a UTC instant for log files; here they read in the operator's time zone,
     * as the rest of the window does. Lines without such a stamp are shown as they came.
     */
    private String readable(String line) {
        int space = line.indexOf(' ');
        // No instant is longer than this; a long first word is no stamp and is not worth parsing.
        if (space < 0 || space > 40) {
            return line;
        }
        try {
            Instant stamp = Instant.parse(line.substring(0, space));
            return view.times.formatWithSeconds(stamp) + line.substring(space);
        } catch (DateTimeParseException e) {
            return line;
        }
    }

    /** Uptime as people read it: {@code 3:04:05}, or {@code 2d 3:04:05} after a day. */
    static String uptime(Duration uptime) {
        long seconds = Math.max(0, uptime.toSeconds());
        long days = seconds / 86_400;
        String clock = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return days > 0 ? days + "d " + clock : clock;
    }
}
