package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.spi.FileTransfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files between simulated peers: to everyone and to one, cancelled from either side, cut short by a departure. */
class PeerFileTest {
    @TempDir
    Path temp;

    private SimulatedNetwork network;
    private SimulatedNetwork.SimPeer alice;
    private SimulatedNetwork.SimPeer bob;
    private SimulatedNetwork.SimPeer carol;

    @BeforeEach
    void formGroup() {
        network = new SimulatedNetwork(11, 10).conditions(0, 0, 1, 20);
        PeerConfig config = PeerConfig.defaults();
        alice = network.peer("10.0.0.1", config);
        bob = network.peer("10.0.0.2", config);
        carol = network.peer("10.0.0.3", config);
        for (SimulatedNetwork.SimPeer peer : List.of(alice, bob, carol)) {
            peer.peer.receiveFilesIn(new Downloads(downloads(peer)));
        }
        alice.join("alice");
        bob.join("bob", alice);
        carol.join("carol", alice);
        assertTrue(network.runUntil(() -> Stream.of(alice, bob, carol)
                .allMatch(peer -> peer.peer.memberNames().size() == 2), 10_000), "the group did not form");
    }

    private Path downloads(SimulatedNetwork.SimPeer peer) {
        return temp.resolve("downloads-" + peer.address.getAddress().getHostAddress());
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }

    private FileTransfer awaitEnd(SimulatedNetwork.SimPeer peer, String id) {
        assertTrue(network.runUntil(() -> peer.finished().containsKey(id), 120_000), peer + " never finished " + id);
        return peer.finished().get(id);
    }

    private FileTransfer awaitIncomingEnd(SimulatedNetwork.SimPeer peer) {
        assertTrue(network.runUntil(() -> !peer.finished().isEmpty(), 120_000), peer + " never finished a file");
        return peer.finished().values().iterator().next();
    }

    @Test
    void aFileReachesEveryoneAndThenOnePerson() throws Exception {
        Path file = randomFile("photo.jpg", 300_000);

        String toAll = alice.peer.sendFile(file, null, network.now());
        assertEquals("Sent photo.jpg to 2 of 2 people in the group.", awaitEnd(alice, toAll).message());
        for (SimulatedNetwork.SimPeer recipient : List.of(bob, carol)) {
            FileTransfer received = awaitIncomingEnd(recipient);
            assertEquals(FileTransfer.State.DONE, received.state());
            assertEquals(List.of("photo.jpg", "alice", true), List.of(received.name(), received.peer(),
                    received.toRoom()));
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(received.file()));
        }

        String toBob = alice.peer.sendFile(file, "BOB", network.now());
        assertEquals("Sent photo.jpg to bob.", awaitEnd(alice, toBob).message());
        assertTrue(network.runUntil(() -> bob.finished().size() == 2, 10_000));
        assertEquals(List.of(downloads(bob).resolve("photo (1).jpg"), downloads(bob).resolve("photo.jpg")),
                list(downloads(bob)));
        assertEquals(1, carol.finished().size(), "carol got a private file");
    }

    @Test
    void aFileForTheRoomGoesToTheLobbyOnlyNeverToAPeerOutsideIt() throws Exception {
        carol.peer.join("#ops", network.now());
        carol.peer.part("#lobby", network.now());
        network.run(500);
        Path file = randomFile("notes.txt", 5_000);

        String toRoom = alice.peer.sendFile(file, null, network.now());
        assertEquals("Sent notes.txt to 1 of 1 person in the group.", awaitEnd(alice, toRoom).message());
        assertEquals(FileTransfer.State.DONE, awaitIncomingEnd(bob).state());
        network.run(1_000);
        assertEquals(List.of(), carol.transfers, "carol left the lobby");
        assertEquals("Files go to #lobby, which you left; /join it, or send the file to someone.",
                assertThrows(IOException.class, () -> carol.peer.sendFile(file, null, network.now())).getMessage());
    }

    @Test
    void whatCannotBeSentIsRefusedBeforeAnyByte() throws Exception {
        Path huge = temp.resolve("huge.iso");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(101L * 1024 * 1024);
        }
        assertEquals("huge.iso is 101.0 MiB; files of at most 100.0 MiB can be sent here.",
                assertThrows(IOException.class, () -> alice.peer.sendFile(huge, null, network.now())).getMessage());
        assertEquals("No one called 'dave' is online.", assertThrows(IOException.class,
                () -> alice.peer.sendFile(randomFile("a.txt", 10), "dave", network.now())).getMessage());
        network.run(1_000);
        assertEquals(List.of(), bob.transfers);
    }

    @Test
    void theSenderCancels() throws Exception {
        String id = alice.peer.sendFile(randomFile("big.bin", 3_000_000), "bob", network.now());
        assertTrue(network.runUntil(() -> bob.transfers.stream().anyMatch(t -> t.bytes() > 0), 10_000));

        alice.peer.cancelTransfer(id, network.now());

        FileTransfer cancelled = awaitEnd(alice, id);
        assertEquals(FileTransfer.State.CANCELLED, cancelled.state());
        assertEquals("You stopped sending big.bin.", cancelled.message());
        FileTransfer told = awaitIncomingEnd(bob);
        assertEquals(FileTransfer.State.CANCELLED, told.state());
        assertEquals("alice: The sender cancelled. Nothing was kept.", told.message());
        assertEquals(List.of(), list(downloads(bob)));
    }

    @Test
    void theRecipientCancels() throws Exception {
        String id = alice.peer.sendFile(randomFile("big.bin", 3_000_000), "bob", network.now());
        assertTrue(network.runUntil(() -> bob.transfers.stream().anyMatch(t -> t.bytes() > 0), 10_000));

        bob.peer.cancelTransfer(bob.transfers.getFirst().id(), network.now());

        assertEquals("You stopped receiving big.bin; nothing was kept.", awaitIncomingEnd(bob).message());
        FileTransfer undelivered = awaitEnd(alice, id);
        assertEquals(FileTransfer.State.FAILED, undelivered.state());
        assertEquals("big.bin was not delivered: bob stopped receiving it: The recipient cancelled.",
                undelivered.message());
        assertEquals(List.of(), list(downloads(bob)));
    }

    @Test
    void aDepartureMidTransferLeavesNoPartialFile() throws Exception {
        String toBob = alice.peer.sendFile(randomFile("big.bin", 3_000_000), "bob", network.now());
        String toCarol = carol.peer.sendFile(randomFile("other.bin", 3_000_000), "alice", network.now());
        assertTrue(network.runUntil(() -> bob.transfers.stream().anyMatch(t -> t.bytes() > 0)
                && alice.transfers.stream().anyMatch(t -> !t.outgoing() && t.bytes() > 0), 10_000));

        bob.peer.leave(network.now());
        carol.peer.leave(network.now());

        FileTransfer gone = awaitIncomingEnd(bob);
        assertEquals("You left the group before big.bin arrived; the partial file was deleted.", gone.message());
        assertEquals("big.bin was not delivered: bob left (logged out).", awaitEnd(alice, toBob).message());
        assertTrue(network.runUntil(() -> alice.finished().values().stream().anyMatch(t -> !t.outgoing()), 20_000));
        FileTransfer fromCarol = alice.finished().values().stream().filter(t -> !t.outgoing()).findFirst()
                .orElseThrow();
        assertEquals("carol left (logged out) before other.bin arrived; the partial file was deleted.",
                fromCarol.message());
        assertEquals("You left the group before other.bin was delivered.", awaitEnd(carol, toCarol).message());
        assertEquals(List.of(), list(downloads(alice)));
        assertEquals(List.of(), list(downloads(bob)));
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
