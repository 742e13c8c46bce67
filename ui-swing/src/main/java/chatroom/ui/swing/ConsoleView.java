package chatroom.ui.swing;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.text.BadLocationException;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Insets;

/**
 * The server console window's content, laid out: counters, addresses, the people online with a Kick button, the
 * server log, the announcement line and Shut down. Holds no logic; {@link ConsolePresenter} wires it. Every
 * control has a name so tests can find it.
 */
final class ConsoleView {
    /** The log keeps this many lines; older ones scroll away for good. */
    static final int MAX_LOG_LINES = 5000;

    final JPanel root = new JPanel(new BorderLayout());
    final JLabel connections = new JLabel("0");
    final JLabel online = new JLabel("0");
    final JLabel rooms = new JLabel("0");
    final JLabel messages = new JLabel("0");
    final JLabel uptime = new JLabel("0:00:00");
    final JLabel addresses = new JLabel(" ");
    final JLabel serverState = new JLabel("Running");
    final OnlineTableModel onlineModel;
    final JTable onlineTable;
    final JLabel onlineTitle = new JLabel();
    final JButton kick = new JButton("Kick…");
    final JTextArea log = new JTextArea();
    final JTextField announcement = new JTextField();
    final JButton announce = new JButton("Announce");
    final JButton shutdown = new JButton("Shut down");
    final Timestamps times;

    ConsoleView(Timestamps times) {
        this.times = times;
        Font base = Theme.base();
        int gap = Math.max(4, base.getSize() / 2);
        onlineModel = new OnlineTableModel(times);
        onlineTable = new JTable(onlineModel);
        connections.setName("connections");
        online.setName("online");
        rooms.setName("rooms");
        messages.setName("messages");
        uptime.setName("uptime");
        addresses.setName("addresses");
        serverState.setName("serverState");
        onlineTable.setName("onlineTable");
        onlineTitle.setName("onlineTitle");
        kick.setName("kick");
        log.setName("log");
        announcement.setName("announcement");
        announce.setName("announce");
        shutdown.setName("shutdown");

        JPanel cards = new JPanel(new GridLayout(1, 5, 2 * gap, 0));
        cards.add(card(connections, "connections", base, gap));
        cards.add(card(online, "online", base, gap));
        cards.add(card(rooms, "rooms", base, gap));
        cards.add(card(messages, "messages", base, gap));
        cards.add(card(uptime, "up", base, gap));
        JPanel where = new JPanel(new BorderLayout(gap, 0));
        addresses.setForeground(Theme.NOTICE);
        serverState.setFont(base.deriveFont(Font.BOLD));
        serverState.setForeground(Theme.ACCENT);
        where.add(addresses, BorderLayout.CENTER);
        where.add(serverState, BorderLayout.EAST);
        JPanel top = new JPanel(new BorderLayout(0, gap));
        top.setBorder(BorderFactory.createEmptyBorder(2 * gap, 2 * gap, gap, 2 * gap));
        top.add(cards, BorderLayout.CENTER);
        top.add(where, BorderLayout.SOUTH);

        onlineTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        onlineTable.setFillsViewportHeight(true);
        onlineTable.setRowHeight(base.getSize() + 2 * gap);
        onlineTable.setShowGrid(false);
        onlineTitle.setFont(base.deriveFont(Font.BOLD));
        JPanel people = new JPanel(new BorderLayout(0, gap));
        people.add(onlineTitle, BorderLayout.NORTH);
        people.add(new JScrollPane(onlineTable), BorderLayout.CENTER);
        JPanel kickRow = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
        kickRow.add(kick);
        people.add(kickRow, BorderLayout.SOUTH);

        log.setEditable(false);
        // A long announcement or address list wraps rather than hiding behind a sideways scroll bar.
        log.setLineWrap(true);
        log.setWrapStyleWord(true);
        log.setFont(new Font(Font.MONOSPACED, Font.PLAIN, base.getSize()));
        log.setMargin(new Insets(gap / 2, gap, gap / 2, gap));
        JLabel logTitle = new JLabel("Server log");
        logTitle.setFont(base.deriveFont(Font.BOLD));
        JPanel logPanel = new JPanel(new BorderLayout(0, gap));
        logPanel.add(logTitle, BorderLayout.NORTH);
        logPanel.add(new JScrollPane(log), BorderLayout.CENTER);

        JSplitPane middle = new JSplitPane(JSplitPane.VERTICAL_SPLIT, people, logPanel);
        middle.setResizeWeight(0.4);
        middle.setBorder(BorderFactory.createEmptyBorder(gap, 2 * gap, gap, 2 * gap));

        JPanel bottom = new JPanel(new BorderLayout(gap, 0));
        bottom.setBorder(BorderFactory.createEmptyBorder(gap, 2 * gap, 2 * gap, 2 * gap));
        JLabel announceLabel = new JLabel("Announce to everyone, or a /command:");
        announceLabel.setLabelFor(announcement);
        announcement.setToolTipText("Text is announced to everyone; /help lists the commands (/rooms, /room #name, "
                + "/kick, /ban, /close #name …), answered in the server log.");
        bottom.add(announceLabel, BorderLayout.WEST);
        bottom.add(announcement, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, gap, 0));
        buttons.add(announce);
        shutdown.setForeground(Theme.ERROR);
        buttons.add(shutdown);
        bottom.add(buttons, BorderLayout.EAST);

        root.add(top, BorderLayout.NORTH);
        root.add(middle, BorderLayout.CENTER);
        root.add(bottom, BorderLayout.SOUTH);
        root.setPreferredSize(new Dimension(base.getSize() * 60, base.getSize() * 44));
    }

    /** Adds a line to the log, dropping the oldest beyond {@link #MAX_LOG_LINES}. */
    void log(String line) {
        log.append(line.endsWith("\n") ? line : line + "\n");
        int excess = log.getLineCount() - 1 - MAX_LOG_LINES;
        if (excess > 0) {
            try {
                log.replaceRange("", 0, log.getLineStartOffset(excess));
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
        }
        log.setCaretPosition(log.getDocument().getLength());
    }

    /** The name selected in the table, or {@code null}. */
    String selectedName() {
        int row = onlineTable.getSelectedRow();
        return row < 0 ? null : onlineModel.nameAt(onlineTable.convertRowIndexToModel(row));
    }

    private static JPanel card(JLabel value, String caption, Font base, int gap) {
        value.setFont(base.deriveFont(Font.BOLD, base.getSize2D() * 1.8f));
        value.setForeground(Theme.ACCENT);
        JLabel label = new JLabel(caption);
        label.setForeground(Theme.MUTED);
        JPanel card = new JPanel(new BorderLayout());
        card.setBackground(Color.WHITE);
        card.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(new Color(0xD9DEE5)),
                BorderFactory.createEmptyBorder(gap, 2 * gap, gap, 2 * gap)));
        card.add(value, BorderLayout.CENTER);
        card.add(label, BorderLayout.SOUTH);
        return card;
    }
}
