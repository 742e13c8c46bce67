package chatroom.ui.swing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.swing.JTextField;
import javax.swing.TransferHandler;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(OnSwingThread.class)
class FileDropTest {
    private final JTextField field = new JTextField();
    private final List<Path> dropped = new ArrayList<>();

    @Test
    void pastingTextStillWorksWhereFilesMayBeDropped() {
        FileDrop.install(field, dropped::addAll);
        FileDrop.install(field, dropped::addAll);

        TransferHandler handler = field.getTransferHandler();
        assertTrue(handler.importData(new TransferHandler.TransferSupport(field, new StringSelection("pasted"))));

        assertEquals("pasted", field.getText());
        assertEquals(List.of(), dropped);
        assertEquals(TransferHandler.COPY_OR_MOVE, handler.getSourceActions(field));
    }

    @Test
    void aPastedFileListIsNotSent() {
        FileDrop.install(field, dropped::addAll);
        Transferable files = new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(new File("/tmp/a.txt"));
            }
        };

        assertFalse(field.getTransferHandler().importData(new TransferHandler.TransferSupport(field, files)));
        assertEquals(List.of(), dropped);
    }
}
