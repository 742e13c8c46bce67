package chatroom.ui.swing;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Protocol;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ChatUiProvider;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JTable;
import javax.swing.JTextPane;
import javax.swing.SwingUtilities;
import javax.swing.text.BadLocationException;
import javax.swing.text.Document;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.GraphicsEnvironment;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The chat window as a user meets it: the {@code swing} interface found by {@link Providers}, on screen, logs in to
 * a real {@link ChatServer} over the real TCP transport on loopback and talks with a second, windowless client.
 * Needs a display, so it is skipped in a headless build ({@code .ci/run} starts Xvfb); leaves a screenshot in
 * {@code target/screenshots}.
 */
class ChatWindowEndToEndTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    private Robot robot;

    @BeforeEach
    void needsADisplay() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "needs a display: run under Xvfb with DISPLAY set (.ci/run does) to open the chat window");
        robot = new Robot();
    }

    @AfterEach
    void closeAll() throws Exception {
        // A failed test leaves its window open; disposing it is what ends the interface's run.
        onEdt(() -> {
            for (Frame frame : Frame.getFrames()) {
                if ("chatWindow".equals(frame.getName())) {
                    frame.dispose();
                }
            }
            return null;
        });
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void logsInThroughTheFieldsTalksWithASecondClientAndLeaves() throws Exception {
        int port = startServer();
        ChatServiceProvider tcp = Providers.transports().require("tcp");
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = tcp.create(new ConnectOptions("127.0.0.1", port), bob);
        toClose.add(bobService);
        LoggedIn bobIn = bobService.login("bob", "b-secret".toCharArray());
        assertEquals(List.of("bob", 1), List.of(bobIn.name(), bobIn.online()));

        // Nothing on the command line: the user types where to connect and who they are.
        ChatUiContext context = new ChatUiContext(tcp, new ConnectOptions("localhost", Protocol.DEFAULT_PORT), null,
                null, data.resolve("client"), InputStream.nullInputStream(), quiet(), quiet());
        ChatUiProvider swing = Providers.interfaces().require("swing");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> swing.run(context));
        Frame window = eventuallyShowing("chatWindow");

        onEdt(() -> {
            this.<JTextComponent>named(window, "host").setText("127.0.0.1");
            this.<JTextComponent>named(window, "port").setText(Integer.toString(port));
            this.<JTextComponent>named(window, "name").setText("alice");
            this.<JTextComponent>named(window, "password").setText("a-secret");
            this.<AbstractButton>named(window, "join").doClick();
            return null;
        });
        eventually(() -> this.<JLabel>named(window, "status").getText()
                        .equals("Connected to 127.0.0.1:" + port + " as alice."),
                () -> "the window to log in; its status says '" + this.<JLabel>named(window, "status").getText()
                        + "'");
        bob.await(Joined.class, joined -> joined.name().equals("alice"));

        onEdt(() -> {
            this.<JTextComponent>named(window, "compose").setText("Hello from the window, 你好");
            this.<AbstractButton>named(window, "send").doClick();
            return null;
        });
        ChatMessage said = bob.await(ChatMessage.class, message -> message.from().equals("alice"));
        assertEquals("Hello from the window, 你好", said.text());

        bobService.say("Got it, 收到");
        eventually(() -> room(window).contains("bob: Got it, 收到\n"),
                () -> "bob's reply in the window; the room shows:\n" + room(window));
        eventually(() -> this.<JLabel>named(window, "peopleTitle").getText().equals("Online (2)"),
                () -> "both online; the list is titled " + this.<JLabel>named(window, "peopleTitle").getText());
        shot(window, "swing-client-real-server.png");

        // Closing asks first; the dialog is modal, so the close is not waited for here.
        SwingUtilities.invokeLater(() -> window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSING)));
        AbstractButton yes = eventuallyFound(() -> leaveButton("Yes"), "the question whether to leave");
        onEdt(() -> {
            yes.doClick();
            return null;
        });

        assertEquals(0, exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertEquals("logged out", bob.await(Left.class, left -> left.name().equals("alice")).reason());
    }

    /**
     * With rooms, as a user clicks through them: joins a room from the join dialog and creates another, switches
     * between them by clicking the list and with Ctrl+1, sees an unread badge, and as the owner of the new room kicks
     * someone from the people list's menu after confirming. Leaves screenshots of the rooms and of the menu.
     */
    @Test
    void joinsSwitchesAndKicksInRoomsOnScreen() throws Exception {
        int port = startServer();
        ChatServiceProvider tcp = Providers.transports().require("tcp");
        ConnectOptions rooms = new ConnectOptions("127.0.0.1", port, Map.of(ConnectOptions.ROOMS, List.of("true")));
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = tcp.create(rooms, bob);
        toClose.add(bobService);
        bobService.login("bob", "b-secret".toCharArray());
        bobService.join("#dev");
        bob.await(Joined.class, joined -> "#dev".equals(joined.room()));
        bobService.setTopic("#dev", "Builds and releases");
        bobService.sayIn("#dev", "The nightly build is green");
        RecordingListener carol = new RecordingListener("carol");
        ChatService carolService = tcp.create(rooms, carol);
        toClose.add(carolService);
        carolService.login("carol", "c-secret".toCharArray());

        OpenWindow opened = openAsAlice(tcp, port);
        Frame window = opened.window();
        CompletableFuture<Integer> exit = opened.exit();
        eventually(() -> this.<JLabel>named(window, "status").getText().startsWith("Connected to"),
                () -> "the window to log in; its status says '" + this.<JLabel>named(window, "status").getText()
                        + "'");

        // Join #dev from the dialog that Ctrl+K opens.
        click(named(window, "compose"), InputEvent.BUTTON1_DOWN_MASK);
        robot.keyPress(KeyEvent.VK_CONTROL);
        robot.keyPress(KeyEvent.VK_K);
        robot.keyRelease(KeyEvent.VK_K);
        robot.keyRelease(KeyEvent.VK_CONTROL);
        JDialog dialog = eventuallyFound(() -> showingDialog("Join a room"), "the join dialog");
        onEdt(() -> {
            this.<JTextComponent>named(dialog, "roomFilter").setText("dev");
            return null;
        });
        eventually(() -> this.<JTable>named(dialog, "roomTable").getRowCount() == 1
                        && this.<AbstractButton>named(dialog, "roomJoin").getText().equals("Join #dev"),
                () -> "#dev listed; the button says " + this.<AbstractButton>named(dialog, "roomJoin").getText());
        click(named(dialog, "roomJoin"), InputEvent.BUTTON1_DOWN_MASK);
        eventually(() -> pane(window, "#dev").contains("bob: The nightly build is green"),
                () -> "#dev's history in its pane");
        eventually(() -> this.<JLabel>named(window, "topic").getText().equals("#dev · Builds and releases"),
                () -> "the topic bar of #dev says " + this.<JLabel>named(window, "topic").getText());

        // Create #ops with the button under the list; alice is its owner.
        click(named(window, "joinRoom"), InputEvent.BUTTON1_DOWN_MASK);
        JDialog again = eventuallyFound(() -> showingDialog("Join a room"), "the join dialog again");
        onEdt(() -> {
            this.<JTextComponent>named(again, "roomFilter").setText("ops");
            return null;
        });
        eventually(() -> this.<AbstractButton>named(again, "roomJoin").getText().equals("Create #ops"),
                () -> "the button to say Create #ops");
        click(named(again, "roomJoin"), InputEvent.BUTTON1_DOWN_MASK);
        eventually(() -> this.<JLabel>named(window, "topic").getText().startsWith("#ops"),
                () -> "#ops shown; the topic bar says " + this.<JLabel>named(window, "topic").getText());
        carolService.join("#ops");
        eventually(() -> people(window).contains("carol"), () -> "carol among the people of #ops: " + people(window));

        // Xvfb has no window manager to give the focus back to the window once a dialog closed: a click does.
        click(named(window, "compose"), InputEvent.BUTTON1_DOWN_MASK);
        // Switch to #lobby with Ctrl+1, then to #dev by clicking it; what bob says in #ops meanwhile waits unread.
        robot.keyPress(KeyEvent.VK_CONTROL);
        robot.keyPress(KeyEvent.VK_1);
        robot.keyRelease(KeyEvent.VK_1);
        robot.keyRelease(KeyEvent.VK_CONTROL);
        eventually(() -> this.<JLabel>named(window, "composeTarget").getText().equals("To #lobby:"),
                () -> "#lobby shown after Ctrl+1; writing " + this.<JLabel>named(window, "composeTarget").getText());
        clickConversation(window, "#dev", InputEvent.BUTTON1_DOWN_MASK);
        eventually(() -> this.<JLabel>named(window, "composeTarget").getText().equals("To #dev:"),
                () -> "#dev shown after clicking it");
        bobService.join("#ops");
        bobService.sayIn("#ops", "Deploying 2.1 now");
        eventually(() -> conversationTitles(window).contains("#ops (1)"),
                () -> "an unread badge on #ops: " + conversationTitles(window));
        onEdt(() -> {
            this.<JTextComponent>named(window, "compose").setText("I will watch the dashboards");
            return null;
        });
        shot(window, "swing-rooms.png");

        // In #ops, the owner kicks carol from the people list's menu, after saying yes.
        clickConversation(window, "#ops", InputEvent.BUTTON1_DOWN_MASK);
        eventually(() -> pane(window, "#ops").contains("bob: Deploying 2.1 now")
                && !conversationTitles(window).contains("#ops (1)"), () -> "#ops read");
        clickPerson(window, "carol", InputEvent.BUTTON3_DOWN_MASK);
        AbstractButton kick = eventuallyFound(() -> showingMenuItem("kick"), "the menu with Kick carol");
        // The menu may reach past the window's edge: the picture takes both in.
        Rectangle withMenu = onEdt(() -> window.getBounds().union(new Rectangle(
                SwingUtilities.getWindowAncestor(kick).getLocationOnScreen(),
                SwingUtilities.getWindowAncestor(kick).getSize())));
        shot(withMenu, "swing-room-moderation.png");
        click(kick, InputEvent.BUTTON1_DOWN_MASK);
        AbstractButton yes = eventuallyFound(() -> dialogButton("Kick carol", "Yes"), "the question whether to kick");
        click(yes, InputEvent.BUTTON1_DOWN_MASK);
        Left kicked = carol.await(Left.class, left -> "#ops".equals(left.room()) && left.name().equals("carol"));
        assertTrue(kicked.reason().contains("alice"), kicked.reason());
        eventually(() -> !people(window).contains("carol"), () -> "carol gone from #ops: " + people(window));

        onEdt(() -> {
            window.dispose();
            return null;
        });
        assertEquals(0, exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    /** A private conversation as a user returning to it meets it: what waited, marked, and what is said now. */
    @Test
    void privateMessagesThatWaitedAreInTheirConversationWhenTheUserComesBack() throws Exception {
        int port = startServer();
        ChatServiceProvider tcp = Providers.transports().require("tcp");
        ConnectOptions rooms = new ConnectOptions("127.0.0.1", port, Map.of(ConnectOptions.ROOMS, List.of("true")));
        ChatService aliceBefore = tcp.create(rooms, new RecordingListener("alice before"));
        toClose.add(aliceBefore);
        aliceBefore.login("alice", "a-secret".toCharArray());
        aliceBefore.logout();
        RecordingListener bob = new RecordingListener("bob");
        ChatService bobService = tcp.create(rooms, bob);
        toClose.add(bobService);
        bobService.login("bob", "b-secret".toCharArray());
        bobService.tell("alice", "Lunch at noon tomorrow?");
        bob.await(PrivateMessage.class, m -> m.isOffline());
        bobService.tell("alice", "I can book the place by the river.");
        bob.await(PrivateMessage.class, m -> m.isOffline() && m.text().startsWith("I can"));

        OpenWindow opened = openAsAlice(tcp, port);
        Frame window = opened.window();
        CompletableFuture<Integer> exit = opened.exit();
        eventually(() -> conversationTitles(window).contains("bob (2)"),
                () -> "bob's two messages waiting, counted: " + conversationTitles(window));
        clickConversation(window, "bob", InputEvent.BUTTON1_DOWN_MASK);
        eventually(() -> privatePane(window, "bob").contains("bob: Lunch at noon tomorrow?  (while you were away)"),
                () -> "what waited, marked; the pane shows:\n" + privatePane(window, "bob"));
        onEdt(() -> {
            this.<JTextComponent>named(window, "compose").setText("Yes! Book it.");
            this.<AbstractButton>named(window, "send").doClick();
            return null;
        });
        assertEquals("Yes! Book it.", bob.await(PrivateMessage.class, m -> m.from().equals("alice")).text());
        eventually(() -> privatePane(window, "bob").contains("alice: Yes! Book it."), () -> "alice's answer shown");
        shot(window, "swing-private-away.png");

        onEdt(() -> {
            window.dispose();
            return null;
        });
        assertEquals(0, exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    /** A chat window on screen, and the exit code its interface returns once it is closed. */
    private record OpenWindow(Frame window, CompletableFuture<Integer> exit) {
    }

    /** The window, opened for alice (name and password given, as on a command line), and her Join clicked. */
    private OpenWindow openAsAlice(ChatServiceProvider tcp, int port) throws Exception {
        ChatUiContext context = new ChatUiContext(tcp, new ConnectOptions("127.0.0.1", port), "alice",
                "a-secret".toCharArray(), data.resolve("client"), InputStream.nullInputStream(), quiet(), quiet());
        ChatUiProvider swing = Providers.interfaces().require("swing");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> swing.run(context));
        Frame window = eventuallyShowing("chatWindow");
        click(named(window, "join"), InputEvent.BUTTON1_DOWN_MASK);
        return new OpenWindow(window, exit);
    }

    private String privatePane(Window window, String person) throws BadLocationException {
        Document pane = this.<JTextPane>named(window, "private:" + person).getDocument();
        return pane.getText(0, pane.getLength());
    }

    /** Clicks the middle of a component with the mouse, as a person would. */
    private void click(Component component, int buttons) throws Exception {
        Point at = onEdt(() -> {
            Point corner = component.getLocationOnScreen();
            return new Point(corner.x + component.getWidth() / 2, corner.y + component.getHeight() / 2);
        });
        clickAt(at, buttons);
    }

    private void clickAt(Point at, int buttons) {
        robot.mouseMove(at.x, at.y);
        robot.mousePress(buttons);
        robot.mouseRelease(buttons);
        robot.waitForIdle();
    }

    /** Clicks the row of a conversation in the list. */
    private void clickConversation(Window window, String name, int buttons) throws Exception {
        clickAt(onEdt(() -> {
            JList<Conversations.Item> list = named(window, "conversations");
            for (int i = 0; i < list.getModel().getSize(); i++) {
                if (list.getModel().getElementAt(i).name().equals(name)) {
                    return rowCentre(list, i);
                }
            }
            throw new AssertionError(name + " is not listed");
        }), buttons);
    }

    private void clickPerson(Window window, String name, int buttons) throws Exception {
        clickAt(onEdt(() -> {
            JList<People.Person> list = named(window, "people");
            for (int i = 0; i < list.getModel().getSize(); i++) {
                if (list.getModel().getElementAt(i).name().equals(name)) {
                    return rowCentre(list, i);
                }
            }
            throw new AssertionError(name + " is not listed");
        }), buttons);
    }

    private static Point rowCentre(JList<?> list, int index) {
        Rectangle row = list.getCellBounds(index, index);
        Point corner = list.getLocationOnScreen();
        return new Point(corner.x + row.x + row.width / 2, corner.y + row.y + row.height / 2);
    }

    private String pane(Window window, String room) throws BadLocationException {
        Document pane = this.<JTextPane>named(window, "room:" + room).getDocument();
        return pane.getText(0, pane.getLength());
    }

    private List<String> people(Window window) {
        JList<People.Person> list = named(window, "people");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.getModel().getSize(); i++) {
            names.add(list.getModel().getElementAt(i).name());
        }
        return names;
    }

    private List<String> conversationTitles(Window window) {
        JList<Conversations.Item> list = named(window, "conversations");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < list.getModel().getSize(); i++) {
            titles.add(list.getModel().getElementAt(i).title());
        }
        return titles;
    }

    private static JDialog showingDialog(String title) {
        for (Window window : Window.getWindows()) {
            if (window instanceof JDialog dialog && dialog.isShowing() && title.equals(dialog.getTitle())) {
                return dialog;
            }
        }
        return null;
    }

    /** A menu item of a context menu on screen, by its name. */
    private static AbstractButton showingMenuItem(String name) {
        for (Window window : Window.getWindows()) {
            if (window.isShowing()) {
                Component item = find(window, component -> component instanceof JMenuItem menuItem
                        && menuItem.isShowing() && name.equals(menuItem.getName()));
                if (item != null) {
                    return (AbstractButton) item;
                }
            }
        }
        return null;
    }

    private static AbstractButton dialogButton(String title, String text) {
        JDialog dialog = showingDialog(title);
        return dialog == null ? null : (AbstractButton) find(dialog, component -> component instanceof AbstractButton b
                && text.equals(b.getText()));
    }

    private int startServer() throws Exception {
        ServerConfig config = ServerConfig.defaults(data.resolve("server")).withHashIterations(1_000);
        ServerTransport transport = Providers.serverTransports().require("tcp").create(
                new ListenOptions("127.0.0.1", 0, Protocol.DEFAULT_MAX_LINE_BYTES, config.outboxBytes()));
        ChatServer server = new ChatServer(config, List.of(transport),
                new PrintStream(serverLog, true, StandardCharsets.UTF_8));
        server.start();
        toClose.add(server);
        String address = server.addresses().getFirst();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private String room(Window window) throws BadLocationException {
        Document room = this.<JTextPane>named(window, "room:#lobby").getDocument();
        return room.getText(0, room.getLength());
    }

    /** The button of the modal "Leave" question, once it shows. */
    private AbstractButton leaveButton(String text) {
        for (Window window : Window.getWindows()) {
            if (window instanceof JDialog dialog && dialog.isShowing() && "Leave".equals(dialog.getTitle())) {
                Component button = find(dialog, component -> component instanceof AbstractButton b
                        && text.equals(b.getText()));
                if (button != null) {
                    return (AbstractButton) button;
                }
            }
        }
        return null;
    }

    /** The component with this name (see {@link Component#setName}) inside {@code root}; fails when there is none. */
    @SuppressWarnings("unchecked")
    private <T extends Component> T named(Container root, String name) {
        Component found = find(root, component -> name.equals(component.getName()));
        if (found == null) {
            fail("No component named '" + name + "' in the window");
        }
        return (T) found;
    }

    private static Component find(Container root, Predicate<Component> wanted) {
        for (Component child : root.getComponents()) {
            if (wanted.test(child)) {
                return child;
            }
            if (child instanceof Container container) {
                Component found = find(container, wanted);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Frame eventuallyShowing(String name) throws Exception {
        return eventuallyFound(() -> {
            for (Frame frame : Frame.getFrames()) {
                if (name.equals(frame.getName()) && frame.isShowing()) {
                    return frame;
                }
            }
            return null;
        }, "a window named " + name);
    }

    private <T> T eventuallyFound(Callable<T> lookup, String what) throws Exception {
        AtomicReference<T> found = new AtomicReference<>();
        eventually(() -> {
            found.set(lookup.call());
            return found.get() != null;
        }, () -> what);
        return found.get();
    }

    /** Waits, up to a generous limit, until {@code condition} holds on Swing's thread. */
    private void eventually(Callable<Boolean> condition, Callable<String> what) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!onEdt(condition)) {
            if (Instant.now().isAfter(deadline)) {
                fail("Gave up waiting for " + onEdt(what) + "\nThe server logged:\n"
                        + serverLog.toString(StandardCharsets.UTF_8));
            }
            robot.delay(50);
        }
    }

    private void shot(Window window, String file) throws Exception {
        Rectangle bounds = onEdt(window::getBounds);
        shot(bounds, file);
    }

    private void shot(Rectangle area, String file) throws Exception {
        robot.waitForIdle();
        // Lets the X server finish drawing what Swing painted before the pixels are read.
        robot.delay(300);
        robot.waitForIdle();
        Files.createDirectories(SHOTS);
        ImageIO.write(robot.createScreenCapture(area), "png", SHOTS.resolve(file).toFile());
    }

    /** Runs {@code action} on Swing's thread; its exception or failed assertion is thrown here. */
    private static <T> T onEdt(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            } catch (Error e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
