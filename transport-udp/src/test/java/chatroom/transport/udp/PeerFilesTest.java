package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a receiving peer does with offers from a member it cannot trust. */
class PeerFilesTest {
    @TempDir
    Path downloads;

    private final List<String> told = new ArrayList<>();
    private final List<FileTransfer> transfers = new ArrayList<>();
    private final PeerFiles files = new PeerFiles(new PeerFiles.Courier() {
        @Override
        public void tell(Member member, GroupMessage message, long now) {
            told.add(member.name + " " + message);
        }

        @Override
        public void transfer(FileTransfer transfer) {
            transfers.add(transfer);
        }
    }, 1000, 1024);
    private Member mallory;

    @BeforeEach
    void setUp() {
        PeerConfig config = PeerConfig.defaults();
        mallory = new Member(7, "mallory", new InetSocketAddress("10.0.0.9", 7000), 0, 0,
                new Link(new Route(1, 7, 1, 2), config, new DropCounters(), 0, true));
        files.receiveIn(new Downloads(downloads));
    }

    private FileTransfer last() {
        return transfers.getLast();
    }

    @Test
    void hostileNamesAreSavedSafely() throws Exception {
        String[][] names = {{"../../etc/passwd", "_._etc_passwd"}, {"a/b", "a_b"}, {"x\u001b[2J\u0007.txt",
                "x_[2J_.txt"}, {"CON", "_CON"}, {"", "file"}};
        long number = 1;
        for (String[] name : names) {
            files.handle(mallory, new GroupMessage.FileOffer(0, number, 2, false, name[0]), 0);
            files.handle(mallory, new GroupMessage.FileChunk(number, "hi".getBytes(StandardCharsets.UTF_8)), 0);
            files.handle(mallory, new GroupMessage.FileDone(number, sha256("hi")), 0);
            assertEquals(FileTransfer.State.DONE, last().state(), last().message());
            assertEquals(downloads.resolve(name[1]), last().file());
            assertEquals("mallory FileReceived[file=" + number + "]", told.getLast());
            number++;
        }
        assertEquals(names.length, list().size());
    }

    @Test
    void anOfferOverTheLimitIsDeclined() {
        files.handle(mallory, new GroupMessage.FileOffer(0, 1, 1001, true, "big.bin"), 0);
        assertEquals(List.of("mallory FileCancel[file=1, reason=It is larger than the 1000 B peers take.]"), told);
        assertEquals(FileTransfer.State.FAILED, last().state());
        assertEquals("Declined: It is larger than the 1000 B peers take.", last().message());
        files.handle(mallory, new GroupMessage.FileChunk(1, new byte[10]), 0);
        assertEquals(List.of(), list());
    }

    @Test
    void aChecksumMismatchDeletesTheFileAndSaysSo() throws Exception {
        files.handle(mallory, new GroupMessage.FileOffer(0, 1, 2, false, "notes.txt"), 0);
        files.handle(mallory, new GroupMessage.FileChunk(1, "hi".getBytes(StandardCharsets.UTF_8)), 0);
        files.handle(mallory, new GroupMessage.FileDone(1, sha256("ho")), 0);

        assertEquals(FileTransfer.State.FAILED, last().state());
        assertEquals("The SHA-256 checksum does not match. The partial file was deleted.", last().message());
        assertEquals("mallory FileCancel[file=1, reason=The SHA-256 checksum does not match.]", told.getLast());
        assertEquals(List.of(), list());
    }

    @Test
    void moreBytesThanOfferedEndTheTransfer() {
        files.handle(mallory, new GroupMessage.FileOffer(0, 1, 2, false, "notes.txt"), 0);
        files.handle(mallory, new GroupMessage.FileChunk(1, new byte[3]), 0);

        assertEquals(FileTransfer.State.FAILED, last().state());
        assertEquals("Could not save it: More bytes came than the 2 announced. The partial file was deleted.",
                last().message());
        assertEquals(List.of(), list());
    }

    private List<Path> list() {
        try (Stream<Path> all = Files.list(downloads)) {
            return all.toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
