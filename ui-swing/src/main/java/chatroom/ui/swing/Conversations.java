package chatroom.ui.swing;

import chatroom.api.rules.Names;
import chatroom.api.rules.RoomNames;

import javax.swing.DefaultListModel;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import java.awt.CardLayout;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The conversations of the window: a list of the user's rooms and then the private conversations, each with its
 * unread count, beside one pane per conversation, of which the selected one shows. Each pane keeps its own scroll
 * position and history. At most {@link #MAX_PRIVATE} private conversations stay listed; the one used longest ago
 * makes way.
 *
 * <p>Before the login, and in a chat with one room (protocol 1), the list holds one room without a name, titled
 * {@link #ROOM_TITLE}.
 */
final class Conversations {
    static final int MAX_PRIVATE = 30;
    static final String ROOM_TITLE = "Room";

    /** One conversation of the list: a room (by name, {@code ""} for the one room) or a private one (by person). */
    static final class Item {
        final boolean room;
        final ConversationDocument document;
        final ConversationPane pane;
        private String name;
        private int unread;
        private long lastUsed;

        private Item(boolean room, String name, ConversationDocument document, ConversationPane pane) {
            this.room = room;
            this.name = name;
            this.document = document;
            this.pane = pane;
        }

        /** The room's name ({@code ""} for the one room), or the other person's. */
        String name() {
            return name;
        }

        int unread() {
            return unread;
        }

        /** How the list shows it: the room's name, or the person's; with the unread count after it. */
        String title() {
            String shown = room && name.isEmpty() ? ROOM_TITLE : name;
            return unread > 0 ? shown + " (" + unread + ")" : shown;
        }

        private String key() {
            return key(room, name);
        }

        private static String key(boolean room, String name) {
            return room ? "#" + RoomNames.key(name) : "@" + Names.key(name);
        }
    }

    private final Timestamps times;
    private final Font base;
    private final DefaultListModel<Item> items = new DefaultListModel<>();
    private final JList<Item> list = new JList<>(items);
    private final CardLayout cards = new CardLayout();
    private final JPanel deck = new JPanel(cards);
    private final List<Consumer<Item>> selectionListeners = new ArrayList<>();
    private Consumer<Item> opened = item -> { };
    private Item selected;
    private long uses;

    Conversations(Timestamps times, Font base) {
        this.times = times;
        this.base = base;
        list.setName("conversations");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.addListSelectionListener(event -> {
            Item now = list.getSelectedValue();
            if (now != null && now != selected) {
                show(now);
            } else if (now == null && selected != null && items.contains(selected)) {
                // The list lost its selection while an item was removed: the pane shown stays selected.
                list.setSelectedValue(selected, true);
            }
        });
        deck.setName("conversationPanes");
        show(add(true, ""));
    }

    /** The list of conversations. */
    JList<Item> list() {
        return list;
    }

    /** The panes, the selected one showing. */
    JComponent panes() {
        return deck;
    }

    /** Draws the list's rows; set by the view, which knows the colours. */
    void renderer(ListCellRenderer<? super Item> renderer) {
        list.setCellRenderer(renderer);
    }

    /** Runs {@code action} on every conversation's item: those listed now and those added later. */
    void eachItem(Consumer<Item> action) {
        opened = action;
        for (int i = 0; i < items.size(); i++) {
            action.accept(items.get(i));
        }
    }

    /** Called with the item newly shown, whenever the selection changes. */
    void onSelected(Consumer<Item> listener) {
        selectionListeners.add(listener);
    }

    /** The conversation shown now. */
    Item selected() {
        return selected;
    }

    /** Every item, rooms first, in the list's order. */
    List<Item> items() {
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            all.add(items.get(i));
        }
        return all;
    }

    /** The room of that name, listed now when it was not yet. */
    Item room(String name) {
        return find(true, name).orElseGet(() -> add(true, name));
    }

    /** The document of the one room of a chat without rooms (and of the room shown before the login). */
    ConversationDocument room() {
        return room("").document;
    }

    ConversationPane roomPane() {
        return room("").pane;
    }

    Optional<Item> findRoom(String name) {
        return find(true, name);
    }

    /** Makes the rooms listed exactly these, in this order, keeping the panes of those listed already. */
    void rooms(List<String> names) {
        List<Item> kept = new ArrayList<>();
        for (String name : names) {
            kept.add(room(name));
        }
        for (Item item : items()) {
            if (item.room && !kept.contains(item)) {
                remove(item);
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            if (items.indexOf(kept.get(i)) != i) {
                Item moved = kept.get(i);
                boolean wasSelected = moved == selected;
                items.removeElement(moved);
                items.add(i, moved);
                if (wasSelected) {
                    list.setSelectedValue(moved, true);
                }
            }
        }
    }

    /** Takes a room off the list (the user left it); another conversation shows if it was shown. */
    void closeRoom(String name) {
        find(true, name).ifPresent(this::remove);
    }

    /** The private conversation with {@code peer}, listed (in the background) when it was not yet. */
    ConversationDocument privateWith(String peer) {
        return privateItem(peer).document;
    }

    Item privateItem(String peer) {
        Item item = find(false, peer).orElseGet(() -> openPrivate(peer));
        item.lastUsed = ++uses;
        return item;
    }

    boolean hasPrivate(String peer) {
        return find(false, peer).isPresent();
    }

    /** Lists (if needed) and shows the private conversation with {@code peer}. */
    void select(String peer) {
        select(privateItem(peer));
    }

    void select(Item item) {
        if (items.contains(item)) {
            list.setSelectedValue(item, true);
            show(item);
        }
    }

    /** Shows the room of the chat without rooms; with rooms, the first room listed. */
    void selectRoom() {
        for (Item item : items()) {
            if (item.room) {
                select(item);
                return;
            }
        }
    }

    /** Whom the user is writing to privately, or empty while a room is shown. */
    Optional<String> selectedPeer() {
        return selected == null || selected.room ? Optional.empty() : Optional.of(selected.name);
    }

    /** The unread count a conversation shows; a shown one shows none. */
    void unread(Item item, int count) {
        int shown = item == selected ? 0 : count;
        if (item.unread != shown) {
            item.unread = shown;
            repaint(item);
        }
    }

    /** Someone with a private conversation changed their name; the conversation goes on under the new one. */
    void renamed(String from, String to) {
        // With a conversation under the new name listed already, both stay as they are: neither hides the other.
        Optional<Item> item = find(false, from);
        if (item.isEmpty() || (find(false, to).isPresent() && !Names.key(from).equals(Names.key(to)))) {
            return;
        }
        item.get().name = to;
        repaint(item.get());
    }

    /** Takes a private conversation off the list. */
    void close(String peer) {
        find(false, peer).ifPresent(this::remove);
    }

    /** The title a private conversation shows now, or {@code null} when it is not listed. */
    String title(String peer) {
        return find(false, peer).map(Item::title).orElse(null);
    }

    /** How many conversations are listed. */
    int count() {
        return items.size();
    }

    /** The title of the conversation listed at {@code index}. */
    String titleAt(int index) {
        return items.get(index).title();
    }

    private Optional<Item> find(boolean room, String name) {
        String key = Item.key(room, name);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                return Optional.of(items.get(i));
            }
        }
        return Optional.empty();
    }

    private Item openPrivate(String peer) {
        List<Item> privates = items().stream().filter(item -> !item.room).toList();
        if (privates.size() >= MAX_PRIVATE) {
            privates.stream().filter(item -> item != selected)
                    .min((a, b) -> Long.compare(a.lastUsed, b.lastUsed)).ifPresent(this::remove);
        }
        Item item = add(false, peer);
        item.document.notice(times.now(), "Private conversation with " + peer + ": only the two of you see it.");
        return item;
    }

    private Item add(boolean room, String name) {
        ConversationDocument document = new ConversationDocument(times, base);
        ConversationPane pane = new ConversationPane(document, room ? "room:" + name : "private:" + name);
        Item item = new Item(room, name, document, pane);
        int at = items.size();
        if (room) {
            at = 0;
            while (at < items.size() && items.get(at).room) {
                at++;
            }
        }
        items.add(at, item);
        deck.add(pane.component(), item.key());
        opened.accept(item);
        if (selected == null) {
            show(item);
        }
        return item;
    }

    private void remove(Item item) {
        boolean wasSelected = item == selected;
        items.removeElement(item);
        deck.remove(item.pane.component());
        if (wasSelected) {
            selected = null;
            if (items.isEmpty()) {
                add(true, "");
            } else {
                show(items.get(0));
            }
        }
    }

    private void show(Item item) {
        selected = item;
        item.unread = 0;
        item.lastUsed = ++uses;
        cards.show(deck, item.key());
        if (list.getSelectedValue() != item) {
            list.setSelectedValue(item, true);
        }
        list.repaint();
        selectionListeners.forEach(listener -> listener.accept(item));
    }

    private void repaint(Item item) {
        int index = items.indexOf(item);
        if (index >= 0) {
            list.repaint(list.getCellBounds(index, index) == null ? list.getVisibleRect()
                    : list.getCellBounds(index, index));
        }
    }
}
