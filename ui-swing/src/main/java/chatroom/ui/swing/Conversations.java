package chatroom.ui.swing;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The conversation tabs: the room first, then one tab per private conversation, opened on demand and marked with
 * an unread count while in the background. At most {@link #MAX_PRIVATE} private tabs stay open; the one unused
 * longest makes way.
 */
final class Conversations {
    static final int MAX_PRIVATE = 30;
    static final String ROOM_TITLE = "Room";

    private final JTabbedPane tabs = new JTabbedPane();
    private final Timestamps times;
    private final Font base;
    private final ConversationDocument room;
    private final ConversationPane roomPane;
    // Access order, so the first entry is the conversation used longest ago.
    private final Map<String, PrivateTab> privates = new LinkedHashMap<>(16, 0.75f, true);
    private Consumer<JComponent> paneOpened = pane -> { };

    private static final class PrivateTab {
        final ConversationDocument conversation;
        final ConversationPane pane;
        final JLabel title = new JLabel();
        String peer;
        int unread;

        PrivateTab(ConversationDocument conversation, ConversationPane pane, String peer) {
            this.conversation = conversation;
            this.pane = pane;
            this.peer = peer;
        }

        void showTitle() {
            title.setText(unread > 0 ? peer + " (" + unread + ")" : peer);
            title.setFont(title.getFont().deriveFont(unread > 0 ? Font.BOLD : Font.PLAIN));
        }
    }

    Conversations(Timestamps times, Font base) {
        this.times = times;
        this.base = base;
        room = new ConversationDocument(times, base);
        roomPane = new ConversationPane(room, "conversation");
        tabs.setName("conversations");
        tabs.addTab(ROOM_TITLE, roomPane.component());
        tabs.setToolTipTextAt(0, "Everyone in the room sees these messages");
        tabs.addChangeListener(event -> selectedPrivate().ifPresent(tab -> {
            tab.unread = 0;
            tab.showTitle();
        }));
    }

    JTabbedPane component() {
        return tabs;
    }

    /** Runs {@code action} on the text of every conversation: those open now and those opened later. */
    void eachPane(Consumer<JComponent> action) {
        paneOpened = action;
        action.accept(roomPane.textPane());
        privates.values().forEach(tab -> action.accept(tab.pane.textPane()));
    }

    ConversationDocument room() {
        return room;
    }

    ConversationPane roomPane() {
        return roomPane;
    }

    /** The private conversation with {@code peer}, opening its tab (in the background) when needed. */
    ConversationDocument privateWith(String peer) {
        PrivateTab tab = privates.get(peer);
        if (tab == null) {
            tab = open(peer);
        }
        return tab.conversation;
    }

    /** Opens (if needed) and shows the private conversation with {@code peer}. */
    void select(String peer) {
        privateWith(peer);
        tabs.setSelectedComponent(privates.get(peer).pane.component());
    }

    void selectRoom() {
        tabs.setSelectedIndex(0);
    }

    /** Whom the user is writing to privately, or empty while the room tab is shown. */
    Optional<String> selectedPeer() {
        return selectedPrivate().map(tab -> tab.peer);
    }

    /** A private message arrived for {@code peer}'s tab; counts it unless that tab is shown. */
    void arrived(String peer) {
        PrivateTab tab = privates.get(peer);
        if (tab != null && selectedPrivate().orElse(null) != tab) {
            tab.unread++;
            tab.showTitle();
        }
    }

    /** Someone with a private tab changed their name; the conversation goes on under the new one. */
    void renamed(String from, String to) {
        // With a tab under the new name already open, both stay as they are rather than one hiding the other.
        if (!privates.containsKey(from) || privates.containsKey(to)) {
            return;
        }
        PrivateTab tab = privates.remove(from);
        tab.peer = to;
        tab.showTitle();
        privates.put(to, tab);
    }

    boolean hasPrivate(String peer) {
        return privates.containsKey(peer);
    }

    void close(String peer) {
        PrivateTab tab = privates.remove(peer);
        if (tab != null) {
            tabs.remove(tab.pane.component());
        }
    }

    /** The title the tab of {@code peer} shows now. */
    String title(String peer) {
        PrivateTab tab = privates.get(peer);
        return tab == null ? null : tab.title.getText();
    }

    private PrivateTab open(String peer) {
        if (privates.size() >= MAX_PRIVATE) {
            Iterator<PrivateTab> oldest = privates.values().iterator();
            while (oldest.hasNext()) {
                PrivateTab candidate = oldest.next();
                if (selectedPrivate().orElse(null) != candidate) {
                    oldest.remove();
                    tabs.remove(candidate.pane.component());
                    break;
                }
            }
        }
        ConversationDocument conversation = new ConversationDocument(times, base);
        ConversationPane pane = new ConversationPane(conversation, "private:" + peer);
        PrivateTab tab = new PrivateTab(conversation, pane, peer);
        paneOpened.accept(pane.textPane());
        tab.showTitle();
        privates.put(peer, tab);
        tabs.addTab(peer, pane.component());
        int index = tabs.indexOfComponent(pane.component());
        tabs.setTabComponentAt(index, tabHeader(tab));
        tabs.setToolTipTextAt(index, "Private conversation: only you and " + peer + " see it");
        conversation.notice(times.now(), "Private conversation with " + peer + ": only the two of you see it.");
        return tab;
    }

    private JPanel tabHeader(PrivateTab tab) {
        JPanel header = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        header.setOpaque(false);
        JLabel marker = new JLabel("Private:");
        marker.setForeground(Theme.PRIVATE);
        header.add(marker);
        header.add(tab.title);
        JButton close = new JButton("×");
        close.setToolTipText("Close this private conversation");
        close.setBorder(BorderFactory.createEmptyBorder(0, 4, 0, 2));
        close.setContentAreaFilled(false);
        close.setFocusable(false);
        close.addActionListener(event -> close(tab.peer));
        header.add(close);
        return header;
    }

    private Optional<PrivateTab> selectedPrivate() {
        int index = tabs.getSelectedIndex();
        if (index <= 0) {
            return Optional.empty();
        }
        Component selected = tabs.getComponentAt(index);
        for (PrivateTab tab : privates.values()) {
            if (tab.pane.component() == selected) {
                return Optional.of(tab);
            }
        }
        return Optional.empty();
    }
}
