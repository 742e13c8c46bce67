package chatroom.ui.swing;

import chatroom.api.spi.ChatUiContext;
import chatroom.api.spi.ChatUiProvider;

import javax.swing.SwingUtilities;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code swing} user interface: a chat window. {@link #run} returns 0 after the user closed it, 1 when the
 * connection had ended without the user asking (lost, kicked, server shut down) before they closed it.
 */
public final class SwingUiProvider implements ChatUiProvider {
    // Logout waits briefly for the server; after this the process exits regardless.
    private static final long LOGOUT_WAIT_SECONDS = 5;

    public SwingUiProvider() {
    }

    @Override
    public String name() {
        return "swing";
    }

    @Override
    public String description() {
        return "A chat window (needs a display)";
    }

    @Override
    public boolean isAvailable() {
        return !GraphicsEnvironment.isHeadless();
    }

    @Override
    public int run(ChatUiContext context) {
        if (!isAvailable()) {
            context.err().println("The swing interface needs a display; none was found (is DISPLAY set?). "
                    + "Use --ui terminal instead.");
            return 1;
        }
        ExecutorService network = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("chatroom-network").factory());
        AtomicReference<ChatWindow> window = new AtomicReference<>();
        AtomicReference<ChatPresenter> presenter = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> {
                Theme.install();
                ChatView view = new ChatView(Timestamps.systemDefault());
                ChatWindow frame = new ChatWindow(view);
                ChatPresenter logic = new ChatPresenter(context, view, frame, network, SwingUtilities::invokeLater);
                frame.open(logic);
                window.set(frame);
                presenter.set(logic);
            });
            window.get().awaitClosed();
            network.shutdown();
            network.awaitTermination(LOGOUT_WAIT_SECONDS, TimeUnit.SECONDS);
            AtomicInteger code = new AtomicInteger();
            EventQueue.invokeAndWait(() -> code.set(presenter.get().exitCode()));
            return code.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (InvocationTargetException e) {
            context.err().println("The chat window failed: " + e.getCause());
            return 1;
        } finally {
            network.shutdownNow();
        }
    }
}
