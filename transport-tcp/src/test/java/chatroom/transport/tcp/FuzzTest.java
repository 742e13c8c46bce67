package chatroom.transport.tcp;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.Hello;
import chatroom.api.message.Login;
import chatroom.api.message.Protocol;
import chatroom.api.message.Say;
import chatroom.api.spi.ChatService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand random and malformed inputs thrown at a running server, with the default limits, while two people
 * chat: the server stays up, the two see every one of their messages, once and in order, and its memory settles.
 */
class FuzzTest {
    static final int INPUTS = 10_000;
    private static final int FUZZERS = 6;
    private static final int MESSAGES_EACH = 100;
    private static final long SEED = 20_261_122L;

    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void tenThousandHostileInputsWhileTwoPeopleChat() throws Exception {
        RunningServer server = RunningServer.start(RunningServer.config(data));
        toClose.add(server);
        RecordingListener ann = new RecordingListener("ann");
        RecordingListener ben = new RecordingListener("ben");
        ChatService annService = server.client(ann);
        ChatService benService = server.client(ben);
        toClose.add(annService);
        toClose.add(benService);
        annService.login("normal.ann", "pw".toCharArray());
        benService.login("normal.ben", "pw".toCharArray());
        long before = settledHeap();

        AtomicInteger thrown = new AtomicInteger();
        Tally tally = new Tally();
        AtomicLong peak = new AtomicLong();
        ExecutorService fuzzers = Executors.newFixedThreadPool(FUZZERS + 2);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < FUZZERS; i++) {
            Random random = new Random(SEED + i);
            running.add(fuzzers.submit(() -> fuzz(server.port(), random, thrown, tally)));
        }
        running.add(fuzzers.submit(() -> chat(annService, "ann", peak)));
        running.add(fuzzers.submit(() -> chat(benService, "ben", peak)));
        for (Future<?> task : running) {
            task.get(5, TimeUnit.MINUTES);
        }
        fuzzers.shutdown();
        assertEquals(INPUTS, thrown.get());

        // Everyone said everything; each of the two saw all of it, once, in order.
        List<String> expected = IntStream.range(0, MESSAGES_EACH)
                .mapToObj(i -> List.of("ann " + i, "ben " + i)).flatMap(List::stream).sorted().toList();
        for (RecordingListener person : List.of(ann, ben)) {
            awaitNormal(person, 2 * MESSAGES_EACH);
            List<ChatMessage> normal = normal(person);
            assertEquals(expected, normal.stream().map(ChatMessage::text).sorted().toList(), person + " saw");
            for (int i = 1; i < normal.size(); i++) {
                assertTrue(normal.get(i).id() > normal.get(i - 1).id(), "in order, once");
            }
            assertTrue(person.everything().stream().noneMatch(RecordingListener.Reconnecting.class::isInstance),
                    "the chat was never interrupted");
        }

        // The server is up, with only the two of them left, and serves a newcomer.
        awaitConnections(server, 2);
        RecordingListener cat = new RecordingListener("cat");
        ChatService catService = server.client(cat);
        toClose.add(catService);
        catService.login("normal.cat", "pw".toCharArray());
        catService.say("the server is fine");
        ann.await(ChatMessage.class, m -> m.text().equals("the server is fine"));

        long after = settledHeap();
        System.out.printf("fuzz: %d inputs; heap after GC: %d MiB before, %d MiB peak while chatting, %d MiB after%n",
                thrown.get(), before >> 20, peak.get() >> 20, after >> 20);
        System.out.printf("fuzz: %d inputs answered to the end, %d connections refused, %d dropped by the server%n",
                tally.answered().get(), tally.refused().get(), tally.dropped().get());
        String log = server.log();
        System.out.printf("fuzz: server log: %d connections, %d logins, %d disconnected for flooding, %d too slow,"
                + " %d refused%n", count(log, " connect "), count(log, " login "), count(log, "for flooding"),
                count(log, "too slow"), count(log, " refused "));
        assertTrue(after < before + (64L << 20), "memory settles: " + (before >> 20) + " MiB before, "
                + (after >> 20) + " MiB after");
    }

    private static long count(String log, String what) {
        return log.lines().filter(line -> line.contains(what)).count();
    }

    private static void chat(ChatService service, String who, AtomicLong peak) {
        for (int i = 0; i < MESSAGES_EACH; i++) {
            service.say(who + " " + i);
            peak.accumulateAndGet(usedHeap(), Math::max);
            pause(70); // a fast typist: under the default rate of 20 a second
        }
    }

    private static List<ChatMessage> normal(RecordingListener person) {
        return person.everything().stream().filter(ChatMessage.class::isInstance).map(ChatMessage.class::cast)
                .filter(m -> m.from().startsWith("normal.")).filter(m -> !m.history()).toList();
    }

    private static void awaitNormal(RecordingListener person, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (normal(person).size() < count && System.nanoTime() < deadline) {
            pause(50);
        }
    }

    private static void awaitConnections(RunningServer server, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.server().control().status().connections() > count && System.nanoTime() < deadline) {
            pause(50);
        }
        assertEquals(count, server.server().control().status().connections(), "connections left open");
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            pause(100);
        }
        return usedHeap();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the fuzzers saw: inputs the server answered to the end, and connections it refused or dropped. */
    record Tally(AtomicInteger answered, AtomicInteger refused, AtomicInteger dropped) {
        Tally() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        }
    }

    /**
     * One fuzzer: connection after connection, each with a few hostile inputs, until all inputs are thrown. Most
     * connections end with a ping and wait for the pong (or for the server to hang up), so that the server has read
     * every input before the next connection comes; a tenth just hang up without reading anything.
     */
    private static void fuzz(int port, Random random, AtomicInteger thrown, Tally tally) {
        while (thrown.get() < INPUTS) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(30_000);
                boolean reads = random.nextInt(10) > 0;
                OutputStream out = socket.getOutputStream();
                if (random.nextBoolean()) {
                    out.write(line(MessageCodec.toJson(new Hello(Protocol.VERSION, "fuzz"))));
                    if (random.nextBoolean()) {
                        out.write(line(MessageCodec.toJson(new Login("fz" + random.nextInt(1_000_000), "pw"))));
                    }
                }
                int inputs = 0;
                for (int wanted = 1 + random.nextInt(20); inputs < wanted; inputs++) {
                    if (thrown.incrementAndGet() > INPUTS) {
                        thrown.decrementAndGet();
                        break;
                    }
                    out.write(HostileInput.next(random));
                }
                if (reads) {
                    out.write(line("{\"type\":\"ping\"}"));
                    out.flush();
                    switch (answersUntilPong(socket, out)) {
                        case PONG -> tally.answered().addAndGet(inputs);
                        case REFUSED -> tally.refused().incrementAndGet();
                        case CLOSED -> tally.dropped().incrementAndGet();
                    }
                }
                switch (random.nextInt(4)) {
                    case 0 -> out.write("{\"type\":\"say\",\"text\":\"half a li".getBytes(StandardCharsets.UTF_8));
                    case 1 -> socket.setSoLinger(true, 0); // a reset instead of a goodbye
                    default -> {
                    }
                }
                out.flush();
            } catch (IOException e) {
                // The server hung up on a hostile client: as it should; the next connection goes on.
                tally.dropped().incrementAndGet();
            }
        }
    }

    enum Ending { PONG, REFUSED, CLOSED }

    /**
     * Reads the server's answers up to the pong. The byte rate may have dropped the ping (the server then said "slow
     * down"): it is sent again once the rate allows, a few times at most.
     */
    private static Ending answersUntilPong(Socket socket, OutputStream out) throws IOException {
        socket.setSoTimeout(1500);
        BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        boolean first = true;
        for (int pings = 1; pings <= 10; ) {
            String line;
            try {
                line = lines.readLine();
            } catch (SocketTimeoutException e) {
                out.write(line("{\"type\":\"ping\"}"));
                out.flush();
                pings++;
                continue;
            }
            if (line == null) {
                return Ending.CLOSED;
            }
            if (first && line.startsWith("{\"type\":\"bye\",\"code\":\"overloaded\",\"reason\":\"Too many")) {
                return Ending.REFUSED;
            }
            first = false;
            if (line.equals("{\"type\":\"pong\"}")) {
                return Ending.PONG;
            }
        }
        return Ending.CLOSED;
    }

    private static byte[] line(String json) {
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What a hostile or broken client sends: one input, newline included unless it is a half line. */
    static final class HostileInput {
        private static final String[] BROKEN = {"{", "}", "[", "]", "{\"type\":", "{\"type\":\"say\"", "null",
            "\"say\"",
            "{\"type\":\"say\",\"text\":\"unterminated}", "{'type':'ping'}", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
            "{\"type\":\"say\",\"text\":\"\\uD800\"}", "{\"type\":\"say\",\"text\":\"\\x41\"}", ",,,", "{\"\":}",
            "{\"type\":\"ping\",}", "\uFEFF{\"type\":\"ping\"}", "{\"type\":\"hello\",\"protocol\":NaN}"};
        private static final String[] WRONG_TYPES = {"{\"type\":\"say\",\"text\":5}",
            "{\"type\":\"say\",\"text\":[\"a\"]}", "{\"type\":\"login\",\"name\":[],\"password\":{}}",
            "{\"type\":\"hello\",\"protocol\":\"1\"}", "{\"type\":5}", "{\"type\":null}", "{\"type\":[\"say\"]}",
            "{\"type\":\"tell\",\"to\":true,\"text\":false}", "{\"type\":\"history\",\"before\":\"yesterday\"}",
            "{\"type\":\"login\",\"name\":\"x\",\"guest\":\"yes\"}", "{\"type\":\"say\",\"text\":\"hi\",\"cid\":7}",
            "{\"type\":\"login\",\"name\":\"fz\",\"resume\":123,\"since\":\"0\"}", "{\"type\":\"nick\"}",
            "{\"type\":\"no_such_type\"}", "{\"type\":\"logout\",\"extra\":{\"a\":[1,2,{}]}}"};
        private static final String[] HUGE_NUMBERS = {"1e999999", "-1e999999", "99999999999999999999999999",
            "1e-999999", "123456789012345678901234567890.5", "-0", "9223372036854775808", "0." + "0".repeat(500) + "1",
            "1" + "0".repeat(63), "1" + "0".repeat(5000)};

        static byte[] next(Random random) {
            return switch (random.nextInt(11)) {
                case 0 -> randomBytes(random);
                case 1 -> text(BROKEN[random.nextInt(BROKEN.length)]);
                case 2 -> text(WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]);
                case 3 -> text("{\"type\":\"history\",\"before\":" + HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]
                        + ",\"limit\":" + HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)] + "}");
                case 4 -> deepNesting(random);
                case 5 -> invalidUtf8(random);
                case 6 -> withNul(random);
                case 7 -> oversized(random);
                case 8 -> text(MessageCodec.toJson(new Say(randomText(random, 1 + random.nextInt(300)),
                        random.nextBoolean() ? null : "fz-" + random.nextInt(50))));
                case 9 -> text("{\"type\":\"" + randomText(random, random.nextInt(40)).replace("\"", "")
                        .replace("\\", "") + "\"}");
                default -> text(validButOdd(random));
            };
        }

        private static byte[] randomBytes(Random random) {
            byte[] bytes = new byte[random.nextInt(300) + 1];
            random.nextBytes(bytes);
            bytes[bytes.length - 1] = '\n';
            return bytes;
        }

        private static byte[] deepNesting(Random random) {
            int depth = 20 + random.nextInt(20_000);
            return random.nextBoolean()
                    ? text("[".repeat(depth))
                    : text("{\"type\":\"say\",\"text\":\"x\",\"deep\":" + "{\"a\":".repeat(depth) + "1"
                            + "}".repeat(depth) + "}");
        }

        private static byte[] invalidUtf8(Random random) {
            byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}};
            byte[] prefix = "{\"type\":\"say\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] middle = bad[random.nextInt(bad.length)];
            byte[] suffix = "\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[prefix.length + middle.length + suffix.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(middle, 0, all, prefix.length, middle.length);
            System.arraycopy(suffix, 0, all, prefix.length + middle.length, suffix.length);
            return all;
        }

        private static byte[] withNul(Random random) {
            return random.nextBoolean()
                    ? text("{\"type\":\"say\",\"text\":\"a\u0000b\"}")
                    : text("{\"type\":\"say\",\"text\":\"a\\u0000b\\u001b[2J\",\"cid\":\"\\u0000\"}");
        }

        private static byte[] oversized(Random random) {
            // Mostly a little over the limit; rarely a lot (each costs a megabyte of traffic).
            int size = random.nextInt(20) == 0 ? 1024 * 1024 : Protocol.DEFAULT_MAX_LINE_BYTES + random.nextInt(100);
            return text("{\"type\":\"say\",\"text\":\"" + "o".repeat(size) + "\"}");
        }

        private static String validButOdd(Random random) {
            return switch (random.nextInt(6)) {
                case 0 -> MessageCodec.toJson(new Login("fz" + random.nextInt(1000), "pw"));
                case 1 -> "{\"type\":\"tell\",\"to\":\"normal.ann\",\"text\":\"" + randomText(random, 20) + "\"}";
                case 2 -> "{\"type\":\"nick\",\"name\":\"" + randomText(random, 1 + random.nextInt(40)) + "\"}";
                case 3 -> "{\"type\":\"history\",\"before\":" + random.nextLong() + ",\"limit\":" + random.nextInt()
                        + "}";
                case 4 -> "{\"type\":\"who\"}";
                default -> MessageCodec.toJson(Login.resuming("normal.ann", randomText(random, 22), 0));
            };
        }

        /** Any characters at all, control characters and astral planes included, JSON-escaped. */
        private static String randomText(Random random, int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int c = random.nextInt(10) == 0 ? 0x10000 + random.nextInt(0x10000) : random.nextInt(0x3000);
                if (Character.isSurrogate((char) c)) {
                    c = 'S';
                }
                text.appendCodePoint(c);
            }
            return MessageCodec.toJson(new Say(text.toString())).replaceFirst("^\\{\"type\":\"say\",\"text\":\"", "")
                    .replaceFirst("\"}$", "");
        }

        private static byte[] text(String line) {
            return (line + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
