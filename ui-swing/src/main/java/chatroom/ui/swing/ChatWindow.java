package chatroom.ui.swing;

import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.WindowConstants;
import java.awt.Desktop;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The chat client's frame around a {@link ChatView}: window events, the dialogs, and knowing when it closed. */
final class ChatWindow implements ChatShell {
    private final JFrame frame = new JFrame(UnreadTitle.APP);
    private final CountDownLatch closed = new CountDownLatch(1);
    private JDialog renameDialog;
    private JDialog roomDialog;

    ChatWindow(ChatView view) {
        frame.setName("chatWindow");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.setContentPane(view.root);
        frame.pack();
        int em = Theme.base().getSize();
        frame.setMinimumSize(new Dimension(em * 40, em * 26));
        frame.setLocationRelativeTo(null);
    }

    /** Sends the window's events to {@code presenter} and shows the window. */
    void open(ChatPresenter presenter) {
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                presenter.closeAsked();
            }

            @Override
            public void windowActivated(WindowEvent event) {
                presenter.focusChanged(true);
            }

            @Override
            public void windowDeactivated(WindowEvent event) {
                presenter.focusChanged(false);
            }

            @Override
            public void windowClosed(WindowEvent event) {
                closed.countDown();
            }
        });
        frame.setVisible(true);
        presenter.firstToFill().requestFocusInWindow();
    }

    JFrame frame() {
        return frame;
    }

    /** Blocks until the window is closed. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void title(String title) {
        frame.setTitle(title);
    }

    @Override
    public boolean confirmLeave() {
        return JOptionPane.showConfirmDialog(frame, "Leave the chat room and close the window?", "Leave",
                JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE) == JOptionPane.YES_OPTION;
    }

    @Override
    public void showRename(RenameForm form) {
        hideRename();
        JDialog dialog = new JDialog(frame, "Change your name", Dialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName("renameDialog");
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                form.cancelButton().doClick();
            }
        });
        dialog.setContentPane(form.component());
        dialog.getRootPane().setDefaultButton(form.okButton());
        dialog.pack();
        dialog.setLocationRelativeTo(frame);
        renameDialog = dialog;
        // Modal: returns once the dialog is hidden, while events keep being dispatched meanwhile.
        dialog.setVisible(true);
    }

    @Override
    public void hideRename() {
        if (renameDialog != null) {
            renameDialog.dispose();
            renameDialog = null;
        }
    }

    @Override
    public void showRoomPicker(RoomPicker picker) {
        hideRoomPicker();
        JDialog dialog = new JDialog(frame, "Join a room", Dialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName("roomDialog");
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                picker.cancelButton().doClick();
            }
        });
        dialog.setContentPane(picker.component());
        dialog.pack();
        dialog.setLocationRelativeTo(frame);
        roomDialog = dialog;
        picker.filterField().requestFocusInWindow();
        dialog.setVisible(true);
    }

    @Override
    public void hideRoomPicker() {
        if (roomDialog != null) {
            roomDialog.dispose();
            roomDialog = null;
        }
    }

    @Override
    public Optional<Path> chooseFile() {
        JFileChooser chooser = new JFileChooser();
        chooser.setName("fileChooser");
        chooser.setDialogTitle("Send a file");
        chooser.setFileSelectionMode(JFileChooser.FILES_ONLY);
        if (chooser.showDialog(frame, "Send") != JFileChooser.APPROVE_OPTION || chooser.getSelectedFile() == null) {
            return Optional.empty();
        }
        return Optional.of(chooser.getSelectedFile().toPath());
    }

    @Override
    public Optional<String> ask(String title, String question, String initial) {
        Object typed = JOptionPane.showInputDialog(frame, question, title, JOptionPane.PLAIN_MESSAGE, null, null,
                initial);
        return typed == null ? Optional.empty() : Optional.of(typed.toString());
    }

    @Override
    public boolean confirm(String title, String question) {
        return JOptionPane.showConfirmDialog(frame, question, title, JOptionPane.YES_NO_OPTION,
                JOptionPane.WARNING_MESSAGE) == JOptionPane.YES_OPTION;
    }

    @Override
    public void openFolder(Path folder) {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            try {
                Desktop.getDesktop().open(folder.toFile());
                return;
            } catch (IOException | IllegalArgumentException e) {
                // No file manager answered: say where the folder is instead.
            }
        }
        JOptionPane.showMessageDialog(frame, "Received files are in " + folder, "Downloads",
                JOptionPane.INFORMATION_MESSAGE);
    }

    @Override
    public void close() {
        hideRename();
        hideRoomPicker();
        frame.dispose();
        closed.countDown();
    }
}
