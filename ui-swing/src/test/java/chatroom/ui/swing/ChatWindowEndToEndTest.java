package chatroom.ui.swing;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
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
import javax.swing.JTextPane;
import javax.swing.SwingUtilities;
import javax.swing.text.BadLocationException;
import javax.swing.text.Document;
import javax.swing.text.JTextComponent;
import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Robot;
import java.awt.Window;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        robot.waitForIdle();
        // Lets the X server finish drawing what Swing painted before the pixels are read.
        robot.delay(300);
        robot.waitForIdle();
        Files.createDirectories(SHOTS);
        ImageIO.write(robot.createScreenCapture(onEdt(window::getBounds)), "png", SHOTS.resolve(file).toFile());
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
