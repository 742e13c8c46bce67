package chatroom.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataDirsTest {
    private final Path home = Path.of("/home/ann");

    @Test
    void linuxUsesXdgDataHomeOrItsDefault() {
        assertEquals(Path.of("/data/chatroom"), DataDirs.base(Map.of("XDG_DATA_HOME", "/data"), "Linux", home));
        assertEquals(Path.of("/home/ann/.local/share/chatroom"), DataDirs.base(Map.of(), "Linux", home));
    }

    @Test
    void windowsAndMacUseTheirOwnFolders() {
        assertEquals(Path.of("C:/Users/ann/AppData/Roaming", "chatroom"),
                DataDirs.base(Map.of("APPDATA", "C:/Users/ann/AppData/Roaming"), "Windows 11", home));
        assertEquals(Path.of("/home/ann/Library/Application Support/chatroom"), DataDirs.base(Map.of(), "Mac OS X", home));
    }
}
