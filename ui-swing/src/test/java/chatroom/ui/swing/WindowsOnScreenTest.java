package chatroom.ui.swing;

import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.ServerConsoleContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JTextPane;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.event.WindowEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Opens the real windows against in-memory fakes and saves screenshots under {@code target/screenshots}, to look
 * at. Needs a display, so it is skipped in a headless build; run it under Xvfb:
 * {@code Xvfb :99 -screen 0 1600x1200x24 & DISPLAY=:99 mvn -o test -pl ui-swing -Dtest=WindowsOnScreenTest}.
 */
class WindowsOnScreenTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static Robot robot;

    @BeforeEach
    void needsADisplay() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "needs a display: run under Xvfb with DISPLAY set to take the window screenshots");
        if (robot != null) {
            return;
        }
        robot = new Robot();
        Files.createDirectories(SHOTS);
        onEdt(() -> {
            Theme.install();
            return null;
        });
    }

    @Test
    void chatWindowShowsARoomWithHistoryChinesePrivateMessagesAndARefusedRename() throws Exception {
        ScriptedChatService.Transport transport = new ScriptedChatService.Transport();
        ChatUiContext context = new ChatUiContext(transport, new ConnectOptions("localhost", 9000), "alice", null,
                Path.of("target"), InputStream.nullInputStream(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()));
        ExecutorService network = Executors.newSingleThreadExecutor();
        AtomicReference<ChatView> view = new AtomicReference<>();
        AtomicReference<ChatWindow> window = new AtomicReference<>();
        AtomicReference<ChatPresenter> presenter = new AtomicReference<>();
        onEdt(() -> {
            view.set(new ChatView(Timestamps.systemDefault()));
            window.set(new ChatWindow(view.get()));
            presenter.set(new ChatPresenter(context, view.get(), window.get(), network, SwingUtilities::invokeLater));
            window.get().open(presenter.get());
            return null;
        });
        try {
            shot(window.get().frame(), "swing-client-login.png");
            onEdt(() -> {
                view.get().password.setText("secret");
                view.get().join.doClick();
                return null;
            });
            assertTrue(transport.last.scripted.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            eventually(() -> view.get().people.names().contains("dave"), "dave in the people list");
            onEdt(() -> {
                assertFalse(view.get().name.isEnabled());
                assertFalse(view.get().join.isEnabled());
                view.get().compose.setText("Let's meet at 10:30 会议室");
                return null;
            });
            shot(window.get().frame(), "swing-client.png");

            // Wheeling up at the top of a conversation that fits asks for the page before the oldest message.
            onEdt(() -> {
                JTextPane pane = view.get().conversations.roomPane().textPane();
                pane.dispatchEvent(new MouseWheelEvent(pane, MouseEvent.MOUSE_WHEEL, System.currentTimeMillis(), 0,
                        10, 10, 0, false, MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, -1));
                return null;
            });
            eventually(() -> view.get().conversations.room().text().contains("older message 41"), "an older page");
            JScrollBar bar = onEdt(() -> view.get().conversations.roomPane().component() instanceof JScrollPane scroll
                    ? scroll.getVerticalScrollBar() : null);
            eventually(() -> bar.getValue() > 0, "the view to follow the newest message");
            // Dragging to the top loads the next page and keeps the lines that were in view where they were.
            onEdt(() -> {
                bar.setValue(0);
                return null;
            });
            eventually(() -> view.get().conversations.room().text().contains("older message 1\n"), "the oldest page");
            robot.waitForIdle();
            eventually(() -> bar.getValue() > 0, "the view to stay with the lines that were shown");
            shot(window.get().frame(), "swing-client-older.png");

            onEdt(() -> {
                presenter.get().writePrivately("bob");
                view.get().compose.setText("Sure, send me the link.");
                view.get().send.doClick();
                return null;
            });
            eventually(() -> view.get().conversations.privateWith("bob").text().contains("send me the link"),
                    "the private echo");
            shot(window.get().frame(), "swing-client-private.png");

            onEdt(() -> {
                view.get().conversations.selectRoom();
                return null;
            });
            // The dialog is modal: opening it blocks the event that opens it, so it is not waited for here.
            SwingUtilities.invokeLater(presenter.get()::renameAsked);
            eventually(() -> presenter.get().renameForm().component().isShowing(), "the rename dialog");
            onEdt(() -> {
                presenter.get().renameForm().nameField().setText("bob");
                presenter.get().renameForm().okButton().doClick();
                return null;
            });
            eventually(() -> presenter.get().renameForm().message().equals("Someone else is called bob."),
                    () -> "the refusal in the dialog; it says '" + presenter.get().renameForm().message()
                            + "' and the room ends with: " + tail(view.get().conversations.room().text()));
            shot(SwingUtilities.getWindowAncestor(presenter.get().renameForm().component()), "swing-rename.png");
            onEdt(() -> {
                presenter.get().renameForm().nameField().setText("alicia");
                presenter.get().renameForm().okButton().doClick();
                return null;
            });
            eventually(() -> !presenter.get().renameForm().component().isShowing(), "the dialog to close");
            assertEquals("chatroom — alicia", onEdt(() -> window.get().frame().getTitle().replace("(1) ", "")));
        } finally {
            onEdt(() -> {
                window.get().close();
                return null;
            });
            network.shutdownNow();
        }
    }

    @Test
    void consoleWindowShowsTheServer() throws Exception {
        ScriptedServerControl server = new ScriptedServerControl();
        AtomicReference<ConsoleView> view = new AtomicReference<>();
        AtomicReference<ConsoleWindow> window = new AtomicReference<>();
        onEdt(() -> {
            view.set(new ConsoleView(Timestamps.systemDefault()));
            window.set(new ConsoleWindow(view.get()));
            window.get().open(new ConsolePresenter(server, view.get(), window.get(), SwingUtilities::invokeLater));
            return null;
        });
        try {
            onEdt(() -> {
                view.get().onlineTable.setRowSelectionInterval(1, 1);
                view.get().announcement.setText("Maintenance tonight at 22:00");
                view.get().announce.doClick();
                view.get().announcement.setText("服务器将在十分钟后重启");
                return null;
            });
            eventually(() -> view.get().log.getText().contains("announcement: Maintenance"), "the announcement logged");
            assertEquals("Maintenance tonight at 22:00", server.announced.get(0));
            assertEquals("People online (3)", onEdt(() -> view.get().onlineTitle.getText()));
            shot(window.get().frame(), "swing-console.png");
        } finally {
            onEdt(() -> {
                window.get().close();
                return null;
            });
        }
    }

    @Test
    void theChatInterfaceRunsUntilItsWindowIsClosed() throws Exception {
        ChatUiContext context = new ChatUiContext(new ScriptedChatService.Transport(),
                new ConnectOptions("localhost", 9000), null, null, Path.of("target"), InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new SwingUiProvider().run(context));

        Frame frame = eventuallyShowing("chatWindow");
        onEdt(() -> {
            frame.dispatchEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING));
            return null;
        });

        assertEquals(0, exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void theConsoleRunsUntilTheServerStops() throws Exception {
        ScriptedServerControl server = new ScriptedServerControl();
        ServerConsoleContext context = new ServerConsoleContext(server, InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> new SwingConsoleProvider().run(context));

        Frame frame = eventuallyShowing("consoleWindow");
        server.shutdown();

        run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertFalse(onEdt(frame::isDisplayable));
    }

    private static Frame eventuallyShowing(String name) throws Exception {
        AtomicReference<Frame> found = new AtomicReference<>();
        eventually(() -> {
            for (Frame frame : Frame.getFrames()) {
                if (name.equals(frame.getName()) && frame.isShowing()) {
                    found.set(frame);
                    return true;
                }
            }
            return false;
        }, "a window named " + name);
        return found.get();
    }

    private static <T> T onEdt(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Waits, up to a generous limit, until {@code condition} holds on Swing's thread. */
    private static void eventually(Callable<Boolean> condition, String what) throws Exception {
        eventually(condition, () -> what);
    }

    /** As above; {@code what} is asked on Swing's thread when giving up, to say what was seen instead. */
    private static void eventually(Callable<Boolean> condition, Callable<String> what) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!onEdt(condition)) {
            if (Instant.now().isAfter(deadline)) {
                fail("Gave up waiting for " + onEdt(what));
            }
            robot.delay(50);
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 300));
    }

    private static void shot(Component component, String file) throws Exception {
        robot.waitForIdle();
        // Lets the X server finish drawing what Swing painted before the pixels are read.
        robot.delay(300);
        robot.waitForIdle();
        Window window = component instanceof Window w ? w : SwingUtilities.getWindowAncestor(component);
        Rectangle bounds = onEdt(window::getBounds);
        ImageIO.write(robot.createScreenCapture(bounds), "png", SHOTS.resolve(file).toFile());
    }
}
