package chatroom.api.file;

import chatroom.api.spi.ConnectOptions;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The folder where received files go, named by the {@value #SETTING} setting of the {@link ConnectOptions}. Files
 * arrive as hidden-from-nobody {@code .part} files next to where they will end up, and take their final, safe,
 * never-overwriting name only once verified. A receiver holds a lock on its part file, so the part files of a client
 * that was killed mid-transfer can be told apart from those still being written, and are removed on the next receive.
 */
public final class Downloads {
    /** The {@link ConnectOptions} setting naming the folder. */
    public static final String SETTING = "downloads";

    /**
     * A part file is {@code NAME..NUMBER.part}: {@link SafeFileName} turns runs of dots into one, so no file saved
     * under its final name, and no other program's {@code video.mp4.part}, can look like one of ours.
     */
    private static final Pattern PART_FILE = Pattern.compile(".+\\.\\.[0-9]+\\.part");
    /** A part file untouched this long and not locked was left by a receiver that is gone. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

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
        removeAbandonedParts();
        String safe = SafeFileName.of(offeredName);
        Path part = Files.createTempFile(folder, safe + "..", ".part");
        return new IncomingFile(folder, safe, size, part);
    }

    /**
     * Deletes part files that no receiver holds a lock on and that have not changed for {@link #ABANDONED_AFTER}: a
     * client killed in the middle of a transfer (the lock dies with its process) leaves nothing behind for long. The
     * age keeps a part file that another client has just created, and not locked yet, from being taken for one.
     */
    void removeAbandonedParts() {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder,
                path -> PART_FILE.matcher(path.getFileName().toString()).matches())) {
            for (Path part : parts) {
                if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(part).toInstant().isBefore(before) && !inUse(part)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            // Tidying is a courtesy: a folder we cannot list or a file we cannot delete must not stop a download.
        }
    }

    private static boolean inUse(Path part) {
        if (IncomingFile.isReceiving(part)) {
            // Never open it: closing any channel to a file drops every lock this process holds on it.
            return true;
        }
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException | IOException e) {
            return true; // cannot tell: keep it
        }
    }
}
