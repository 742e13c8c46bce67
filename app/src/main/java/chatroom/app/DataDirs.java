package chatroom.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where chatroom keeps its files for this user unless told otherwise: the platform's per-user data folder. */
final class DataDirs {
    private DataDirs() {
    }

    static Path defaultDir(String child) {
        return base(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")))
                .resolve(child);
    }

    // Package access for tests
    static Path base(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "chatroom");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library/Application Support/chatroom");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("chatroom");
    }
}
