package chatroom.ui.swing;

import chatroom.api.rules.RoomNames;
import chatroom.client.RoomSummary;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.AbstractTableModel;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * The content of the join dialog: a filter, the rooms the server lists for it (name, people online, members,
 * topic), and a button that joins the room picked, or creates the one typed when no room has that name. It stays
 * open while the server decides, so that a refusal (banned, invite-only, too many rooms) can be read.
 */
final class RoomPicker {
    // Typing asks the server once the user pauses, not on every key: the server rate-limits requests.
    private static final int FILTER_PAUSE_MILLIS = 300;

    private final JPanel panel = new JPanel(new BorderLayout(0, 8));
    private final JTextField filter = new JTextField(24);
    private final RoomTable rooms = new RoomTable();
    private final JTable table = new JTable(rooms);
    private final JLabel message = new JLabel(" ");
    private final JButton join = new JButton("Join");
    private final JButton cancel = new JButton("Cancel");
    private final Timer pause = new Timer(FILTER_PAUSE_MILLIS, event -> { });
    private boolean open;
    private boolean waiting;

    RoomPicker() {
        filter.setName("roomFilter");
        table.setName("roomTable");
        message.setName("roomMessage");
        join.setName("roomJoin");
        cancel.setName("roomCancel");
        filter.setToolTipText("Part of a room's name; or the name of a new room to create");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.getColumnModel().getColumn(0).setPreferredWidth(140);
        table.getColumnModel().getColumn(1).setPreferredWidth(50);
        table.getColumnModel().getColumn(2).setPreferredWidth(60);
        table.getColumnModel().getColumn(3).setPreferredWidth(260);
        table.getSelectionModel().addListSelectionListener(event -> showJoinTarget());
        pause.setRepeats(false);

        JPanel top = new JPanel(new BorderLayout(8, 0));
        top.add(new JLabel("Find or create a room:"), BorderLayout.WEST);
        top.add(filter, BorderLayout.CENTER);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(560, 260));
        JPanel bottom = new JPanel(new BorderLayout(8, 0));
        bottom.add(message, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(cancel);
        buttons.add(join);
        bottom.add(buttons, BorderLayout.EAST);
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        panel.add(top, BorderLayout.NORTH);
        panel.add(scroll, BorderLayout.CENTER);
        panel.add(bottom, BorderLayout.SOUTH);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent event) {
                typed();
            }

            @Override
            public void removeUpdate(DocumentEvent event) {
                typed();
            }

            @Override
            public void changedUpdate(DocumentEvent event) {
                typed();
            }
        });
    }

    JComponent component() {
        return panel;
    }

    /**
     * What happens when the filter changes (asked with the text typed, or {@code null} for every room), on Join (or
     * Enter, or a double click) with the room's name, and on Cancel.
     */
    void onActions(Consumer<String> filtered, Consumer<String> joined, Runnable cancelled) {
        pause.addActionListener(event -> filtered.accept(filterText()));
        Runnable submit = () -> {
            String room = target();
            if (room != null && !waiting) {
                joined.accept(room);
            }
        };
        join.addActionListener(event -> submit.run());
        filter.addActionListener(event -> submit.run());
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getClickCount() == 2 && table.rowAtPoint(event.getPoint()) >= 0) {
                    submit.run();
                }
            }
        });
        cancel.addActionListener(event -> cancelled.run());
    }

    /** Opens empty, waiting for the first page of rooms. */
    void start() {
        open = true;
        waiting = false;
        filter.setText("");
        pause.stop();
        rooms.show(List.of());
        showMessage("Asking the server for its rooms…", false);
        setEnabled(true);
        showJoinTarget();
    }

    /** The rooms that match the filter, in name order; {@code more} when the server has more than these. */
    void show(List<RoomSummary> matching, boolean more) {
        rooms.show(matching);
        if (!waiting) {
            showMessage(matching.isEmpty() ? (filterText() == null ? "No rooms yet: type a name to create one."
                    : "No room matches; Join creates " + typedRoom() + ".")
                    : more ? "More rooms match: type to narrow the list." : " ", false);
        }
        showJoinTarget();
    }

    /** The join went to the server; nothing to do until it answers. */
    void waiting(String room) {
        waiting = true;
        showMessage("Joining " + room + "…", false);
        setEnabled(false);
    }

    /** The room cannot be joined; says why and lets the user pick another. */
    void refused(String reason) {
        waiting = false;
        showMessage(reason, true);
        setEnabled(true);
        filter.requestFocusInWindow();
    }

    /** The dialog went away; late answers no longer belong to it. */
    void dismissed() {
        open = false;
        waiting = false;
        pause.stop();
    }

    boolean isOpen() {
        return open;
    }

    boolean isWaiting() {
        return waiting;
    }

    JTextField filterField() {
        return filter;
    }

    JTable table() {
        return table;
    }

    JButton joinButton() {
        return join;
    }

    JButton cancelButton() {
        return cancel;
    }

    String message() {
        return message.getText();
    }

    private void typed() {
        table.clearSelection();
        showJoinTarget();
        pause.restart();
    }

    /** The room Join would join: the one picked in the list, else the name typed. */
    private String target() {
        int row = table.getSelectedRow();
        return row >= 0 ? rooms.nameAt(table.convertRowIndexToModel(row)) : typedRoom();
    }

    /** The name typed, with the {@code #} people may leave out; {@code null} when nothing is typed. */
    private String typedRoom() {
        String typed = filterText();
        return typed == null ? null : typed.startsWith("#") ? typed : "#" + typed;
    }

    private String filterText() {
        String typed = filter.getText().strip();
        return typed.isEmpty() ? null : typed;
    }

    /** "Join #ops" for a room listed, "Create #new" for a name no room listed has. */
    private void showJoinTarget() {
        String room = target();
        boolean listed = room != null && rooms.has(room);
        join.setText(room == null ? "Join" : (listed ? "Join " : "Create ") + room);
        join.setEnabled(room != null && !waiting);
    }

    private void showMessage(String text, boolean problem) {
        message.setText(text);
        message.setForeground(problem ? Theme.ERROR : Theme.MUTED);
    }

    private void setEnabled(boolean enabled) {
        filter.setEnabled(enabled);
        table.setEnabled(enabled);
        join.setEnabled(enabled && target() != null);
    }

    /** The rooms listed: name, people online, members, topic. */
    private static final class RoomTable extends AbstractTableModel {
        private static final long serialVersionUID = 1L;
        private static final String[] COLUMNS = {"Room", "Online", "Members", "Topic"};
        private transient List<RoomSummary> rooms = List.of();

        void show(List<RoomSummary> matching) {
            rooms = List.copyOf(matching);
            fireTableDataChanged();
        }

        String nameAt(int row) {
            return rooms.get(row).name();
        }

        /** Whether a room of this name is listed, names compared as the server compares them. */
        boolean has(String name) {
            return rooms.stream().anyMatch(room -> RoomNames.key(room.name()).equals(RoomNames.key(name)));
        }

        @Override
        public int getRowCount() {
            return rooms.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int column) {
            return COLUMNS[column];
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return column == 1 || column == 2 ? Integer.class : String.class;
        }

        @Override
        public Object getValueAt(int row, int column) {
            RoomSummary room = rooms.get(row);
            return switch (column) {
                case 0 -> room.name();
                case 1 -> room.online();
                case 2 -> room.members();
                default -> room.topic() == null ? "" : room.topic();
            };
        }
    }
}
