package chatroom.ui.swing;

import chatroom.api.file.TransferText;
import chatroom.api.message.Bye;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.ListRooms;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Nick;
import chatroom.api.message.ServerMessage;
import chatroom.api.rules.Roles;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.LoginException;
import chatroom.client.Chat;
import chatroom.client.ChatEvent;
import chatroom.client.Conversation;
import chatroom.client.Entry;
import chatroom.client.EventText;
import chatroom.client.Later;

import javax.swing.AbstractAction;
import javax.swing.ActionMap;
import javax.swing.InputMap;
import javax.swing.JComponent;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.KeyStroke;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The chat window's behaviour, apart from the frame so it runs without a display: joining, showing what the client
 * model says happened (the rooms, private conversations, who is online), writing in a room or privately, renaming,
 * the unread counts and leaving. It asks the transport for rooms; one that has none gives the one room of protocol 1.
 * The state of the chat itself is the {@link Chat}'s, one per service.
 *
 * <p>Threading: every method runs on Swing's thread. Requests to the service go through {@code network}, one at a
 * time and in order, so the window never waits for the network; answers and events come back through {@code ui}.
 *
 * <p>Exit code: {@link #exitCode()} is 0 when the user closed the window, and 1 when the connection had ended
 * without the user asking (lost, kicked, server shut down) and the user closed the window after that without
 * joining again.
 */
final class ChatPresenter {
    static final int HISTORY_PAGE = 50;

    private enum State { OUT, JOINING, IN, LEAVING }

    private final ChatUiContext context;
    private final ChatView view;
    private final ChatShell shell;
    private final Executor network;
    private final Executor ui;
    // Peer transports have neither a server nor accounts: no address or password to ask for.
    private final boolean peers;
    private final EventText sentences;
    private final RenameForm renameForm = new RenameForm();
    private final RoomPicker roomPicker = new RoomPicker();
    private final RoomMenus menus;
    private final UnreadTitle title = new UnreadTitle();

    private State state = State.OUT;
    private ChatService service;
    private Chat chat;
    private ConnectOptions serviceOptions;
    // Bumped whenever a service is dropped, so its late events are told apart from the current one's.
    private int generation;
    private boolean joinedBefore;
    /** The rooms whose member list was asked for in this session (with rooms, a room's list is asked when shown). */
    private final Set<Conversation> listed = new HashSet<>();
    /** The room whose people the list shows: the room shown, or the last one shown while a person is. */
    private Conversation peopleRoom;
    /** Why the user is no longer in a room, told when it closes: the room's pane goes with it. */
    private String closing;
    private boolean lost;
    // A goodbye that came while joining: why the server turned the connection away.
    private String refusedWith;

    ChatPresenter(ChatUiContext context, ChatView view, ChatShell shell, Executor network, Executor ui) {
        this.context = context;
        this.view = view;
        this.shell = shell;
        this.network = network;
        this.ui = ui;
        this.peers = !context.transport().usesPasswords();
        this.sentences = new EventText(Clock.systemDefaultZone());
        this.menus = new RoomMenus(shell);
        view.host.setText(context.connect().host());
        view.port.setText(Integer.toString(context.connect().port()));
        if (context.user() != null) {
            view.name.setText(context.user());
        }
        if (peers) {
            view.peerMode(PeerSettings.describe(context.connect()));
        } else if (context.password() != null) {
            view.password.setText(new String(context.password()));
        }
        view.join.addActionListener(event -> join());
        view.host.addActionListener(event -> join());
        view.port.addActionListener(event -> join());
        view.name.addActionListener(event -> join());
        view.password.addActionListener(event -> join());
        view.send.addActionListener(event -> send());
        view.compose.addActionListener(event -> send());
        view.rename.addActionListener(event -> renameAsked());
        view.sendFile.addActionListener(event -> chooseFile());
        FileDrop.install(view.root, this::filesDropped);
        FileDrop.install(view.compose, this::filesDropped);
        view.conversations.eachItem(item -> {
            FileDrop.install(item.pane.textPane(), this::filesDropped);
            item.pane.onTopReached(() -> olderWanted(item));
        });
        view.transfers.onActions(this::cancelTransfer, shell::openFolder);
        view.rename.setEnabled(false);
        view.peopleList.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent event) {
                personMenuIfAsked(event);
            }

            @Override
            public void mouseReleased(MouseEvent event) {
                personMenuIfAsked(event);
            }

            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getClickCount() == 2) {
                    int index = view.peopleList.locationToIndex(event.getPoint());
                    if (index >= 0) {
                        writePrivately(view.peopleList.getModel().getElementAt(index).name());
                    }
                }
            }
        });
        view.conversations.onSelected(this::shown);
        view.editTopic.addActionListener(event -> topicAsked());
        view.joinRoom.addActionListener(event -> joinRoomAsked());
        roomPicker.onActions(this::roomsFiltered, this::joinPicked, this::roomPickerCancelled);
        view.conversations.list().addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent event) {
                menuIfAsked(event);
            }

            @Override
            public void mouseReleased(MouseEvent event) {
                menuIfAsked(event);
            }
        });
        bindKeys();
        renameForm.onActions(this::renameTo, this::renameCancelled);
        view.status(firstHint(), false);
        view.peopleTitle.setText(view.people.title());
        showTarget();
        shell.title(title.text());
    }

    /** Ctrl+K opens the join dialog; Ctrl+1 to Ctrl+9 show the first nine conversations of the list. */
    private void bindKeys() {
        InputMap keys = view.root.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT);
        ActionMap actions = view.root.getActionMap();
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_K, InputEvent.CTRL_DOWN_MASK), "joinRoom");
        actions.put("joinRoom", new Shortcut(this::joinRoomAsked));
        for (int number = 1; number <= 9; number++) {
            int index = number - 1;
            keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_0 + number, InputEvent.CTRL_DOWN_MASK), "show" + number);
            actions.put("show" + number, new Shortcut(() -> showConversation(index)));
        }
    }

    /** A key's action: what it runs. */
    private static final class Shortcut extends AbstractAction {
        private static final long serialVersionUID = 1L;
        private final transient Runnable action;

        Shortcut(Runnable action) {
            this.action = action;
        }

        @Override
        public void actionPerformed(ActionEvent event) {
            action.run();
        }
    }

    /** Shows the conversation at {@code index} of the list, if there is one, ready to write in. */
    void showConversation(int index) {
        List<Conversations.Item> items = view.conversations.items();
        if (index >= 0 && index < items.size()) {
            view.conversations.select(items.get(index));
            view.compose.requestFocusInWindow();
        }
    }

    /** Join a room… (or Ctrl+K): opens the join dialog, listing the server's rooms. */
    void joinRoomAsked() {
        if (state != State.IN) {
            return;
        }
        if (!chat.hasRooms()) {
            currentConversation().error("This chat has one room only.");
            return;
        }
        roomPicker.start();
        chat.listRooms(null);
        shell.showRoomPicker(roomPicker);
    }

    private void roomsFiltered(String filter) {
        if (state == State.IN && roomPicker.isOpen()) {
            chat.listRooms(filter);
        }
    }

    /** A room was picked in the join dialog: shown if the user is in it already, else joined (or created). */
    private void joinPicked(String room) {
        if (state != State.IN) {
            return;
        }
        Optional<Conversation> already = chat.roomNamed(room);
        if (already.isPresent()) {
            roomPickerCancelled();
            view.conversations.select(item(already.get()));
            return;
        }
        chat.join(room).ifPresentOrElse(roomPicker::refused, () -> roomPicker.waiting(room));
    }

    private void roomPickerCancelled() {
        roomPicker.dismissed();
        shell.hideRoomPicker();
    }

    private void menuIfAsked(MouseEvent event) {
        if (!event.isPopupTrigger()) {
            return;
        }
        int index = view.conversations.list().locationToIndex(event.getPoint());
        if (index >= 0) {
            JPopupMenu menu = conversationMenu(view.conversations.items().get(index));
            if (menu.getComponentCount() > 0) {
                menu.show(view.conversations.list(), event.getX(), event.getY());
            }
        }
    }

    /**
     * The list's context menu for a conversation: a room's (leave it; what the user's role allows), or close a
     * private conversation.
     */
    JPopupMenu conversationMenu(Conversations.Item item) {
        Conversation room = item.room && state == State.IN && chat.hasRooms() ? roomOf(item) : null;
        if (room != null) {
            return menus.forRoom(chat, room, item.document::error);
        }
        JPopupMenu menu = new JPopupMenu();
        if (!item.room) {
            JMenuItem close = new JMenuItem("Close conversation with " + item.name());
            close.setName("closeConversation");
            close.addActionListener(event -> view.conversations.close(item.name()));
            menu.add(close);
        }
        return menu;
    }

    private void personMenuIfAsked(MouseEvent event) {
        int index = view.peopleList.locationToIndex(event.getPoint());
        if (!event.isPopupTrigger() || index < 0) {
            return;
        }
        view.peopleList.setSelectedIndex(index);
        JPopupMenu menu = personMenu(view.peopleList.getModel().getElementAt(index));
        if (menu.getComponentCount() > 0) {
            menu.show(view.peopleList, event.getX(), event.getY());
        }
    }

    /** The people list's context menu for a person: write privately; what the user's role in the room allows. */
    JPopupMenu personMenu(People.Person person) {
        if (state != State.IN) {
            return new JPopupMenu();
        }
        return menus.forPerson(chat, peopleRoom(), person, this::writePrivately, currentConversation()::error);
    }

    // Package access for tests
    RoomPicker roomPicker() {
        return roomPicker;
    }

    /** Where typing should start: the first connect field still empty, else Join. */
    JComponent firstToFill() {
        if (peers) {
            return view.name.getText().isBlank() ? view.name : view.join;
        }
        if (view.host.getText().isBlank()) {
            return view.host;
        }
        if (view.name.getText().isBlank()) {
            return view.name;
        }
        return view.password.getPassword().length == 0 ? view.password : view.join;
    }

    /** What to do first, for the field {@link #firstToFill()} picks: a name given on the command line is not asked. */
    private String firstHint() {
        JComponent first = firstToFill();
        return first == view.password ? "Enter your password and press Join."
                : first == view.join ? "Press Join to log in." : "Enter your name and press Join.";
    }

    /** Join was pressed: checks the fields and logs in, off Swing's thread. */
    void join() {
        if (state != State.OUT) {
            return;
        }
        String name = view.name.getText().strip();
        ConnectOptions options = peers ? context.connect() : serverOptions();
        if (options == null) {
            return;
        }
        if (name.isEmpty()) {
            view.status("Enter the name you want to appear under.", true);
            return;
        }
        if (service != null && !options.equals(serviceOptions)) {
            dropService();
        }
        if (service == null) {
            try {
                int current = ++generation;
                service = context.transport().create(withRooms(options), new EdtListener(ui, listener(current)));
                chat = new Chat(service, network, this::show, Later.through(ui));
                listed.clear();
                peopleRoom = null;
                serviceOptions = options;
            } catch (IllegalArgumentException e) {
                view.status(e.getMessage(), true);
                return;
            }
        }
        state = State.JOINING;
        view.connectEnabled(false);
        view.status(peers ? "Joining the group…" : "Connecting to " + address(options) + "…", false);
        ChatService joining = service;
        int current = generation;
        char[] password = peers ? new char[0] : view.password.getPassword();
        network.execute(() -> {
            try {
                LoggedIn in = joining.login(name, password);
                ui.execute(() -> loggedIn(current, in));
            } catch (LoginException e) {
                ui.execute(() -> refused(current, e.getMessage()));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> unreachable(current, describe(e)));
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    /** The server's address from the connect fields, or {@code null} after saying what is wrong with them. */
    private ConnectOptions serverOptions() {
        String host = view.host.getText().strip();
        int port;
        try {
            port = Integer.parseInt(view.port.getText().strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty()) {
            view.status("Enter the server's address.", true);
            return null;
        }
        if (port < 1 || port > 65535) {
            view.status("The port is a number from 1 to 65535.", true);
            return null;
        }
        return new ConnectOptions(host, port, context.connect().settings());
    }

    /** The options with the setting that asks for rooms: the window shows them wherever the transport has them. */
    static ConnectOptions withRooms(ConnectOptions options) {
        Map<String, List<String>> settings = new HashMap<>(options.settings());
        settings.put(ConnectOptions.ROOMS, List.of("true"));
        return new ConnectOptions(options.host(), options.port(), settings);
    }

    /** Send (or Enter) was pressed: says the text in the conversation shown, a room or a private one. */
    void send() {
        String text = view.compose.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        if (state != State.IN) {
            currentConversation().error("Log in first: enter your name and press Join.");
            return;
        }
        Conversations.Item shown = view.conversations.selected();
        Conversation where = shown.room ? roomOf(shown) : chat.privateConversation(shown.name());
        if (where == null) {
            shown.document.error("You are in no room: join one first.");
            return;
        }
        chat.send(where, text).ifPresentOrElse(problem -> currentConversation().error(problem),
                () -> view.compose.setText(""));
    }

    /** The model's room a listed room stands for, or {@code null} when the user is not in it (any longer). */
    private Conversation roomOf(Conversations.Item item) {
        if (chat == null) {
            return null;
        }
        return chat.hasRooms() ? chat.roomNamed(item.name()).orElse(null) : chat.room();
    }

    /** The model's conversation a listed one stands for, without starting one; {@code null} when there is none. */
    private Conversation modelOf(Conversations.Item item) {
        if (chat == null) {
            return null;
        }
        return item.room ? roomOf(item) : chat.privateWith(item.name()).orElse(null);
    }

    /** Send file… was pressed: asks which file, and sends it where the user writes now. */
    void chooseFile() {
        if (state != State.IN) {
            currentConversation().error("Log in first: enter your name and press Join.");
            return;
        }
        shell.chooseFile().ifPresent(this::sendFile);
    }

    /** Files were dropped on the window: each goes where the user writes now. */
    void filesDropped(List<Path> files) {
        if (state != State.IN) {
            currentConversation().error("Log in first: enter your name and press Join.");
            return;
        }
        files.forEach(this::sendFile);
    }

    private void sendFile(Path file) {
        ChatService current = service;
        String peer = view.conversations.selectedPeer().orElse(null);
        Conversations.Item shown = view.conversations.selected();
        // With rooms, a file for everyone goes to the room shown.
        String room = shown.room && chat.hasRooms() ? shown.name() : null;
        ConversationDocument where = shown.document;
        network.execute(() -> {
            try {
                if (room != null) {
                    current.sendFileToRoom(file, room);
                } else {
                    current.sendFile(file, peer);
                }
            } catch (IOException e) {
                ui.execute(() -> where.error("Not sent: " + describe(e)));
            } catch (UnsupportedOperationException e) {
                ui.execute(() -> where.error("Not sent: this way of connecting cannot carry files."));
            }
        });
    }

    private void cancelTransfer(String id) {
        ChatService current = service;
        if (current != null) {
            network.execute(() -> current.cancelTransfer(id));
        }
    }

    /** Opens (or shows) the private conversation with {@code person} and writes there. */
    void writePrivately(String person) {
        if (person == null || chat == null || person.equals(chat.me())) {
            return;
        }
        view.conversations.select(person);
        view.compose.requestFocusInWindow();
    }

    /** The window was closed by the user: asks first while in the room, then leaves without waiting. */
    void closeAsked() {
        ChatService current = service;
        switch (state) {
            case IN -> {
                if (!shell.confirmLeave()) {
                    return;
                }
                state = State.LEAVING;
                chat.logout();
            }
            case JOINING -> {
                state = State.LEAVING;
                // The network thread is inside login; closing from another thread is what ends it.
                Thread.ofPlatform().daemon().name("chatroom-close").start(current::close);
            }
            case OUT -> {
                state = State.LEAVING;
                if (current != null) {
                    network.execute(current::close);
                }
            }
            case LEAVING -> {
            }
        }
        shell.close();
    }

    /** The window came to the front or went to the background. */
    void focusChanged(boolean focused) {
        title.focused(focused);
        shell.title(title.text());
    }

    /** The reader reached the top of the conversation shown: fetches the page of history before its oldest message. */
    void olderWanted() {
        olderWanted(view.conversations.selected());
    }

    /** The reader reached the top of a room's pane: fetches the page of history before the oldest message shown. */
    private void olderWanted(Conversations.Item item) {
        if (state != State.IN || !item.room && !chat.hasRooms()) {
            return;
        }
        Conversation shown = item.room ? roomOf(item) : chat.privateWith(item.name()).orElse(null);
        if (shown == null || !shown.hasOlder() || shown.historyPending() || shown.oldestId() <= 0
                || item.document.isFull()) {
            return;
        }
        chat.loadOlder(shown, HISTORY_PAGE);
    }

    /** Set topic… was pressed: asks for the room's new topic and sets it. */
    void topicAsked() {
        Conversations.Item item = view.conversations.selected();
        Conversation where = state == State.IN && item.room ? roomOf(item) : null;
        if (where == null) {
            return;
        }
        shell.ask("Set topic", "The topic of " + where.name() + " (empty clears it):",
                        where.topic() == null ? "" : where.topic())
                .ifPresent(text -> chat.setTopic(where, text.strip()).ifPresent(item.document::error));
    }

    int exitCode() {
        return lost ? 1 : 0;
    }

    // Package access for tests
    RenameForm renameForm() {
        return renameForm;
    }

    // Package access for tests
    String title() {
        return title.text();
    }

    void renameAsked() {
        if (state != State.IN) {
            return;
        }
        renameForm.start(chat.me());
        shell.showRename(renameForm);
    }

    private void renameTo(String name) {
        if (name.isEmpty()) {
            renameForm.refused("Type the name you want.");
            return;
        }
        if (name.equals(chat.me()) || state != State.IN) {
            renameCancelled();
            return;
        }
        renameForm.waiting();
        chat.rename(name);
    }

    private void renameCancelled() {
        renameForm.dismissed();
        shell.hideRename();
    }

    /** The transport's reports for one service, to its model while that service is the current one. */
    private ChatListener listener(int current) {
        return new ChatListener() {
            @Override
            public void onMessage(ServerMessage message) {
                if (current == generation) {
                    chat.onMessage(message);
                }
            }

            @Override
            public void onTransfer(FileTransfer transfer) {
                if (current == generation) {
                    chat.onTransfer(transfer);
                }
            }

            @Override
            public void onDisconnected(String reason, boolean error) {
                if (current == generation) {
                    chat.onDisconnected(reason, error);
                }
            }

            @Override
            public void onReconnecting(String reason, int attempt) {
                if (current == generation) {
                    chat.onReconnecting(reason, attempt);
                }
            }

            @Override
            public void onReconnected() {
                if (current == generation) {
                    chat.onReconnected();
                }
            }

            @Override
            public void onNotice(String text) {
                if (current == generation) {
                    chat.onNotice(text);
                }
            }

            @Override
            public void onNotSent(ClientMessage request, String reason) {
                if (current == generation) {
                    chat.onNotSent(request, reason);
                }
            }
        };
    }

    /** What the model says changed, shown where it belongs. */
    private void show(ChatEvent event) {
        switch (event) {
            case ChatEvent.LoggedIn in -> enteredRoom(in);
            case ChatEvent.Added added -> added(added.conversation(), added.entry());
            case ChatEvent.HistoryLoaded loaded -> {
                document(loaded.conversation()).history(loaded.entries());
                // The conversation shown is read as far as its replay went: the server keeps that for the account.
                if (item(loaded.conversation()) == view.conversations.selected()) {
                    chat.read(loaded.conversation());
                }
            }
            case ChatEvent.CaughtUp caughtUp -> document(caughtUp.conversation()).notice(view.times.now(),
                    (caughtUp.missed() == 0 ? "Nothing" : caughtUp.missed() + (caughtUp.missed() == 1 ? " message"
                    : " messages")) + " missed while disconnected"
                    + (caughtUp.more() ? "; older ones with the history above" : ""));
            case ChatEvent.MemberJoined joined -> memberJoined(joined);
            case ChatEvent.MemberLeft left -> memberLeft(left);
            case ChatEvent.Renamed renamed -> rename(renamed);
            case ChatEvent.MembersListed listed -> {
            }
            case ChatEvent.ConversationOpened opened -> {
                Conversation where = opened.conversation();
                if (where.isRoom()) {
                    view.conversations.room(where.name());
                } else {
                    view.conversations.privateItem(where.name());
                }
            }
            case ChatEvent.PresenceChanged presence -> {
                // The user's own coming online is the login, told already.
                if (!presence.name().equals(chat.me())) {
                    roomNotice(presence.conversation(), presence.ts(), presence);
                }
            }
            case ChatEvent.TopicChanged topic -> roomNotice(topic.conversation(), topic.ts(), topic);
            case ChatEvent.RoleChanged role -> roomNotice(role.conversation(), role.ts(), role);
            case ChatEvent.TopicLockChanged lock -> roomNotice(lock.conversation(), lock.ts(), lock);
            case ChatEvent.InviteOnlyChanged only -> roomNotice(only.conversation(), only.ts(), only);
            case ChatEvent.BanChanged ban -> roomNotice(ban.conversation(), ban.ts(), ban);
            case ChatEvent.Invited invited -> currentConversation().notice(view.times.now(),
                    sentences.of(invited) + (invited.you() ? "; press Ctrl+K to join it" : ""));
            case ChatEvent.RoomDeleted deleted -> closing = sentences.of(deleted);
            case ChatEvent.ServerBanChanged ban -> currentConversation().notice(ban.ts(), sentences.of(ban));
            case ChatEvent.BansListed bans -> document(bans.conversation()).notice(view.times.now(),
                    bans.names().isEmpty() ? "No one is banned from " + bans.conversation().name() + "."
                    : "Banned from " + bans.conversation().name() + ": " + String.join(", ", bans.names())
                    + (bans.more() ? " and more" : ""));
            case ChatEvent.RoomsListed listed -> {
                if (roomPicker.isOpen()) {
                    roomPicker.show(listed.rooms(), listed.more());
                }
            }
            case ChatEvent.RoomClosed closed -> roomClosed(closed.conversation());
            case ChatEvent.UnreadChanged unread -> unreadChanged(unread.conversation());
            case ChatEvent.Refused refused -> {
                if (Nick.TYPE.equals(refused.request()) && renameForm.isWaiting()) {
                    renameForm.refused(refused.message());
                } else if (roomPicker.isOpen() && (JoinRoom.TYPE.equals(refused.request())
                        || ListRooms.TYPE.equals(refused.request()))) {
                    roomPicker.refused(refused.message());
                } else {
                    currentConversation().error(refused.message());
                }
            }
            case ChatEvent.Goodbye goodbye -> {
                if (state == State.JOINING) {
                    refusedWith = goodbye.reason();
                } else if (!Bye.LOGOUT.equals(goodbye.code()) && state == State.IN) {
                    view.banner("Disconnected: " + goodbye.reason());
                }
            }
            case ChatEvent.Reconnecting reconnecting -> reconnecting(reconnecting.reason(), reconnecting.attempt());
            case ChatEvent.Reconnected reconnected -> reconnected();
            case ChatEvent.Disconnected disconnected -> disconnected(disconnected.reason());
            case ChatEvent.Notice notice -> home().notice(view.times.now(), notice.text());
            case ChatEvent.NotSent notSent -> document(notSent.conversation())
                    .error("Not sent: \"" + notSent.text() + "\" (" + notSent.reason() + ")");
            case ChatEvent.Transfer transfer -> transferred(transfer.conversation(), transfer.transfer());
        }
        showPeople();
        showTopic();
    }

    /** The document that shows a conversation of the model's. */
    private ConversationDocument document(Conversation conversation) {
        return item(conversation).document;
    }

    /** The listed conversation that shows one of the model's, listed now if it was not. */
    private Conversations.Item item(Conversation conversation) {
        return conversation.isRoom() ? view.conversations.room(conversation.name())
                : view.conversations.privateItem(conversation.name());
    }

    /** Where news of the whole chat goes (the connection, a notice): the model's room, or the one shown. */
    private ConversationDocument home() {
        if (chat == null || state != State.IN) {
            return currentConversation();
        }
        return view.conversations.findRoom(chat.room().name()).map(item -> item.document)
                .orElseGet(this::currentConversation);
    }

    /** A change in a room, in the words every interface uses, in that room's pane. */
    private void roomNotice(Conversation room, long ts, ChatEvent event) {
        document(room).notice(ts, sentences.of(event));
    }

    private void memberJoined(ChatEvent.MemberJoined joined) {
        ConversationDocument where = document(joined.conversation());
        if (joined.you()) {
            // With rooms, the user's own join is the answer to a join: the room it opened is the one to show.
            if (chat.hasRooms()) {
                where.notice(joined.ts(), "You joined " + joined.conversation().name() + " · " + joined.online()
                        + " online");
                view.conversations.select(item(joined.conversation()));
                if (roomPicker.isWaiting()) {
                    roomPickerCancelled();
                    // Ready to write in the room joined, as after the login.
                    view.compose.requestFocusInWindow();
                }
            }
            return;
        }
        where.notice(joined.ts(), joined.name() + " joined · " + joined.online() + " online");
        if (!chat.hasRooms() && view.conversations.hasPrivate(joined.name())) {
            view.conversations.privateWith(joined.name()).notice(joined.ts(), joined.name() + " is back online");
        }
    }

    private void memberLeft(ChatEvent.MemberLeft left) {
        if (left.you() && chat.hasRooms()) {
            closing = "You left " + left.conversation().name() + ": " + left.reason();
            return;
        }
        document(left.conversation()).notice(left.ts(), left.name() + " left (" + left.reason() + ") · "
                + left.online() + " online");
        if (!chat.hasRooms() && view.conversations.hasPrivate(left.name())) {
            view.conversations.privateWith(left.name()).notice(left.ts(), left.name() + " left the room");
        }
    }

    /** The user is no longer in a room: its pane goes, and the one shown next says why. */
    private void roomClosed(Conversation room) {
        listed.remove(room);
        if (peopleRoom == room) {
            peopleRoom = null;
        }
        view.conversations.closeRoom(room.name());
        if (closing != null) {
            currentConversation().notice(view.times.now(), closing);
            closing = null;
        }
    }

    /**
     * A conversation's unread count changed: the one shown is read at once; another shows its count in the list.
     * The title counts what arrives while the window is in the background.
     */
    private void unreadChanged(Conversation conversation) {
        Conversations.Item item = item(conversation);
        if (conversation.unread() > 0) {
            title.arrived();
            shell.title(title.text());
        }
        if (item == view.conversations.selected()) {
            chat.read(conversation);
        } else {
            view.conversations.unread(item, conversation.unread());
        }
    }

    /** Another conversation is shown: the line writes there, it is read, and its room's people are listed. */
    private void shown(Conversations.Item item) {
        showTarget();
        // With rooms, the server keeps private conversations: one opened shows its latest page.
        Conversation conversation = !item.room && state == State.IN && chat.hasRooms()
                ? chat.privateConversation(item.name()) : modelOf(item);
        if (conversation != null && state == State.IN) {
            chat.read(conversation);
            if (!conversation.isRoom() && chat.hasRooms() && conversation.hasOlder()
                    && !conversation.historyPending() && conversation.entries().stream().noneMatch(Entry::history)) {
                chat.loadOlder(conversation, HISTORY_PAGE);
            }
            if (conversation.isRoom()) {
                peopleRoom = conversation;
                // With rooms, presence keeps a room's list once it was read: asked once per room and session.
                if (chat.hasRooms() && listed.add(conversation)) {
                    chat.who(conversation);
                }
            }
        }
        showPeople();
        showTopic();
    }

    /** The people of the room shown (or shown last): its members online, then those offline, with their roles. */
    private void showPeople() {
        if (chat != null && state == State.IN) {
            Conversation room = peopleRoom();
            List<People.Person> people = new ArrayList<>();
            room.members().forEach(name -> people.add(new People.Person(name, room.roleOf(name), true)));
            room.offlineMembers().forEach(name -> people.add(new People.Person(name, room.roleOf(name), false)));
            view.people.show(people);
        }
        view.peopleTitle.setText(view.people.title());
    }

    /** The room whose people are listed: the room shown, or the one shown last while a person is. */
    private Conversation peopleRoom() {
        return peopleRoom != null && chat.rooms().contains(peopleRoom) ? peopleRoom : chat.room();
    }

    /** The topic bar of the room shown; none for a private conversation or the one room of a chat without rooms. */
    private void showTopic() {
        Conversations.Item item = view.conversations.selected();
        Conversation room = item.room && chat != null && chat.hasRooms() ? roomOf(item) : null;
        if (room == null) {
            view.topic(null, null, false);
            return;
        }
        String myRole = room.roleOf(chat.me());
        boolean mayEdit = state == State.IN && (!room.topicLocked() || Roles.OWNER.equals(myRole)
                || Roles.OPERATOR.equals(myRole));
        view.topic(room.name(), room.topic(), mayEdit);
    }

    private void added(Conversation where, Entry entry) {
        ConversationDocument shown = document(where);
        switch (entry) {
            case Entry.Message message -> shown.message(message);
            case Entry.Announcement announcement -> shown.announcement(announcement);
            case Entry.SharedFile shared -> shown.fileShared(shared);
            case Entry.Private whisper -> shown.privateMessage(whisper);
        }
    }

    /** A transfer's news: its row above the input, and a line where it belongs when it starts and ends. */
    private void transferred(Conversation conversation, FileTransfer transfer) {
        boolean started = view.transfers.shown(transfer.id()) == null;
        view.transfers.show(transfer);
        ConversationDocument where = document(conversation);
        if (started && !transfer.finished()) {
            String what = transfer.name() + " (" + TransferText.size(transfer.size()) + ")";
            where.notice(view.times.now(), transfer.outgoing()
                    ? "You are sending " + what + " to " + (transfer.toRoom() ? "everyone." : transfer.peer() + ".")
                    : transfer.peer() + " is sending " + (transfer.toRoom() ? "everyone " : "you ") + what + ".");
        } else if (transfer.state() == FileTransfer.State.FAILED) {
            where.error(transfer.name() + ": " + transfer.message());
        } else if (transfer.finished()) {
            where.notice(view.times.now(), transfer.outgoing() ? transfer.message()
                    : transfer.name() + " from " + transfer.peer() + ": " + transfer.message());
        }
    }

    private void reconnecting(String reason, int attempt) {
        if (state != State.IN) {
            return;
        }
        String line = "Reconnecting… (attempt " + attempt + "): " + reason;
        view.banner(line);
        view.status(line, true);
        if (attempt == 1) {
            home().notice(view.times.now(), line);
        }
    }

    private void reconnected() {
        if (state != State.IN) {
            return;
        }
        view.banner(null);
        view.status((peers ? "In the group as " : "Connected to " + address(serviceOptions) + " as ") + chat.me()
                + ".", false);
        home().notice(view.times.now(), "Reconnected");
    }

    /** The service's login returned: the model takes it (unless the transport reported it already). */
    private void loggedIn(int current, LoggedIn in) {
        if (current != generation || state != State.JOINING) {
            return;
        }
        chat.loggedIn(in);
    }

    private void enteredRoom(ChatEvent.LoggedIn in) {
        if (state != State.JOINING) {
            return;
        }
        state = State.IN;
        String me = in.me();
        lost = false;
        refusedWith = null;
        view.banner(null);
        view.me(me);
        view.name.setText(me);
        view.rename.setEnabled(true);
        view.status((peers ? "In the group as " : "Connected to " + address(serviceOptions) + " as ") + me + ".",
                false);
        title.name(me);
        shell.title(title.text());
        if (joinedBefore) {
            // The server replays recent history on login; what was shown before would appear twice.
            view.conversations.items().stream().filter(item -> item.room).forEach(item -> item.document.clear());
        }
        joinedBefore = true;
        view.joinRoom.setVisible(chat.hasRooms());
        view.joinRoom.setEnabled(true);
        if (chat.hasRooms()) {
            view.conversations.rooms(chat.rooms().stream().map(Conversation::name).toList());
            for (Conversation room : chat.rooms()) {
                document(room).notice(view.times.now(), "You are in " + room.name() + " as " + me + " · "
                        + room.online() + " online");
            }
            view.conversations.select(item(chat.room()));
        } else {
            view.conversations.room().notice(view.times.now(), "You joined as " + me + " · " + in.online()
                    + " online");
        }
        shown(view.conversations.selected());
        view.compose.requestFocusInWindow();
    }

    private void refused(int current, String reason) {
        if (current != generation || state != State.JOINING) {
            return;
        }
        state = State.OUT;
        view.connectEnabled(true);
        view.status(reason, true);
        if (peers) {
            view.name.requestFocusInWindow();
        } else {
            // Selected, so that typing the right password replaces the wrong one.
            view.password.selectAll();
            view.password.requestFocusInWindow();
        }
    }

    private void unreachable(int current, String reason) {
        if (current != generation || state != State.JOINING) {
            return;
        }
        state = State.OUT;
        // A server that turns the connection away (overloaded, shutting down) says why before it closes.
        if (refusedWith != null) {
            reason = refusedWith;
            refusedWith = null;
        }
        dropService();
        view.connectEnabled(true);
        view.status((peers ? "Could not join the group: " : "Could not connect: ") + reason, true);
    }

    private void rename(ChatEvent.Renamed renamed) {
        view.conversations.renamed(renamed.from(), renamed.to());
        if (renamed.you()) {
            String me = renamed.to();
            view.me(me);
            view.name.setText(me);
            title.name(me);
            shell.title(title.text());
            home().notice(renamed.ts(), "You are now " + me);
            if (renameForm.isWaiting()) {
                renameForm.dismissed();
                shell.hideRename();
            }
        } else {
            // In every room the person is in; without rooms, in the one room.
            for (Conversation room : chat.rooms()) {
                if (!chat.hasRooms() || room.members().contains(renamed.to())) {
                    document(room).notice(renamed.ts(), renamed.from() + " is now " + renamed.to());
                }
            }
        }
        showTarget();
    }

    private void disconnected(String why) {
        if (state != State.IN) {
            // While joining, login() itself reports the failure; while leaving, nobody is looking.
            return;
        }
        state = State.OUT;
        lost = true;
        dropService();
        if (renameForm.isWaiting()) {
            renameCancelled();
        }
        if (roomPicker.isOpen()) {
            roomPickerCancelled();
        }
        view.joinRoom.setEnabled(false);
        view.people.clear();
        view.peopleTitle.setText(view.people.title());
        view.rename.setEnabled(false);
        view.banner("Disconnected: " + why);
        for (Conversations.Item item : view.conversations.items()) {
            if (item.room) {
                item.document.notice(view.times.now(), "Disconnected: " + why);
            }
        }
        view.connectEnabled(true);
        view.status("Not connected. Press Join to connect again.", false);
    }

    private void dropService() {
        ChatService dropped = service;
        service = null;
        serviceOptions = null;
        generation++;
        if (dropped != null) {
            network.execute(dropped::close);
        }
    }

    private void showTarget() {
        Conversations.Item shown = view.conversations.selected();
        if (!shown.room) {
            view.composeTarget.setText("To " + shown.name() + " (private):");
            view.composeTarget.setForeground(Theme.PRIVATE);
        } else {
            view.composeTarget.setText(shown.name().isEmpty() ? "To everyone:" : "To " + shown.name() + ":");
            view.composeTarget.setForeground(Theme.ACCENT);
        }
    }

    /** The conversation shown: where answers to what the user did there go. */
    private ConversationDocument currentConversation() {
        return view.conversations.selected().document;
    }

    private static String address(ConnectOptions options) {
        String host = options.host();
        // An IPv6 address needs brackets before its port, as in a URL.
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + options.port();
    }

    private static String describe(Exception e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }
}
