package chatroom.ui.swing;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.function.Consumer;

/**
 * The content of the rename dialog: the new name, the server's answer when it refuses one, and the buttons. It
 * stays open while the server decides, so that a refusal can be read and another name tried.
 */
final class RenameForm {
    private final JPanel panel = new JPanel(new BorderLayout(0, 8));
    private final JTextField name = new JTextField(18);
    private final JLabel message = new JLabel(" ");
    private final JButton ok = new JButton("Rename");
    private final JButton cancel = new JButton("Cancel");
    private boolean waiting;

    RenameForm() {
        name.setName("renameName");
        message.setName("renameMessage");
        ok.setName("renameOk");
        cancel.setName("renameCancel");
        JPanel fields = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(0, 0, 0, 8);
        fields.add(new JLabel("New name:"), c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.insets = new Insets(0, 0, 0, 0);
        fields.add(name, c);
        c.gridx = 0;
        c.gridy = 1;
        c.gridwidth = 2;
        c.insets = new Insets(6, 0, 0, 0);
        fields.add(message, c);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.add(cancel);
        buttons.add(ok);
        panel.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        panel.add(fields, BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.SOUTH);
    }

    JComponent component() {
        return panel;
    }

    /** What happens on Rename (or Enter) with the name typed, and on Cancel. */
    void onActions(Consumer<String> submit, Runnable cancelled) {
        Runnable submitTyped = () -> submit.accept(name.getText().strip());
        ok.addActionListener(event -> submitTyped.run());
        name.addActionListener(event -> submitTyped.run());
        cancel.addActionListener(event -> cancelled.run());
    }

    /** Ready for a name, starting from the current one. */
    void start(String current) {
        waiting = false;
        name.setText(current);
        name.selectAll();
        showMessage(" ", false);
        setEnabled(true);
    }

    /** The name went to the server; nothing to do until it answers. */
    void waiting() {
        waiting = true;
        showMessage("Asking the server…", false);
        setEnabled(false);
    }

    /** The name cannot be used; says why and lets the user try another. */
    void refused(String reason) {
        waiting = false;
        showMessage(reason, true);
        setEnabled(true);
        name.requestFocusInWindow();
        name.selectAll();
    }

    /** The dialog went away; a late answer from the server no longer belongs to it. */
    void dismissed() {
        waiting = false;
    }

    boolean isWaiting() {
        return waiting;
    }

    JTextField nameField() {
        return name;
    }

    JButton okButton() {
        return ok;
    }

    JButton cancelButton() {
        return cancel;
    }

    String message() {
        return message.getText();
    }

    private void showMessage(String text, boolean problem) {
        message.setText(text);
        message.setForeground(problem ? Theme.ERROR : Theme.MUTED);
    }

    private void setEnabled(boolean enabled) {
        name.setEnabled(enabled);
        ok.setEnabled(enabled);
    }
}
