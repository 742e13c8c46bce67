package chatroom.api.file;

import chatroom.api.spi.ConnectOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where received files go, named by the {@value #SETTING} setting of the {@link ConnectOptions}. Files
 * arrive as hidden-from-nobody {@code .part} files next to where they will end up, and take their final, safe,
 * never-overwriting name only once verified.
 */
public final class Downloads {
    /** The {@link ConnectOptions} setting naming the folder. */
    public static final String SETTING = "downloads";

    private final Path folder;

    public Downloads(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The folder the options name, or {@link #defaultFolder()}. */
    public static Downloads from(ConnectOptions options) {
        return new Downloads(options.setting(SETTING).map(Path::of).orElseGet(Downloads::defaultFolder));
    }

    /** {@code Downloads/chatroom} in the user's home: where people look for what they downloaded. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), "Downloads", "chatroom");
    }

    public Path folder() {
        return folder;
    }

    /**
     * Starts receiving a file: creates the folder if needed and an empty part file in it.
     *
     * @param offeredName the name the sender gave (made safe here)
     * @param size        the length the sender announced; more bytes than this are refused
     * @throws IOException when the folder or the part file cannot be created
     */
    public IncomingFile receive(String offeredName, long size) throws IOException {
        Files.createDirectories(folder);
        String safe = SafeFileName.of(offeredName);
        Path part = Files.createTempFile(folder, safe + ".", ".part");
        return new IncomingFile(folder, safe, size, part);
    }
}
