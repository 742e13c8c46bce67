package chatroom.ui.swing;

import chatroom.api.spi.ServerConsoleContext;
import chatroom.api.spi.ServerConsoleProvider;
import chatroom.api.spi.ServerControl;

import javax.swing.SwingUtilities;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code swing} server console: a window with the server's counters, the people online, the log, and buttons
 * to kick, announce and shut down; the operator's commands (rooms, room kicks and bans, server bans) are typed into
 * the announcement line. Closing the window shuts the server down, after asking.
 */
public final class SwingConsoleProvider implements ServerConsoleProvider {
    public SwingConsoleProvider() {
    }

    @Override
    public String name() {
        return "swing";
    }

    @Override
    public String description() {
        return "A console window with status, people online, log and shutdown (needs a display)";
    }

    @Override
    public boolean isAvailable() {
        return !GraphicsEnvironment.isHeadless();
    }

    @Override
    public void run(ServerConsoleContext context) {
        ServerControl server = context.server();
        try {
            if (!isAvailable()) {
                // The server is already serving; without a window it goes on until it is stopped another way.
                context.err().println("The swing console needs a display; none was found (is DISPLAY set?). "
                        + "The server keeps running without a console; stop it with Ctrl+C or use --console stdin.");
                server.awaitStopped();
                return;
            }
            AtomicReference<ConsoleWindow> window = new AtomicReference<>();
            AtomicReference<ConsolePresenter> presenter = new AtomicReference<>();
            EventQueue.invokeAndWait(() -> {
                Theme.install();
                ConsoleView view = new ConsoleView(Timestamps.systemDefault());
                ConsoleWindow frame = new ConsoleWindow(view);
                ConsolePresenter logic = new ConsolePresenter(server, view, frame, SwingUtilities::invokeLater);
                frame.open(logic);
                window.set(frame);
                presenter.set(logic);
            });
            Thread.ofPlatform().daemon().name("chatroom-console-watch").start(() -> {
                try {
                    server.awaitStopped();
                    SwingUtilities.invokeLater(presenter.get()::stopped);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            window.get().awaitClosed();
            // The window closes only once a shutdown was confirmed or the server stopped: wait for the end.
            server.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            context.err().println("The console window failed: " + e.getCause()
                    + "; the server keeps running until it is stopped.");
            try {
                server.awaitStopped();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
