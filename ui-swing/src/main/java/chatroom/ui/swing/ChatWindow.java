package chatroom.ui.swing;

import javax.swing.JButton;
import javax.swing.JComponent;
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
        renameDialog = formDialog("Change your name", "renameDialog", form.component(), form.cancelButton());
        renameDialog.getRootPane().setDefaultButton(form.okButton());
        // Modal: returns once the dialog is hidden, while events keep being dispatched meanwhile.
        renameDialog.setVisible(true);
    }

    /** A modal dialog around a form, laid out beside the window; closing it is the form's Cancel. */
    private JDialog formDialog(String title, String name, JComponent content, JButton cancel) {
        JDialog dialog = new JDialog(frame, title, Dialog.ModalityType.DOCUMENT_MODAL);
        dialog.setName(name);
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                cancel.doClick();
            }
        });
        dialog.setContentPane(content);
        dialog.pack();
        dialog.setLocationRelativeTo(frame);
        return dialog;
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
        roomDialog = formDialog("Join a room", "roomDialog", picker.component(), picker.cancelButton());
        picker.filterField().requestFocusInWindow();
        roomDialog.setVisible(true);
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
