package chatroom.ui.swing;

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
import javax.swing.ListSelectionModel;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

/**
 * The chat window's content, laid out: the connect bar, the conversation tabs beside the people online, and the
 * line to write in. Holds no logic; {@link ChatPresenter} wires it. Every control has a name (see
 * {@link Component#getName()}) so tests can find it in a real window too.
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
    final JList<String> peopleList = new JList<>(people.model());
    final JLabel peopleTitle = new JLabel();
    final JLabel composeTarget = new JLabel();
    final JTextField compose = new JTextField();
    final JButton send = new JButton("Send");
    private final JLabel hostCaption = new JLabel("Server");
    private final JLabel portCaption = new JLabel("Port");
    private final JLabel passwordCaption = new JLabel("Password");
    private final JLabel groupCaption = new JLabel("Group");
    private String me;

    ChatView(Timestamps times) {
        Font base = Theme.base();
        int gap = Math.max(4, base.getSize() / 2);
        this.times = times;
        conversations = new Conversations(times, base);
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
        peopleTitle.setName("peopleTitle");
        composeTarget.setName("composeTarget");
        compose.setName("compose");
        send.setName("send");

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
        peopleList.setToolTipText("Double-click a name to write privately");
        peopleList.setCellRenderer(new PersonRenderer(gap));
        JPanel peoplePanel = new JPanel(new BorderLayout());
        peoplePanel.add(peopleTitle, BorderLayout.NORTH);
        JScrollPane peopleScroll = new JScrollPane(peopleList);
        peopleScroll.setBorder(null);
        peoplePanel.add(peopleScroll, BorderLayout.CENTER);
        peoplePanel.setMinimumSize(new Dimension(base.getSize() * 8, 0));
        peoplePanel.setPreferredSize(new Dimension(base.getSize() * 14, 0));

        JSplitPane middle = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, conversations.component(), peoplePanel);
        middle.setResizeWeight(1);
        middle.setBorder(BorderFactory.createEmptyBorder(0, gap, 0, gap));
        middle.setContinuousLayout(true);

        JPanel bottom = new JPanel(new BorderLayout(gap, 0));
        bottom.setBorder(BorderFactory.createEmptyBorder(gap, 2 * gap, 2 * gap, 2 * gap));
        composeTarget.setFont(base.deriveFont(Font.BOLD));
        bottom.add(composeTarget, BorderLayout.WEST);
        bottom.add(compose, BorderLayout.CENTER);
        bottom.add(send, BorderLayout.EAST);

        root.add(top, BorderLayout.NORTH);
        root.add(middle, BorderLayout.CENTER);
        root.add(bottom, BorderLayout.SOUTH);
        root.setPreferredSize(new Dimension(base.getSize() * 70, base.getSize() * 46));
    }

    /** The user's own name, which the people list marks. */
    void me(String me) {
        this.me = me;
        peopleList.repaint();
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

    /** Draws a person in their sender colour, the user marked "(you)". */
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
            String person = String.valueOf(value);
            boolean self = person.equals(me);
            setText(self ? person + " (you)" : person);
            setFont(list.getFont().deriveFont(self ? Font.BOLD : Font.PLAIN));
            if (!selected) {
                setForeground(self ? Theme.ACCENT : SenderColors.of(person));
                setBackground(list.getBackground());
            }
            setBorder(BorderFactory.createEmptyBorder(gap / 2, gap, gap / 2, gap));
            return this;
        }
    }
}
