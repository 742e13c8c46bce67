package chatroom.ui.swing;

import chatroom.api.rules.Roles;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextField;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

/**
 * The chat window's content, laid out: the connect bar; the list of conversations, the one shown under its topic
 * bar, and the people in it; and the line to write in. Holds no logic; {@link ChatPresenter} wires it. Every control
 * has a name (see {@link Component#getName()}) so tests can find it in a real window too.
 */
final class ChatView {
    final JPanel root = new JPanel(new BorderLayout());
    final JLabel banner = new JLabel();
    final JTextField host = new JTextField(14);
    final JTextField port = new JTextField(5);
    final JTextField name = new JTextField(12);
    final JPasswordField password = new JPasswordField(12);
    final JButton join = new JButton("Join");
    /** Where a peer transport listens and whom it asks first: shown instead of the server fields, read-only. */
    final JLabel group = new JLabel();
    final JButton rename = new JButton("Rename…");
    final JLabel status = new JLabel(" ");
    final Timestamps times;
    final Conversations conversations;
    final People people = new People();
    final JList<People.Person> peopleList = new JList<>(people.model());
    final JLabel peopleTitle = new JLabel();
    /** The room shown and its topic; empty for a private conversation and the room of a chat without rooms. */
    final JLabel topic = new JLabel();
    final JButton editTopic = new JButton("Set topic…");
    final JButton joinRoom = new JButton("Join a room…");
    final JPanel topicBar = new JPanel(new BorderLayout());
    final JLabel composeTarget = new JLabel();
    final JTextField compose = new JTextField();
    final JButton send = new JButton("Send");
    private final JLabel hostCaption = new JLabel("Server");
    private final JLabel portCaption = new JLabel("Port");
    private final JLabel passwordCaption = new JLabel("Password");
    private final JLabel groupCaption = new JLabel("Group");
    final JButton sendFile = new JButton("Send file…");
    final TransferList transfers;
    private String me;

    ChatView(Timestamps times) {
        Font base = Theme.base();
        int gap = Math.max(4, base.getSize() / 2);
        this.times = times;
        conversations = new Conversations(times, base);
        transfers = new TransferList(gap);
        banner.setName("banner");
        host.setName("host");
        port.setName("port");
        name.setName("name");
        password.setName("password");
        join.setName("join");
        group.setName("group");
        rename.setName("rename");
        status.setName("status");
        peopleList.setName("people");
        topic.setName("topic");
        editTopic.setName("editTopic");
        joinRoom.setName("joinRoom");
        joinRoom.setToolTipText("Find a room to join, or create one (Ctrl+K)");
        joinRoom.setVisible(false);
        peopleTitle.setName("peopleTitle");
        composeTarget.setName("composeTarget");
        compose.setName("compose");
        send.setName("send");
        sendFile.setName("sendFile");
        sendFile.setToolTipText("Send a file to everyone, or to the person of the private tab shown;"
                + " or drop files on the window");

        JPanel top = new JPanel();
        top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
        banner.setOpaque(true);
        banner.setBackground(Theme.BANNER_BACKGROUND);
        banner.setForeground(Theme.ERROR);
        banner.setFont(base.deriveFont(Font.BOLD));
        banner.setBorder(BorderFactory.createEmptyBorder(gap, 2 * gap, gap, 2 * gap));
        banner.setAlignmentX(Component.LEFT_ALIGNMENT);
        banner.setMaximumSize(new Dimension(Integer.MAX_VALUE, Integer.MAX_VALUE));
        banner.setVisible(false);
        top.add(banner);
        // Text fields pad their text; the read-only group line lines up with them.
        group.setBorder(BorderFactory.createEmptyBorder(0, gap, 0, 0));
        JPanel connect = connectBar(gap);
        connect.setAlignmentX(Component.LEFT_ALIGNMENT);
        top.add(connect);

        peopleTitle.setFont(base.deriveFont(Font.BOLD));
        peopleTitle.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap, gap));
        peopleList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        peopleList.setToolTipText("Double-click a name to write privately; right-click for more");
        peopleList.setCellRenderer(new PersonRenderer(gap));
        JPanel peoplePanel = new JPanel(new BorderLayout());
        peoplePanel.add(peopleTitle, BorderLayout.NORTH);
        JScrollPane peopleScroll = new JScrollPane(peopleList);
        peopleScroll.setBorder(null);
        peoplePanel.add(peopleScroll, BorderLayout.CENTER);
        peoplePanel.setMinimumSize(new Dimension(base.getSize() * 8, 0));
        peoplePanel.setPreferredSize(new Dimension(base.getSize() * 14, 0));

        conversations.renderer(new ConversationRenderer(gap));
        JLabel conversationsTitle = new JLabel("Conversations");
        conversationsTitle.setFont(base.deriveFont(Font.BOLD));
        conversationsTitle.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap, gap));
        JPanel listPanel = new JPanel(new BorderLayout());
        listPanel.add(conversationsTitle, BorderLayout.NORTH);
        JScrollPane listScroll = new JScrollPane(conversations.list());
        listScroll.setBorder(null);
        listPanel.add(listScroll, BorderLayout.CENTER);
        listPanel.add(joinRoom, BorderLayout.SOUTH);
        listPanel.setMinimumSize(new Dimension(base.getSize() * 8, 0));
        listPanel.setPreferredSize(new Dimension(base.getSize() * 13, 0));

        topic.setBorder(BorderFactory.createEmptyBorder(gap / 2, gap, gap / 2, gap));
        topicBar.add(topic, BorderLayout.CENTER);
        topicBar.add(editTopic, BorderLayout.EAST);
        topicBar.setBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, Theme.LINE));
        topicBar.setVisible(false);
        JPanel shown = new JPanel(new BorderLayout());
        shown.add(topicBar, BorderLayout.NORTH);
        shown.add(conversations.panes(), BorderLayout.CENTER);

        JSplitPane right = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, shown, peoplePanel);
        right.setResizeWeight(1);
        right.setBorder(null);
        right.setContinuousLayout(true);
        JSplitPane middle = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, listPanel, right);
        middle.setResizeWeight(0);
        middle.setBorder(BorderFactory.createEmptyBorder(0, gap, 0, gap));
        middle.setContinuousLayout(true);

        JPanel bottom = new JPanel(new BorderLayout(gap, 0));
        bottom.setBorder(BorderFactory.createEmptyBorder(gap, 2 * gap, 2 * gap, 2 * gap));
        composeTarget.setFont(base.deriveFont(Font.BOLD));
        bottom.add(transfers.component(), BorderLayout.NORTH);
        bottom.add(composeTarget, BorderLayout.WEST);
        bottom.add(compose, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new BorderLayout(gap, 0));
        buttons.add(sendFile, BorderLayout.WEST);
        buttons.add(send, BorderLayout.EAST);
        bottom.add(buttons, BorderLayout.EAST);

        root.add(top, BorderLayout.NORTH);
        root.add(middle, BorderLayout.CENTER);
        root.add(bottom, BorderLayout.SOUTH);
        root.setPreferredSize(new Dimension(base.getSize() * 82, base.getSize() * 46));
    }

    /** The user's own name, which the people list marks. */
    void me(String me) {
        this.me = me;
        peopleList.repaint();
    }

    /**
     * Shows a room's name and topic above its pane, or hides the bar ({@code room} null).
     *
     * @param canEdit whether the user may set the topic, which enables the button
     */
    void topic(String room, String text, boolean canEdit) {
        topicBar.setVisible(room != null);
        if (room != null) {
            topic.setText(text == null ? room + " · no topic" : room + " · " + text);
            topic.setToolTipText(text);
            editTopic.setEnabled(canEdit);
            editTopic.setToolTipText(canEdit ? "Change the topic of " + room
                    : "Only the owner and operators of " + room + " can set its topic");
        }
        root.revalidate();
    }

    /** Shows or hides the banner that says the connection ended. */
    void banner(String text) {
        banner.setText(text == null ? "" : text);
        banner.setVisible(text != null);
        root.revalidate();
    }

    /** A line next to the connect fields: progress, or why joining failed. */
    void status(String text, boolean problem) {
        status.setText(text);
        status.setForeground(problem ? Theme.ERROR : Theme.MUTED);
    }

    /**
     * For transports without a server or accounts (peers): hides the server, port and password fields and shows
     * {@code settings}, a description of where this peer listens and whom it asks first, in their place.
     */
    void peerMode(String settings) {
        for (JComponent serverOnly : new JComponent[] {hostCaption, host, portCaption, port, passwordCaption,
                password}) {
            serverOnly.setVisible(false);
        }
        group.setText(settings);
        groupCaption.setVisible(true);
        group.setVisible(true);
        root.revalidate();
    }

    /** Whether the connect fields take input: before login and after the connection ended. */
    void connectEnabled(boolean enabled) {
        for (JComponent field : new JComponent[] {host, port, name, password, join}) {
            field.setEnabled(enabled);
        }
    }

    private JPanel connectBar(int gap) {
        JPanel bar = new JPanel(new GridBagLayout());
        bar.setBorder(BorderFactory.createEmptyBorder(2 * gap, 2 * gap, gap, 2 * gap));
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = 0;
        c.insets = new Insets(0, 0, 0, gap);
        c.fill = GridBagConstraints.HORIZONTAL;
        addField(bar, c, hostCaption, host, 3);
        addField(bar, c, portCaption, port, 1);
        addField(bar, c, groupCaption, group, 4);
        groupCaption.setVisible(false);
        group.setVisible(false);
        addField(bar, c, new JLabel("Name"), name, 2);
        addField(bar, c, passwordCaption, password, 2);
        c.weightx = 0;
        bar.add(join, c);
        c.insets = new Insets(0, 0, 0, 0);
        bar.add(rename, c);
        c.gridy = 1;
        c.gridx = 0;
        c.gridwidth = GridBagConstraints.REMAINDER;
        c.insets = new Insets(gap / 2, 0, 0, 0);
        bar.add(status, c);
        return bar;
    }

    private static void addField(JPanel bar, GridBagConstraints c, JLabel caption, JComponent field, double weight) {
        caption.setLabelFor(field);
        c.weightx = 0;
        bar.add(caption, c);
        c.weightx = weight;
        bar.add(field, c);
        c.gridx = GridBagConstraints.RELATIVE;
    }

    /**
     * Draws a person in their sender colour, the user marked "(you)", a role after the name, and members who are
     * offline greyed.
     */
    private final class PersonRenderer extends DefaultListCellRenderer {
        private static final long serialVersionUID = 1L;
        private final int gap;

        PersonRenderer(int gap) {
            this.gap = gap;
        }

        @Override
        public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                                                      boolean focused) {
            super.getListCellRendererComponent(list, value, index, selected, focused);
            People.Person person = (People.Person) value;
            boolean self = person.name().equals(me);
            String role = Roles.MEMBER.equals(person.role()) ? "" : " · " + person.role();
            setText(person.name() + (self ? " (you)" : "") + role + (person.online() ? "" : " · offline"));
            setFont(list.getFont().deriveFont(self ? Font.BOLD : person.online() ? Font.PLAIN : Font.ITALIC));
            // Nimbus paints a renderer's background only when it is opaque: else the selection would not show.
            setOpaque(true);
            if (!selected) {
                setForeground(!person.online() ? Theme.MUTED : self ? Theme.ACCENT : SenderColors.of(person.name()));
                setBackground(list.getBackground());
            }
            setBorder(BorderFactory.createEmptyBorder(gap / 2, gap, gap / 2, gap));
            return this;
        }
    }

    /**
     * Draws a conversation of the list: a room by its name, a person in their colour under a "Private" heading, and
     * the unread count as a badge, in bold, while there is any.
     */
    private static final class ConversationRenderer implements ListCellRenderer<Conversations.Item> {
        private final DefaultListCellRenderer name = new DefaultListCellRenderer();
        private final JLabel badge = new JLabel();
        private final JPanel row = new JPanel(new BorderLayout());
        /** The row under a "Private" heading: the first private conversation, so rooms and people read as two lists. */
        private final JPanel headed = new JPanel(new BorderLayout());

        ConversationRenderer(int gap) {
            JLabel heading = new JLabel("Private");
            heading.setForeground(Theme.MUTED);
            heading.setFont(heading.getFont().deriveFont(Font.BOLD));
            heading.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap / 2, gap));
            headed.setOpaque(false);
            headed.add(heading, BorderLayout.NORTH);
            badge.setOpaque(true);
            badge.setBackground(Theme.ACCENT);
            badge.setForeground(Color.WHITE);
            badge.setBorder(BorderFactory.createEmptyBorder(0, gap / 2 + 1, 0, gap / 2 + 1));
            row.add(name, BorderLayout.CENTER);
            row.add(badge, BorderLayout.EAST);
            row.setBorder(BorderFactory.createEmptyBorder(gap / 2, gap, gap / 2, gap));
        }

        @Override
        public Component getListCellRendererComponent(JList<? extends Conversations.Item> list,
                                                      Conversations.Item item, int index, boolean selected,
                                                      boolean focused) {
            name.getListCellRendererComponent(list, item.room && item.name().isEmpty() ? Conversations.ROOM_TITLE
                    : item.name(), index, selected, false);
            name.setBorder(null);
            name.setOpaque(false);
            name.setFont(list.getFont().deriveFont(item.unread() > 0 ? Font.BOLD : Font.PLAIN));
            name.setForeground(item.room ? (selected ? Theme.ACCENT : list.getForeground()) : Theme.PRIVATE);
            badge.setText(Integer.toString(item.unread()));
            badge.setVisible(item.unread() > 0);
            row.setBackground(selected ? Theme.OWN_BACKGROUND : list.getBackground());
            row.setOpaque(true);
            row.setToolTipText(item.room ? "Everyone in the room sees these messages"
                    : "Private conversation: only you and " + item.name() + " see it");
            boolean firstPrivate = !item.room && (index == 0 || list.getModel().getElementAt(index - 1).room);
            if (firstPrivate) {
                headed.add(row, BorderLayout.CENTER);
                return headed;
            }
            return row;
        }
    }
}
