package chatroom.api.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file being sent, read one piece at a time while its SHA-256 is computed, so neither the file nor a copy of it is
 * ever whole in memory. Not thread-safe: one sending thread reads it.
 */
public final class OutgoingFile implements AutoCloseable {
    private final Path path;
    private final long size;
    private final FileChannel channel;
    private final MessageDigest digest = Sha256.newDigest();
    private long read;

    private OutgoingFile(Path path, long size, FileChannel channel) {
        this.path = path;
        this.size = size;
        this.channel = channel;
    }

    /**
     * Opens a file for sending.
     *
     * @param maxSize the largest size accepted, or a negative number for no limit
     * @throws IOException with a message for people: no such file, a folder, unreadable, too large
     */
    public static OutgoingFile open(Path path, long maxSize) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("There is no file " + path + ".");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file; only files can be sent.");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new IOException("You may not read " + path + ".", e);
        }
        long size = channel.size();
        if (maxSize >= 0 && size > maxSize) {
            channel.close();
            throw new IOException(path.getFileName() + " is " + TransferText.size(size) + "; files of at most "
                    + TransferText.size(maxSize) + " can be sent here.");
        }
        return new OutgoingFile(path, size, channel);
    }

    public Path path() {
        return path;
    }

    /** The file's name without its folder. */
    public String name() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** The length when it was opened. */
    public long size() {
        return size;
    }

    /** Bytes read so far. */
    public long read() {
        return read;
    }

    /**
     * The next piece of at most {@code max} bytes, or an empty array at the end.
     *
     * @throws IOException when reading fails, or the file grew past the size it had when opened
     */
    public byte[] next(int max) throws IOException {
        int want = (int) Math.min(max, size - read);
        if (want <= 0) {
            if (channel.read(ByteBuffer.allocate(1), read) > 0) {
                throw new IOException(name() + " grew while it was being sent.");
            }
            return new byte[0];
        }
        ByteBuffer buffer = ByteBuffer.allocate(want);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, read + buffer.position());
            if (n < 0) {
                throw new IOException(name() + " shrank while it was being sent.");
            }
        }
        byte[] piece = buffer.array();
        digest.update(piece);
        read += piece.length;
        return piece;
    }

    /** The SHA-256 of what was read, hexadecimal; call once, at the end. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // A file opened for reading has nothing to lose on close.
        }
    }
}
