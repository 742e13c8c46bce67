package chatroom.api.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutgoingFileTest {
    @TempDir
    Path folder;

    @Test
    void readsInPiecesAndComputesTheChecksum() throws Exception {
        byte[] content = new byte[100_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(folder.resolve("data.bin"), content);

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (OutgoingFile outgoing = OutgoingFile.open(file, -1)) {
            assertEquals("data.bin", outgoing.name());
            assertEquals(100_000, outgoing.size());
            byte[] piece;
            while ((piece = outgoing.next(32 * 1024)).length > 0) {
                read.write(piece);
            }
            assertEquals(100_000, outgoing.read());
            assertEquals(DownloadsTest.sha256(content), outgoing.sha256());
        }
        assertArrayEquals(content, read.toByteArray());
    }

    @Test
    void refusesWhatCannotBeSent() throws Exception {
        assertEquals("There is no file " + folder.resolve("missing") + ".",
                assertThrows(IOException.class, () -> OutgoingFile.open(folder.resolve("missing"), -1)).getMessage());
        assertEquals(folder + " is not a regular file; only files can be sent.",
                assertThrows(IOException.class, () -> OutgoingFile.open(folder, -1)).getMessage());
        Path big = Files.write(folder.resolve("big.bin"), new byte[2048]);
        assertEquals("big.bin is 2.0 KiB; files of at most 1.0 KiB can be sent here.",
                assertThrows(IOException.class, () -> OutgoingFile.open(big, 1024)).getMessage());
    }

    @Test
    void noticesAFileThatGrowsWhileSent() throws Exception {
        Path file = Files.write(folder.resolve("log.txt"), new byte[10]);
        try (OutgoingFile outgoing = OutgoingFile.open(file, -1)) {
            assertEquals(10, outgoing.next(100).length);
            Files.write(file, new byte[20]);
            assertEquals("log.txt grew while it was being sent.",
                    assertThrows(IOException.class, () -> outgoing.next(100)).getMessage());
        }
    }
}
