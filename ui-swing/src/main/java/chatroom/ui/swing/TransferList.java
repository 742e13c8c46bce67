package chatroom.ui.swing;

import chatroom.api.file.TransferText;
import chatroom.api.spi.FileTransfer;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files on their way, one row each above the line to write in: what and with whom, a progress bar, speed and
 * time left, and a button to cancel it; once done, what happened, a button to open the folder a received file is
 * in, and one to remove the row. Hidden while there is nothing to show. Swing's thread only. Every control is named
 * after the transfer's id ({@code transfer:ID}, {@code cancel:ID}, {@code open:ID}, {@code remove:ID}) for tests.
 */
final class TransferList {
    /** Rows kept at most; the oldest finished ones go first. */
    static final int MAX_ROWS = 20;
    private static final int BAR_STEPS = 1000;

    private final class Row {
        final JPanel panel = new JPanel(new BorderLayout(gap, 0));
        final JLabel title = new JLabel();
        final JProgressBar bar = new JProgressBar(0, BAR_STEPS);
        final JLabel detail = new JLabel();
        final JButton cancel = new JButton("Cancel");
        final JButton open = new JButton("Open folder");
        final JButton remove = new JButton("×");
        FileTransfer latest;

        Row(FileTransfer transfer) {
            String id = transfer.id();
            panel.setName("transfer:" + id);
            cancel.setName("cancel:" + id);
            open.setName("open:" + id);
            remove.setName("remove:" + id);
            detail.setName("detail:" + id);
            // File names come from strangers: a name starting with <html> must not render (or fetch) anything.
            title.putClientProperty("html.disable", Boolean.TRUE);
            detail.putClientProperty("html.disable", Boolean.TRUE);
            title.setFont(title.getFont().deriveFont(Font.BOLD));
            detail.setForeground(Theme.MUTED);
            remove.setToolTipText("Remove this line");
            cancel.addActionListener(event -> cancelled.accept(id));
            open.addActionListener(event -> opened.accept(latest.file().getParent()));
            remove.addActionListener(event -> remove(id));
            JPanel text = new JPanel();
            text.setLayout(new BoxLayout(text, BoxLayout.Y_AXIS));
            text.setOpaque(false);
            title.setAlignmentX(Component.LEFT_ALIGNMENT);
            detail.setAlignmentX(Component.LEFT_ALIGNMENT);
            text.add(title);
            text.add(detail);
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, gap / 2, 0));
            buttons.setOpaque(false);
            buttons.add(cancel);
            buttons.add(open);
            buttons.add(remove);
            bar.setPreferredSize(new Dimension(gap * 20, bar.getPreferredSize().height));
            panel.add(text, BorderLayout.CENTER);
            JPanel right = new JPanel(new BorderLayout(gap, 0));
            right.setOpaque(false);
            right.add(bar, BorderLayout.WEST);
            right.add(buttons, BorderLayout.EAST);
            panel.add(right, BorderLayout.EAST);
            panel.setBorder(BorderFactory.createEmptyBorder(gap / 2, 0, gap / 2, 0));
            panel.setAlignmentX(Component.LEFT_ALIGNMENT);
        }

        void show(FileTransfer transfer) {
            latest = transfer;
            title.setText(describe(transfer));
            bar.setValue((int) (transfer.size() <= 0 ? BAR_STEPS : transfer.bytes() * BAR_STEPS / transfer.size()));
            bar.setVisible(!transfer.finished());
            detail.setText(transfer.finished() ? transfer.message() : TransferText.progress(transfer));
            detail.setForeground(transfer.state() == FileTransfer.State.FAILED ? Theme.ERROR : Theme.MUTED);
            cancel.setVisible(!transfer.finished());
            open.setVisible(transfer.state() == FileTransfer.State.DONE && !transfer.outgoing()
                    && transfer.file() != null && transfer.file().getParent() != null);
            remove.setVisible(transfer.finished());
        }
    }

    private final int gap;
    private final JPanel panel = new JPanel();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private Consumer<String> cancelled = id -> { };
    private Consumer<Path> opened = folder -> { };

    TransferList(int gap) {
        this.gap = gap;
        panel.setName("transfers");
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(BorderFactory.createEmptyBorder(0, 0, gap, 0));
        panel.setVisible(false);
    }

    JPanel component() {
        return panel;
    }

    /** What the buttons do: cancel a transfer by id, open a folder. */
    void onActions(Consumer<String> cancel, Consumer<Path> open) {
        this.cancelled = cancel;
        this.opened = open;
    }

    /** Shows the news about a transfer, adding its row if it is new. */
    void show(FileTransfer transfer) {
        Row row = rows.get(transfer.id());
        if (row == null) {
            makeRoom();
            row = new Row(transfer);
            rows.put(transfer.id(), row);
            panel.add(row.panel);
        }
        row.show(transfer);
        panel.setVisible(true);
        panel.revalidate();
        panel.repaint();
    }

    /** The row's latest news, or {@code null} when there is no row for it. */
    FileTransfer shown(String id) {
        Row row = rows.get(id);
        return row == null ? null : row.latest;
    }

    void remove(String id) {
        Row row = rows.remove(id);
        if (row != null) {
            panel.remove(row.panel);
            panel.setVisible(!rows.isEmpty());
            panel.revalidate();
            panel.repaint();
        }
    }

    private void makeRoom() {
        while (rows.size() >= MAX_ROWS) {
            String oldest = rows.entrySet().stream().filter(entry -> entry.getValue().latest.finished())
                    .map(Map.Entry::getKey).findFirst().orElse(rows.keySet().iterator().next());
            remove(oldest);
        }
    }

    /**
     * {@code Sending report.pdf (2.0 MiB) to everyone}, without "Sending" once sent; {@code photo.jpg (1.0 MiB) from
     * alice}.
     */
    private static String describe(FileTransfer transfer) {
        String size = " (" + TransferText.size(transfer.size()) + ")";
        if (transfer.outgoing()) {
            return (transfer.finished() ? "" : "Sending ") + transfer.name() + size + " to "
                    + (transfer.toRoom() ? "everyone" : transfer.peer());
        }
        return transfer.name() + size + " from " + transfer.peer() + (transfer.toRoom() ? " to everyone" : "");
    }
}
