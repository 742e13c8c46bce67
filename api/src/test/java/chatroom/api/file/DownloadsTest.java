package chatroom.api.file;

import chatroom.api.spi.ConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadsTest {
    @TempDir
    Path home;

    @Test
    void savesAVerifiedFileUnderItsSafeName() throws Exception {
        Path folder = home.resolve("downloads");
        Downloads downloads = new Downloads(folder);
        byte[] content = "hello, files".getBytes(StandardCharsets.UTF_8);
        IncomingFile incoming = downloads.receive("../../etc/passwd", content.length);
        assertEquals(folder, incoming.part().getParent());
        incoming.write(content);

        Path saved = incoming.finish(sha256(content));

        assertEquals(folder.resolve("_._etc_passwd"), saved);
        assertEquals("hello, files", Files.readString(saved));
        assertEquals(List.of(saved), list(folder));
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        Downloads downloads = new Downloads(home);
        Files.writeString(home.resolve("notes.txt"), "mine");
        Files.writeString(home.resolve("notes (1).txt"), "mine too");

        Path second = receive(downloads, "notes.txt", "theirs");
        Path third = receive(downloads, "notes.txt", "theirs again");
        Path noExtension = receive(downloads, "notes", "plain");
        Path again = receive(downloads, "notes", "plain again");

        assertEquals(home.resolve("notes (2).txt"), second);
        assertEquals(home.resolve("notes (3).txt"), third);
        assertEquals("mine", Files.readString(home.resolve("notes.txt")));
        assertEquals("mine too", Files.readString(home.resolve("notes (1).txt")));
        assertEquals(home.resolve("notes"), noExtension);
        assertEquals(home.resolve("notes (1)"), again);
    }

    @Test
    void deletesTheFileWhenTheChecksumDiffers() throws Exception {
        IncomingFile incoming = new Downloads(home).receive("photo.jpg", 3);
        incoming.write(new byte[] {1, 2, 3});

        TransferCheckException e = assertThrows(TransferCheckException.class,
                () -> incoming.finish(sha256(new byte[] {1, 2, 4})));

        assertEquals("The SHA-256 checksum does not match.", e.getMessage());
        assertEquals(List.of(), list(home));
    }

    @Test
    void refusesMoreBytesThanOfferedAndAShortFile() throws Exception {
        IncomingFile tooMuch = new Downloads(home).receive("a", 2);
        IOException e = assertThrows(IOException.class, () -> tooMuch.write(new byte[3]));
        assertEquals("More bytes came than the 2 announced.", e.getMessage());
        tooMuch.discard();

        IncomingFile short1 = new Downloads(home).receive("b", 2);
        short1.write(new byte[1]);
        assertEquals("Only 1 of 2 bytes arrived.",
                assertThrows(TransferCheckException.class, () -> short1.finish(sha256(new byte[1]))).getMessage());
        assertEquals(List.of(), list(home));
    }

    @Test
    void discardLeavesNothing() throws Exception {
        IncomingFile incoming = new Downloads(home).receive("big.iso", 10);
        incoming.write(new byte[5]);
        incoming.discard();
        incoming.discard();
        assertEquals(List.of(), list(home));
    }

    @Test
    void takesTheFolderFromTheOptions() {
        ConnectOptions options = new ConnectOptions("h", 1, Map.of("downloads", List.of(home.toString())));
        assertEquals(home, Downloads.from(options).folder());
        assertEquals(Downloads.defaultFolder(), Downloads.from(new ConnectOptions("h", 1)).folder());
        assertTrue(Downloads.defaultFolder().endsWith(Path.of("Downloads", "chatroom")));
    }

    @Test
    void aPartFileThatAKilledClientLeftIsRemovedOnTheNextReceive() throws Exception {
        Downloads downloads = new Downloads(home);
        Path left = Files.writeString(home.resolve("movie.mkv..8120931187162.part"), "half a movie");
        age(left);

        receive(downloads, "notes.txt", "hello");

        assertFalse(Files.exists(left));
    }

    @Test
    void aPartFileStillBeingReceivedIsKeptHoweverOld() throws Exception {
        Downloads downloads = new Downloads(home);
        IncomingFile slow = downloads.receive("slow.bin", 10);
        slow.write(new byte[3]);
        age(slow.part());

        receive(downloads, "notes.txt", "hello");

        assertTrue(Files.exists(slow.part()), "another transfer is still writing it");
        slow.discard();
    }

    @Test
    void aFreshUnlockedPartFileIsKept() throws Exception {
        // Another client may have just created it and not locked it yet.
        Downloads downloads = new Downloads(home);
        Path fresh = Files.writeString(home.resolve("photo.jpg..5512309871239.part"), "");

        receive(downloads, "notes.txt", "hello");

        assertTrue(Files.exists(fresh));
    }

    @Test
    void partFilesOfOtherProgramsAreNotOurs() throws Exception {
        Downloads downloads = new Downloads(home);
        Path browsers = Files.writeString(home.resolve("video.mp4.part"), "a browser's download");
        Path dated = Files.writeString(home.resolve("clip.1700000000.part"), "someone's file");
        Files.createDirectory(home.resolve("old..42.part"));
        age(browsers);
        age(dated);
        age(home.resolve("old..42.part"));

        receive(downloads, "notes.txt", "hello");

        assertTrue(Files.exists(browsers));
        assertTrue(Files.exists(dated));
        assertTrue(Files.isDirectory(home.resolve("old..42.part")));
    }

    @Test
    void aFinishedDownloadNamedLikeAPartFileIsKept() throws Exception {
        // The sender chooses the name: a safe name never has two dots in a row, a part file always has.
        Downloads downloads = new Downloads(home);
        Path saved = receive(downloads, "clip..1700000000.part", "a finished file");
        age(saved);

        receive(downloads, "notes.txt", "hello");

        assertEquals(home.resolve("clip.1700000000.part"), saved);
        assertTrue(Files.exists(saved));
    }

    @Test
    void tidyingDoesNotReleaseTheLockOfADownloadUnderWay(@TempDir Path scratch) throws Exception {
        Downloads downloads = new Downloads(home);
        IncomingFile underWay = downloads.receive("slow.bin", 10);
        // Aged from another process: closing any descriptor of the file here, as setting its time does, would
        // drop this process's lock by itself, which is the very trap this test is about.
        assertEquals("aged", anotherProcess("age", underWay.part(), scratch));

        receive(downloads, "notes.txt", "hello");

        // Another process, such as a second client sharing the folder, must still find it locked.
        assertEquals("locked", anotherProcess("lock", underWay.part(), scratch));
        underWay.discard();
    }

    /** Runs a small Java program in a new process that ages the file or reports whether it could lock it. */
    private static String anotherProcess(String what, Path file, Path scratch) throws Exception {
        Path program = Files.writeString(scratch.resolve("OtherClient.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                import java.nio.file.attribute.FileTime;
                import java.time.Instant;

                class OtherClient {
                    public static void main(String[] args) throws Exception {
                        Path file = Path.of(args[1]);
                        if (args[0].equals("age")) {
                            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600)));
                            System.out.print("aged");
                            return;
                        }
                        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                            System.out.print(channel.tryLock() == null ? "locked" : "free");
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, program.toString(), what, file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return output.strip();
    }

    private static void age(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Downloads.ABANDONED_AFTER).minusSeconds(60)));
    }

    private static Path receive(Downloads downloads, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        IncomingFile incoming = downloads.receive(name, bytes.length);
        incoming.write(bytes);
        return incoming.finish(sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
