package chatroom.ui.swing;

import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.TransferHandler;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.InputEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes files dropped on a component, and passes everything else (typing, copying, pasting text) to the handler the
 * component had, so that dropping a file on the conversation or the line being typed sends it without breaking
 * copy and paste.
 */
final class FileDrop extends TransferHandler {
    private static final long serialVersionUID = 1L;

    private final transient TransferHandler others;
    private final transient Consumer<List<Path>> dropped;

    private FileDrop(TransferHandler others, Consumer<List<Path>> dropped) {
        this.others = others;
        this.dropped = dropped;
    }

    /** Lets files be dropped on {@code component}; {@code dropped} gets them on Swing's thread. */
    static void install(JComponent component, Consumer<List<Path>> dropped) {
        TransferHandler current = component.getTransferHandler();
        if (!(current instanceof FileDrop)) {
            component.setTransferHandler(new FileDrop(current, dropped));
        }
    }

    @Override
    public boolean canImport(TransferSupport support) {
        if (isFileDrop(support)) {
            if ((support.getSourceDropActions() & COPY) != 0) {
                support.setDropAction(COPY);
            }
            return true;
        }
        return others != null && others.canImport(support);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!isFileDrop(support)) {
            return others != null && others.importData(support);
        }
        try {
            List<Path> files = new ArrayList<>();
            for (Object file : (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor)) {
                if (file instanceof File dropped) {
                    files.add(dropped.toPath());
                }
            }
            dropped.accept(files);
            return !files.isEmpty();
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }

    // A pasted file list is not a drop: pasting stays text.
    private static boolean isFileDrop(TransferSupport support) {
        return support.isDrop() && support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public int getSourceActions(JComponent component) {
        return others == null ? NONE : others.getSourceActions(component);
    }

    @Override
    public void exportAsDrag(JComponent component, InputEvent event, int action) {
        if (others != null) {
            others.exportAsDrag(component, event, action);
        }
    }

    @Override
    public void exportToClipboard(JComponent component, Clipboard clipboard, int action) {
        if (others != null) {
            others.exportToClipboard(component, clipboard, action);
        }
    }

    @Override
    public Icon getVisualRepresentation(Transferable transferable) {
        return others == null ? null : others.getVisualRepresentation(transferable);
    }
}
