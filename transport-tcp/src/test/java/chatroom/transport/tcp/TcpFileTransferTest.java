package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.FileShared;
import chatroom.api.message.Joined;
import chatroom.api.message.Protocol;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.FileTransfer;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files through a real server between real clients, and between raw clients that misbehave on purpose. */
class TcpFileTransferTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
    private ChatServer server;
    private int port;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private void startServer(ServerConfig config) throws Exception {
        ServerTransport transport = new TcpServerTransportProvider().create(
                new ListenOptions("127.0.0.1", 0, Protocol.DEFAULT_MAX_LINE_BYTES, config.outboxBytes()));
        server = new ChatServer(config, List.of(transport), new PrintStream(serverLog, true, StandardCharsets.UTF_8));
        server.start();
        toClose.add(server);
        port = transport.port();
    }

    private void startServer() throws Exception {
        startServer(ServerConfig.defaults(temp.resolve("server")).withHashIterations(1_000));
    }

    /** A logged-in client whose downloads go to a folder of its own. */
    private ChatService client(String name, RecordingListener listener) throws Exception {
        return client(name, listener, Map.of());
    }

    /** As {@link #client(String, RecordingListener)}, with these settings too (rooms, say). */
    private ChatService client(String name, RecordingListener listener, Map<String, List<String>> settings)
            throws Exception {
        Map<String, List<String>> all = new HashMap<>(settings);
        all.put("downloads", List.of(downloads(name).toString()));
        ChatService service = new TcpChatServiceProvider().create(new ConnectOptions("127.0.0.1", port, all),
                listener);
        toClose.add(service);
        service.login(name, ("pw-" + name).toCharArray());
        return service;
    }

    private RawClient raw(String name) throws IOException {
        RawClient client = new RawClient(port, name);
        toClose.add(client);
        return client;
    }

    private Path downloads(String name) {
        return temp.resolve("downloads-" + name);
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }

    @Test
    void withRoomsAFileReachesTheRoomItIsSentToAndNoOtherRoom() throws Exception {
        startServer();
        Map<String, List<String>> rooms = Map.of(ConnectOptions.ROOMS, List.of("true"));
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        RecordingListener carol = new RecordingListener("carol");
        ChatService aliceService = client("alice", alice, rooms);
        ChatService bobService = client("bob", bob, rooms);
        ChatService carolService = client("carol", carol, rooms);
        aliceService.join("#ops");
        alice.await(Joined.class, j -> "#ops".equals(j.room()));
        bobService.join("#ops");
        alice.await(Joined.class, j -> "#ops".equals(j.room()) && j.name().equals("bob"));
        Path file = randomFile("plan.bin", 100_000);

        String id = aliceService.sendFileToRoom(file, "#ops");

        FileTransfer received = bob.await(FileTransfer.class, FileTransfer::finished, 60);
        assertEquals(List.of(FileTransfer.State.DONE, "#ops", true), List.of(received.state(), received.room(),
                received.toRoom()), received.message());
        assertEquals(sha256(file), sha256(received.file()));
        assertEquals("#ops", bob.await(FileShared.class).room());
        FileTransfer sent = alice.await(FileTransfer.class, t -> t.id().equals(id) && t.finished(), 60);
        assertEquals(List.of(FileTransfer.State.DONE, "#ops"), List.of(sent.state(), sent.room()), sent.message());
        // carol, in #lobby only, hears of it neither as a transfer nor as a shared file.
        aliceService.sayIn("#lobby", "after the file");
        carol.await(ChatMessage.class, m -> m.text().equals("after the file"));
        assertEquals(List.of(), carol.seen().stream().filter(e -> e instanceof FileTransfer || e instanceof FileShared)
                .toList());
        assertThrows(UnsupportedOperationException.class, () -> client("dave", new RecordingListener("dave"))
                .sendFileToRoom(file, "#ops"), "a session without rooms has no rooms to send to");
    }

    @Test
    void twentyMebibytesReachTheRoomAndOnePersonIntactWhileTheChatGoesOn() throws Exception {
        startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        RecordingListener carol = new RecordingListener("carol");
        ChatService aliceService = client("alice", alice);
        ChatService bobService = client("bob", bob);
        client("carol", carol);
        alice.await(Joined.class, j -> j.name().equals("carol"));
        bob.await(Joined.class, j -> j.name().equals("carol"));
        Path file = randomFile("random.bin", 20 * MIB);
        String checksum = sha256(file);

        String id = aliceService.sendFile(file, null);

        FileTransfer offered = bob.await(FileTransfer.class, t -> t.bytes() == 0);
        assertEquals(List.of("random.bin", "alice", 20L * MIB, true, false),
                List.of(offered.name(), offered.peer(), offered.size(), offered.toRoom(), offered.outgoing()));
        assertEquals(downloads("bob").resolve("random.bin"), offered.file());
        bob.await(FileTransfer.class, t -> t.bytes() > 0 && !t.finished());
        aliceService.say("still talking while it runs");
        bobService.say("me too");
        ChatMessage during = bob.await(ChatMessage.class, m -> m.text().equals("me too"), 60);
        carol.await(ChatMessage.class, m -> m.text().equals("me too"), 60);
        alice.await(ChatMessage.class, m -> m.text().equals("me too"), 60);
        assertEquals("bob", during.from());

        FileTransfer sent = alice.await(FileTransfer.class, t -> t.id().equals(id) && t.finished(), 120);
        assertEquals(FileTransfer.State.DONE, sent.state(), sent.message());
        assertEquals("Sent random.bin to 2 of 2 people in the room.", sent.message());
        for (RecordingListener recipient : List.of(bob, carol)) {
            FileTransfer received = recipient.await(FileTransfer.class, FileTransfer::finished, 120);
            assertEquals(FileTransfer.State.DONE, received.state(), received.message());
            assertTrue(received.message().endsWith(" (SHA-256 verified)."), received.message());
            assertEquals(checksum, sha256(received.file()));
            assertEquals(List.of(received.file()), list(received.file().getParent()));
            FileShared shared = recipient.await(FileShared.class);
            assertEquals(List.of("alice", "random.bin", 20L * MIB), List.of(shared.from(), shared.name(),
                    shared.size()));
            // The chat line said during the transfer came before the file was done.
            List<Object> order = recipient.seen();
            assertTrue(order.indexOf(recipient.seen().stream().filter(ChatMessage.class::isInstance).findFirst()
                    .orElseThrow()) < order.indexOf(received), "chat waited for the file: " + order.size());
        }
        alice.await(FileShared.class);

        aliceService.sendFile(file, "bob");
        FileTransfer privately = bob.await(FileTransfer.class, FileTransfer::finished, 120);
        assertEquals(FileTransfer.State.DONE, privately.state(), privately.message());
        assertEquals(downloads("bob").resolve("random (1).bin"), privately.file());
        assertEquals(checksum, sha256(privately.file()));
        assertEquals("Sent random.bin to bob.", alice.await(FileTransfer.class, FileTransfer::finished, 120)
                .message());
        assertTrue(carol.drain().stream().noneMatch(FileTransfer.class::isInstance), "carol got a private file");
        assertEquals(0, server.transfers());
    }

    @Test
    void hostileNamesArriveUnderSafeNamesInTheDownloadsFolder() throws Exception {
        startServer();
        RecordingListener bob = new RecordingListener("bob");
        client("bob", bob);
        RawClient mallory = raw("mallory");
        Map<String, String> names = Map.of(
                "../../etc/passwd", "_._etc_passwd",
                "a/b", "a_b",
                "..\\..\\boot.ini", "_._boot.ini",
                "evil\u001b[2J\u0007.txt", "evil_[2J_.txt",
                "CON", "_CON",
                "", "file",
                "..", "file (1)");
        int n = 0;
        for (Map.Entry<String, String> name : names.entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            String tid = "t" + n++;
            mallory.send(new FileOffer(tid, name.getKey(), 2, "bob"));
            mallory.await(FileAck.class, a -> a.tid().equals(tid));
            mallory.send(FileChunk.of(tid, 1, new byte[] {'h', 'i'}, 0, 2));
            String checksum = sha256("hi".getBytes(StandardCharsets.UTF_8));
            mallory.send(new FileDone(tid, checksum));
            assertEquals(new FileDone(tid, checksum, 1, 1), mallory.await(FileDone.class, d -> d.tid().equals(tid)));
            FileTransfer received = bob.await(FileTransfer.class, FileTransfer::finished);
            assertEquals(name.getKey(), received.name());
            assertEquals(downloads("bob").resolve(name.getValue()), received.file(), name.getKey());
            assertEquals("hi", Files.readString(received.file()));
        }
        assertEquals(List.of("downloads-bob", "server"), list(temp).stream().map(p -> p.getFileName().toString())
                .toList());
        assertEquals(names.size(), list(downloads("bob")).size());
    }

    @Test
    void aChecksumMismatchDeletesTheFileAndTheSenderHearsOfIt() throws Exception {
        startServer();
        RecordingListener bob = new RecordingListener("bob");
        client("bob", bob);
        RawClient mallory = raw("mallory");
        mallory.send(new FileOffer("t1", "tampered.txt", 2, "bob"));
        mallory.await(FileAck.class, a -> a.seq() == 0);
        mallory.send(FileChunk.of("t1", 1, new byte[] {'h', 'i'}, 0, 2));
        mallory.send(new FileDone("t1", sha256("ho".getBytes(StandardCharsets.UTF_8))));

        FileTransfer failed = bob.await(FileTransfer.class, FileTransfer::finished);
        assertEquals(FileTransfer.State.FAILED, failed.state());
        assertEquals("The SHA-256 checksum does not match. The partial file was deleted.", failed.message());
        assertEquals(List.of(), list(downloads("bob")));
        FileCancel told = mallory.await(FileCancel.class, c -> c.tid().equals("t1"));
        assertEquals(FileCancel.CHECKSUM_MISMATCH, told.code());
        assertEquals("tampered.txt was not delivered: bob stopped receiving it: The SHA-256 checksum does not match.",
                told.reason());
        awaitNoTransfers();
    }

    @Test
    void theHistoryRecordsASharedFileButNotItsBytes() throws Exception {
        startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client("alice", alice);
        client("bob", bob);
        String id = aliceService.sendFile(randomFile("notes.txt", 1234), null);
        alice.await(FileTransfer.class, t -> t.id().equals(id) && t.finished());
        alice.await(FileShared.class);
        server.close();

        startServer();
        RecordingListener carol = new RecordingListener("carol");
        client("carol", carol);
        FileShared replayed = carol.await(FileShared.class);
        assertEquals(List.of("alice", "notes.txt", 1234L, true), List.of(replayed.from(), replayed.name(),
                replayed.size(), replayed.history()));
        assertTrue(carol.seen().stream().noneMatch(FileTransfer.class::isInstance), "carol was sent the file");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnyByteIsSent() throws Exception {
        startServer(ServerConfig.defaults(temp.resolve("server")).withHashIterations(1_000).withMaxFileSize(MIB));
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client("alice", alice);
        client("bob", bob);
        Path big = randomFile("big.bin", 2 * MIB);

        IOException refused = assertThrows(IOException.class, () -> aliceService.sendFile(big, null));
        assertEquals("big.bin is 2.0 MiB; files of at most 1.0 MiB can be sent here.", refused.getMessage());

        RawClient mallory = raw("mallory");
        mallory.send(new FileOffer("t1", "big.bin", 2 * MIB, null));
        FileCancel cancel = mallory.await(FileCancel.class, c -> c.tid().equals("t1"));
        assertEquals(FileCancel.FILE_TOO_LARGE, cancel.code());
        assertEquals("2.0 MiB is more than the 1.0 MiB this server relays.", cancel.reason());
        aliceService.say("after");
        bob.await(ChatMessage.class, m -> m.text().equals("after"));
        assertTrue(bob.seen().stream().noneMatch(FileTransfer.class::isInstance), "bob was offered " + bob.seen());
        assertEquals(0, server.transfers());
    }

    @Test
    void theSenderOrTheRecipientCancelsAndNothingIsKept() throws Exception {
        startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client("alice", alice);
        ChatService bobService = client("bob", bob);
        RawClient stuck = raw("stuck");

        // The recipient never acknowledges, so the transfer waits for the sender's cancel.
        String id = aliceService.sendFile(randomFile("big.bin", 4 * MIB), "stuck");
        stuck.await(FileOffered.class, o -> o.name().equals("big.bin"));
        alice.await(FileTransfer.class, t -> t.id().equals(id));
        aliceService.cancelTransfer(id);
        FileTransfer cancelled = alice.await(FileTransfer.class, FileTransfer::finished);
        assertEquals(FileTransfer.State.CANCELLED, cancelled.state());
        assertEquals("You stopped sending big.bin.", cancelled.message());
        FileCancel told = stuck.await(FileCancel.class, c -> true);
        assertEquals(List.of(FileCancel.CANCELLED, "alice stopped sending big.bin."), List.of(told.code(),
                told.reason()));

        // A sender that sends one chunk and waits: the recipient cancels.
        RawClient slow = raw("slow");
        slow.send(new FileOffer("t1", "part.bin", 100, "bob"));
        slow.await(FileAck.class, a -> a.seq() == 0);
        slow.send(FileChunk.of("t1", 1, new byte[10], 0, 10));
        FileTransfer receiving = bob.await(FileTransfer.class, t -> t.bytes() == 10, 10);
        assertEquals(1, list(downloads("bob")).size(), "the part file is there while it runs");
        bobService.cancelTransfer(receiving.id());
        FileTransfer stopped = bob.await(FileTransfer.class, FileTransfer::finished);
        assertEquals(FileTransfer.State.CANCELLED, stopped.state());
        assertEquals("You stopped receiving part.bin. Nothing was kept.", stopped.message());
        FileCancel senderTold = slow.await(FileCancel.class, c -> c.tid().equals("t1"));
        assertEquals("part.bin was not delivered: bob stopped receiving it: The recipient cancelled.",
                senderTold.reason());
        assertEquals(List.of(), list(downloads("bob")));
        assertEquals(0, server.transfers());
    }

    @Test
    void aDisconnectMidTransferLeavesNoPartialFileAndNoStuckState() throws Exception {
        startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client("alice", alice);
        ChatService bobService = client("bob", bob);

        // The sender vanishes after a chunk.
        RawClient vanishing = raw("vanishing");
        vanishing.send(new FileOffer("t1", "half.bin", 100, "bob"));
        vanishing.await(FileAck.class, a -> a.seq() == 0);
        vanishing.send(FileChunk.of("t1", 1, new byte[50], 0, 50));
        bob.await(FileTransfer.class, t -> t.bytes() == 50);
        vanishing.close();
        FileTransfer lost = bob.await(FileTransfer.class, FileTransfer::finished);
        assertEquals(FileTransfer.State.FAILED, lost.state());
        assertEquals("vanishing disconnected before half.bin arrived. Nothing was kept.", lost.message());
        assertEquals(List.of(), list(downloads("bob")));

        // The recipient vanishes while a real client sends to it.
        RawClient leaving = raw("leaving");
        String id = aliceService.sendFile(randomFile("data.bin", 4 * MIB), "leaving");
        leaving.await(FileChunk.class, c -> true);
        leaving.close();
        FileTransfer undelivered = alice.await(FileTransfer.class, t -> t.id().equals(id) && t.finished());
        assertEquals(FileTransfer.State.FAILED, undelivered.state());
        assertEquals("data.bin was not delivered: leaving disconnected.", undelivered.message());

        // A real recipient's connection ends mid-transfer: its partial file goes.
        RawClient sender = raw("sender");
        sender.send(new FileOffer("t2", "never.bin", 100, "bob"));
        sender.await(FileAck.class, a -> a.seq() == 0);
        sender.send(FileChunk.of("t2", 1, new byte[50], 0, 50));
        bob.await(FileTransfer.class, t -> t.bytes() == 50);
        bobService.close();
        FileTransfer ended = bob.await(FileTransfer.class, FileTransfer::finished);
        assertEquals("The connection ended before never.bin arrived; the partial file was deleted.",
                ended.message());
        assertEquals(List.of(), list(downloads("bob")));
        FileCancel senderTold = sender.await(FileCancel.class, c -> c.tid().equals("t2"));
        assertEquals(FileCancel.DISCONNECTED, senderTold.code());

        awaitNoTransfers();
        // Nothing is stuck: the same people can send again at once.
        RecordingListener carol = new RecordingListener("carol");
        client("carol", carol);
        String again = aliceService.sendFile(randomFile("again.bin", 1000), "carol");
        assertEquals(FileTransfer.State.DONE, alice.await(FileTransfer.class,
                t -> t.id().equals(again) && t.finished()).state());
    }

    @Test
    void aRecipientThatCannotKeepUpLosesItsCopyAndTheOthersGoOn() throws Exception {
        startServer();
        RecordingListener alice = new RecordingListener("alice");
        RecordingListener bob = new RecordingListener("bob");
        ChatService aliceService = client("alice", alice);
        client("bob", bob);
        RawClient slowpoke = raw("slowpoke");
        alice.await(Joined.class, j -> j.name().equals("slowpoke"));
        Path file = randomFile("movie.bin", 4 * MIB);

        String id = aliceService.sendFile(file, null);
        slowpoke.await(FileOffered.class, o -> true);
        FileCancel dropped = slowpoke.await(FileCancel.class, c -> true);
        assertEquals(FileCancel.TOO_SLOW, dropped.code());
        FileTransfer received = bob.await(FileTransfer.class, FileTransfer::finished, 60);
        assertEquals(sha256(file), sha256(received.file()));
        assertEquals("Sent movie.bin to 1 of 2 people in the room.", alice.await(FileTransfer.class,
                t -> t.id().equals(id) && t.finished(), 60).message());
    }

    private void awaitNoTransfers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.transfers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.transfers(), serverLog::toString);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
