package chatroom.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The certificates this client trusted on first use, one line per server: {@code HOST:PORT FINGERPRINT}, like SSH's
 * {@code known_hosts}. People may read and edit it: removing a server's line lets a new certificate be trusted.
 * Thread-safe within this process.
 */
final class KnownServers {
    /** A file this size is not ours; reading it could take any amount of memory. */
    private static final long MAX_BYTES = 1024 * 1024;

    private final Path file;

    KnownServers(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The fingerprint remembered for this server, if any; the last line for it wins. */
    synchronized Optional<String> fingerprint(String server) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("The known servers file " + file + " is larger than " + MAX_BYTES + " bytes.");
        }
        Optional<String> found = Optional.empty();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2 && fields[0].equals(server)) {
                found = Optional.of(fields[1]);
            }
        }
        return found;
    }

    synchronized void remember(String server, String fingerprint) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.writeString(file, server + " " + fingerprint + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
