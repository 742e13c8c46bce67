package chatroom.ui.swing;

import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The server console's frame around a {@link ConsoleView}: the dialogs, the once-a-second refresh, closing. */
final class ConsoleWindow implements ConsoleShell {
    private static final int REFRESH_MILLIS = 1000;

    private final JFrame frame = new JFrame("chatroom server");
    private final CountDownLatch closed = new CountDownLatch(1);
    private Timer refresh;

    ConsoleWindow(ConsoleView view) {
        frame.setName("consoleWindow");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.setContentPane(view.root);
        frame.pack();
        frame.setLocationRelativeTo(null);
    }

    /** Sends the window's events to {@code presenter}, starts refreshing and shows the window. */
    void open(ConsolePresenter presenter) {
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                presenter.closeAsked();
            }
        });
        presenter.start();
        refresh = new Timer(REFRESH_MILLIS, event -> presenter.refresh());
        refresh.start();
        frame.setVisible(true);
    }

    JFrame frame() {
        return frame;
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public boolean confirmShutdown() {
        return JOptionPane.showConfirmDialog(frame, "Shut the server down? Everyone will be disconnected.",
                "Shut down", JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE) == JOptionPane.OK_OPTION;
    }

    @Override
    public Optional<String> askKickReason(String name) {
        String reason = JOptionPane.showInputDialog(frame, "Why is " + name + " being kicked? (everyone sees this)",
                ConsolePresenter.DEFAULT_KICK_REASON);
        return Optional.ofNullable(reason);
    }

    @Override
    public void close() {
        if (refresh != null) {
            refresh.stop();
        }
        frame.dispose();
        closed.countDown();
    }
}
