package chatroom.api.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file being received: bytes go straight to its part file while their SHA-256 is computed, so nothing is held in
 * memory. {@link #finish} checks the checksum and gives the file its final name; {@link #discard} deletes what came.
 * Not thread-safe: one transport thread feeds it.
 */
public final class IncomingFile {
    /** How many numbered names ({@code name (1).ext}, …) are tried before giving up. */
    static final int MAX_SUFFIX = 9_999;

    private final Path folder;
    private final String safeName;
    private final long size;
    private final Path part;
    private final FileChannel channel;
    private final MessageDigest digest = Sha256.newDigest();
    private long received;
    private boolean closed;

    /** The part files receivers in this process write, which {@link Downloads} must not open to test their lock. */
    private static final Set<Path> RECEIVING = ConcurrentHashMap.newKeySet();

    IncomingFile(Path folder, String safeName, long size, Path part) throws IOException {
        this.folder = folder;
        this.safeName = safeName;
        this.size = size;
        this.part = part;
        this.channel = FileChannel.open(part, StandardOpenOption.WRITE);
        RECEIVING.add(part);
        lockWhileReceiving();
    }

    /**
     * Marks the part file as being written, for {@link Downloads} to tell from one a killed client left. Released
     * with the channel, or by the operating system when the process dies. A file system without locks receives
     * all the same; its leftovers are just not told apart.
     */
    private void lockWhileReceiving() {
        try {
            channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            // Receiving matters more than tidying.
        }
    }

    /** The safe name the file will have, unless taken by then (a suffix is added). */
    public String safeName() {
        return safeName;
    }

    /** Where the bytes go meanwhile. */
    public Path part() {
        return part;
    }

    /** Where the file is going. */
    public Path folder() {
        return folder;
    }

    public long size() {
        return size;
    }

    /** Bytes stored so far. */
    public long received() {
        return received;
    }

    /**
     * Stores the next bytes.
     *
     * @throws IOException when they go beyond the announced size, or the disk refuses them
     */
    public void write(byte[] bytes) throws IOException {
        if (received + bytes.length > size) {
            throw new IOException("More bytes came than the " + size + " announced.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        digest.update(bytes);
        received += bytes.length;
    }

    /**
     * Ends a complete transfer: checks the size and the checksum, then moves the part file to the safe name, or to
     * {@code name (1).ext}, {@code name (2).ext}, … when that is taken. Never overwrites a file. On any failure the
     * part file is deleted.
     *
     * @param expectedSha256 the sender's SHA-256, hexadecimal
     * @return where the file now is
     * @throws TransferCheckException when the size or the checksum differ
     * @throws IOException            when the file cannot be stored under any name
     */
    public Path finish(String expectedSha256) throws IOException {
        try {
            close();
            if (received != size) {
                throw new TransferCheckException("Only " + received + " of " + size + " bytes arrived.");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 == null || !actual.equalsIgnoreCase(expectedSha256)) {
                throw new TransferCheckException("The SHA-256 checksum does not match.");
            }
            Path target = reserve();
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteQuietly();
            throw e;
        }
    }

    /** Stops and deletes what was stored. Idempotent. */
    public void discard() {
        try {
            close();
        } catch (IOException e) {
            // Deleting is what matters.
        }
        deleteQuietly();
    }

    /** Creates the final file empty, so no other writer can take the name between the choice and the move. */
    private Path reserve() throws IOException {
        int dot = safeName.lastIndexOf('.');
        String stem = dot > 0 ? safeName.substring(0, dot) : safeName;
        String extension = dot > 0 ? safeName.substring(dot) : "";
        for (int n = 0; n <= MAX_SUFFIX; n++) {
            Path candidate = folder.resolve(n == 0 ? safeName : stem + " (" + n + ")" + extension);
            if (!folder.equals(candidate.getParent())) {
                throw new IOException("Refusing to save outside " + folder + ".");
            }
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // Try the next number.
            }
        }
        throw new IOException("Every name from " + safeName + " to " + stem + " (" + MAX_SUFFIX + ")" + extension
                + " is taken in " + folder + ".");
    }

    private void close() throws IOException {
        if (!closed) {
            closed = true;
            RECEIVING.remove(part);
            channel.close();
        }
    }

    static boolean isReceiving(Path part) {
        return RECEIVING.contains(part);
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // Nothing more to try; the part file's name says what it is.
        }
    }
}
