package chatroom.ui.swing;

import chatroom.api.file.TransferText;
import chatroom.api.message.Bye;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Nick;
import chatroom.api.message.ServerMessage;
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

import javax.swing.JComponent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The chat window's behaviour, apart from the frame so it runs without a display: joining, showing what the client
 * model says happened (the room, private conversations, who is online), writing to everyone or privately, renaming,
 * the unread count and leaving. The state of the chat itself is the {@link Chat}'s, one per service.
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
    private final ConversationDocument room;
    private final RenameForm renameForm = new RenameForm();
    private final UnreadTitle title = new UnreadTitle();

    private State state = State.OUT;
    private ChatService service;
    private Chat chat;
    private ConnectOptions serviceOptions;
    // Bumped whenever a service is dropped, so its late events are told apart from the current one's.
    private int generation;
    private String target;
    private boolean joinedBefore;
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
        this.room = view.conversations.room();
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
        view.conversations.eachPane(pane -> FileDrop.install(pane, this::filesDropped));
        view.transfers.onActions(this::cancelTransfer, shell::openFolder);
        view.rename.setEnabled(false);
        view.peopleList.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getClickCount() == 2) {
                    int index = view.peopleList.locationToIndex(event.getPoint());
                    if (index >= 0) {
                        writePrivately(view.peopleList.getModel().getElementAt(index));
                    }
                }
            }
        });
        view.conversations.component().addChangeListener(event -> showTarget());
        view.conversations.roomPane().onTopReached(this::olderWanted);
        renameForm.onActions(this::renameTo, this::renameCancelled);
        view.status(firstHint(), false);
        view.peopleTitle.setText(view.people.title());
        showTarget();
        shell.title(title.text());
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
                service = context.transport().create(options, new EdtListener(ui, listener(current)));
                chat = new Chat(service, network, this::show);
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

    /** Send (or Enter) was pressed: says the text to the room, or privately in a private tab. */
    void send() {
        String text = view.compose.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        if (state != State.IN) {
            currentConversation().error("Log in first: enter your name and press Join.");
            return;
        }
        String peer = view.conversations.selectedPeer().orElse(null);
        Conversation where = peer == null ? chat.room() : chat.privateConversation(peer);
        chat.send(where, text).ifPresentOrElse(problem -> currentConversation().error(problem),
                () -> view.compose.setText(""));
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
        ConversationDocument where = currentConversation();
        network.execute(() -> {
            try {
                current.sendFile(file, peer);
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

    /** The reader reached the top of the room: fetches the page of history before the oldest message shown. */
    void olderWanted() {
        if (state != State.IN) {
            return;
        }
        Conversation shown = chat.room();
        if (!shown.hasOlder() || shown.historyPending() || shown.oldestId() <= 0 || room.isFull()) {
            return;
        }
        chat.loadOlder(shown, HISTORY_PAGE);
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
            case ChatEvent.HistoryLoaded loaded -> room.history(loaded.entries());
            case ChatEvent.CaughtUp caughtUp -> room.notice(view.times.now(), (caughtUp.missed() == 0 ? "Nothing"
                    : caughtUp.missed() + (caughtUp.missed() == 1 ? " message" : " messages"))
                    + " missed while disconnected" + (caughtUp.more() ? "; older ones with the history above" : ""));
            case ChatEvent.MemberJoined joined -> {
                if (!joined.you()) {
                    room.notice(joined.ts(), joined.name() + " joined · " + joined.online() + " online");
                    if (view.conversations.hasPrivate(joined.name())) {
                        view.conversations.privateWith(joined.name()).notice(joined.ts(),
                                joined.name() + " is back online");
                    }
                }
            }
            case ChatEvent.MemberLeft left -> {
                room.notice(left.ts(), left.name() + " left (" + left.reason() + ") · " + left.online() + " online");
                if (view.conversations.hasPrivate(left.name())) {
                    view.conversations.privateWith(left.name()).notice(left.ts(), left.name() + " left the room");
                }
            }
            case ChatEvent.Renamed renamed -> rename(renamed);
            case ChatEvent.MembersListed listed -> {
            }
            case ChatEvent.ConversationOpened opened -> {
            }
            // The window speaks protocol 1 (one room) until it learns rooms (issue 25): these never come.
            case ChatEvent.PresenceChanged presence -> {
            }
            case ChatEvent.TopicChanged topic -> {
            }
            case ChatEvent.RoleChanged role -> {
            }
            case ChatEvent.TopicLockChanged lock -> {
            }
            case ChatEvent.BanChanged ban -> {
            }
            case ChatEvent.InviteOnlyChanged inviteOnly -> {
            }
            case ChatEvent.Invited invited -> {
            }
            case ChatEvent.RoomDeleted deleted -> {
            }
            case ChatEvent.ServerBanChanged ban -> {
            }
            case ChatEvent.BansListed bans -> {
            }
            case ChatEvent.RoomsListed listed -> {
            }
            case ChatEvent.RoomClosed closed -> {
            }
            case ChatEvent.UnreadChanged unread -> {
                // The title counts what arrives while the window is in the background; the model's count is read.
                if (unread.conversation().unread() > 0) {
                    title.arrived();
                    shell.title(title.text());
                    chat.read(unread.conversation());
                }
            }
            case ChatEvent.Refused refused -> {
                if (Nick.TYPE.equals(refused.request()) && renameForm.isWaiting()) {
                    renameForm.refused(refused.message());
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
            case ChatEvent.Notice notice -> room.notice(view.times.now(), notice.text());
            case ChatEvent.NotSent notSent -> document(notSent.conversation())
                    .error("Not sent: \"" + notSent.text() + "\" (" + notSent.reason() + ")");
            case ChatEvent.Transfer transfer -> transferred(transfer.conversation(), transfer.transfer());
        }
        if (chat != null && state == State.IN) {
            view.people.show(chat.room().members());
        }
        view.peopleTitle.setText(view.people.title());
    }

    /** The document that shows a conversation of the model's. */
    private ConversationDocument document(Conversation conversation) {
        return conversation.isRoom() ? room : view.conversations.privateWith(conversation.name());
    }

    private void added(Conversation where, Entry entry) {
        ConversationDocument shown = document(where);
        switch (entry) {
            case Entry.Message message -> shown.message(message);
            case Entry.Announcement announcement -> shown.announcement(announcement);
            case Entry.SharedFile shared -> shown.fileShared(shared);
            case Entry.Private whisper -> {
                shown.privateMessage(whisper.ts(), whisper.from(), whisper.text(), whisper.own());
                if (!whisper.own()) {
                    view.conversations.arrived(where.name());
                }
            }
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
            room.notice(view.times.now(), line);
        }
    }

    private void reconnected() {
        if (state != State.IN) {
            return;
        }
        view.banner(null);
        view.status((peers ? "In the group as " : "Connected to " + address(serviceOptions) + " as ") + chat.me()
                + ".", false);
        room.notice(view.times.now(), "Reconnected");
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
            room.clear();
        }
        joinedBefore = true;
        room.notice(view.times.now(), "You joined as " + me + " · " + in.online() + " online");
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
            room.notice(renamed.ts(), "You are now " + me);
            if (renameForm.isWaiting()) {
                renameForm.dismissed();
                shell.hideRename();
            }
        } else {
            room.notice(renamed.ts(), renamed.from() + " is now " + renamed.to());
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
        view.people.clear();
        view.peopleTitle.setText(view.people.title());
        view.rename.setEnabled(false);
        view.banner("Disconnected: " + why);
        room.notice(view.times.now(), "Disconnected: " + why);
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
        String peer = view.conversations.selectedPeer().orElse(null);
        if (peer == null) {
            view.composeTarget.setText("To everyone:");
            view.composeTarget.setForeground(Theme.ACCENT);
        } else {
            view.composeTarget.setText("To " + peer + " (private):");
            view.composeTarget.setForeground(Theme.PRIVATE);
        }
        target = peer;
    }

    private ConversationDocument currentConversation() {
        return target == null ? room : view.conversations.privateWith(target);
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
