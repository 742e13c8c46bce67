package chatroom.bench;

import chatroom.api.codec.MessageCodec;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.Login;
import chatroom.api.message.Protocol;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Light protocol clients: many connections served by a few selector threads that log in as guests, send paced or
 * as fast as the server takes, and scan what arrives for chat lines without decoding whole JSON objects, so the
 * measuring side costs far less than the server it measures. Each chat text starts with its send time
 * ({@code System.nanoTime}, comparable across threads and processes on one machine). With a {@link RoomPlan} they
 * speak protocol 2 and, once logged in, join their rooms one round trip after another; a client counts as logged
 * in when it is in all of them.
 */
final class LoadClients implements AutoCloseable {
    private static final byte[] MESSAGE_PREFIX = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIVATE_PREFIX = "{\"type\":\"private\"".getBytes(StandardCharsets.US_ASCII);
    /** The password of every account of a run with pairs (the server lowers hashing for them, see LocalServer). */
    static final String PAIRS_PASSWORD = "bench-pairs";
    private static final byte[] LOGGED_IN_PREFIX = "{\"type\":\"logged_in\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_PREFIX = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE_PREFIX = "{\"type\":\"bye\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_MARK = "\"text\":\"b".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOM_PREFIX = "{\"type\":\"room\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLAYED = ",\"history\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPACE = {' '};
    private static final byte[] IRC_PRIVMSG = "PRIVMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IRC_TEXT_MARK = " :b".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IRC_JOIN = "JOIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IRC_WELCOME = "001 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IRC_NAMES_END = "366 ".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 64;
    private static final long PACED_PUMP_NANOS = 200_000;

    /**
     * What the clients do. {@code rate} is total messages a second over all senders; 0 means as fast as possible.
     * {@code rooms} is null for protocol 1 in the one room. With {@code pairs}, the clients are accounts speaking
     * protocol 2 and each sender writes privately to its partner, the client half the clients further on: each
     * message is delivered twice, to the partner and as the sender's copy. With several {@code servers} (the nodes
     * of a cluster), client {@code i} connects to server {@code i} modulo their number.
     */
    record Plan(List<InetSocketAddress> servers, int clients, int senders, long messagesPerSender, int rate, int size,
                String namePrefix, RoomPlan rooms, boolean pairs, boolean irc) {

        Plan(InetSocketAddress server, int clients, int senders, long messagesPerSender, int rate, int size,
             String namePrefix, RoomPlan rooms) {
            this(List.of(server), clients, senders, messagesPerSender, rate, size, namePrefix, rooms, false, false);
        }

        /** The server client {@code index} connects to. */
        InetSocketAddress serverFor(int index) {
            return servers.get(index % servers.size());
        }

        long expectedDeliveries() {
            if (pairs) {
                return 2 * messagesPerSender * senders;
            }
            return rooms == null ? messagesPerSender * senders * clients
                    : rooms.expectedDeliveries(clients, senders, messagesPerSender);
        }

        /** The partner a client writes to, with pairs. */
        int partner(int client) {
            return (client + clients / 2) % clients;
        }
    }

    private final Plan plan;
    private final byte[][] joinLines;
    /** What an IRC JOIN of one of this run's rooms contains: their names' common start. */
    private final byte[] roomMark;
    private final String[] sayPrefixes;
    private final IoLoop[] loops;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicLong loggedIn = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private volatile String firstError;
    private volatile long sendStartNanos;
    private volatile boolean sending;

    LoadClients(Plan plan, int threads) throws IOException {
        this.plan = plan;
        int roomCount = plan.rooms() == null ? 0 : plan.rooms().rooms();
        this.joinLines = new byte[roomCount][];
        this.sayPrefixes = new String[Math.max(1, roomCount)];
        this.roomMark = (" #" + plan.namePrefix()).getBytes(StandardCharsets.UTF_8);
        sayPrefixes[0] = plan.irc() ? "PRIVMSG #lobby :" : "{\"type\":\"say\",\"text\":\"";
        for (int room = 0; room < roomCount; room++) {
            String name = plan.rooms().name(room);
            joinLines[room] = (plan.irc() ? "JOIN " + name + "\r\n" : MessageCodec.toJson(new JoinRoom(name)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            sayPrefixes[room] = plan.irc() ? "PRIVMSG " + name + " :"
                    : "{\"type\":\"say\",\"room\":\"" + name + "\",\"text\":\"";
        }
        this.loops = new IoLoop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new IoLoop(i);
            loops[i].thread.start();
        }
    }

    /** Opens one more connection; it logs in by itself. */
    void connectNext() throws IOException {
        int index = clients.size();
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Client client = new Client(index, channel, index < plan.senders());
        clients.add(client);
        channel.connect(plan.serverFor(index));
        IoLoop loop = loops[index % loops.length];
        loop.pending.add(client);
        loop.selector.wakeup();
    }

    int opened() {
        return clients.size();
    }

    long loggedIn() {
        return loggedIn.get();
    }

    long delivered() {
        long sum = 0;
        for (IoLoop loop : loops) {
            sum += loop.delivered;
        }
        return sum;
    }

    long sent() {
        return sent.get();
    }

    long errors() {
        return errors.get();
    }

    long closedByServer() {
        return closedByServer.get();
    }

    String firstError() {
        return firstError;
    }

    void startSending() {
        sendStartNanos = System.nanoTime();
        sending = true;
        for (IoLoop loop : loops) {
            loop.selector.wakeup();
        }
    }

    long sendStartNanos() {
        return sendStartNanos;
    }

    /** Every latency measured, merged. Stops the selector threads: call once the run is over. */
    LatencyHistogram latencies() {
        return merged(loop -> loop.histogram);
    }

    /** The round trips of the clients' joins, from sending {@code join} to its {@code room} answer, merged. */
    LatencyHistogram joinRoundTrips() {
        return merged(loop -> loop.joins);
    }

    private LatencyHistogram merged(Function<IoLoop, LatencyHistogram> histogram) {
        stopLoops();
        LatencyHistogram all = new LatencyHistogram();
        for (IoLoop loop : loops) {
            all.add(histogram.apply(loop));
        }
        return all;
    }

    /** The selector threads, whose CPU time belongs to the bench, not the server. */
    List<Thread> threads() {
        List<Thread> threads = new ArrayList<>();
        for (IoLoop loop : loops) {
            threads.add(loop.thread);
        }
        return threads;
    }

    private void stopLoops() {
        for (IoLoop loop : loops) {
            loop.running = false;
            loop.selector.wakeup();
        }
        for (IoLoop loop : loops) {
            try {
                loop.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopLoops();
        for (Client client : clients) {
            try {
                client.channel.close();
            } catch (IOException e) {
                // Closing at the end of a run; nothing to report.
            }
        }
    }

    private final class Client {
        final int index;
        final SocketChannel channel;
        final boolean sender;
        final long quota;
        byte[] carry = new byte[0];
        int carryLength;
        ByteBuffer pendingOut;
        long messagesSent;
        boolean loggedIn;
        int roomsJoined;
        /** IRC: the channels whose names have all come (366), the last part of a registration or a JOIN. */
        int namesEnded;
        long joinSentNanos;
        /** How this client's own IRC lines start ({@code :nick!}), to tell its joins from others'. */
        final byte[] ircSource;
        SelectionKey key;

        Client(int index, SocketChannel channel, boolean sender) {
            this.index = index;
            this.channel = channel;
            this.sender = sender;
            this.quota = sender ? plan.messagesPerSender() : 0;
            this.ircSource = (":" + plan.namePrefix() + index + "!").getBytes(StandardCharsets.UTF_8);
        }
    }

    private final class IoLoop {
        final Thread thread;
        final Selector selector;
        final Queue<Client> pending = new ConcurrentLinkedQueue<>();
        final List<Client> senders = new ArrayList<>();
        final LatencyHistogram histogram = new LatencyHistogram();
        final LatencyHistogram joins = new LatencyHistogram();
        final byte[] scratch = new byte[256 * 1024];
        final ByteBuffer readBuffer = ByteBuffer.wrap(scratch);
        volatile boolean running = true;
        private long lastPumpNanos;
        /** Written by this loop only, once per read, so that counting costs no shared cache line per message. */
        volatile long delivered;
        private long deliveredHere;

        IoLoop(int number) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().name("bench-io-" + number).daemon().unstarted(this::run);
        }

        private void run() {
            try {
                while (running) {
                    selector.select(sending && !senders.isEmpty() ? 1 : 50);
                    Client added;
                    while ((added = pending.poll()) != null) {
                        added.key = added.channel.register(selector, SelectionKey.OP_CONNECT, added);
                        if (added.sender) {
                            senders.add(added);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                    long now = System.nanoTime();
                    // Paced senders are looked at every 200 µs, not after every read: with a thousand of them, a
                    // look after each of 100,000 reads a second would cost the measuring side more than the server.
                    if (sending && (plan.rate() == 0 || now - lastPumpNanos >= PACED_PUMP_NANOS)) {
                        lastPumpNanos = now;
                        for (Client sender : senders) {
                            pump(sender, now);
                        }
                    }
                }
            } catch (IOException e) {
                firstError = "bench I/O: " + e.getMessage();
            }
        }

        private void handle(SelectionKey key) {
            Client client = (Client) key.attachment();
            try {
                if (!key.isValid()) {
                    return;
                }
                if (key.isConnectable()) {
                    client.channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    int protocol = plan.rooms() == null && !plan.pairs() ? Protocol.VERSION : Protocol.ROOMS_VERSION;
                    String name = plan.namePrefix() + client.index;
                    write(client, ByteBuffer.wrap(plan.irc() ? Handshake.ircLines(name, plan.pairs()
                            ? PAIRS_PASSWORD : null) : Handshake.lines(protocol, plan.pairs()
                            ? new Login(name, PAIRS_PASSWORD) : Login.asGuest(name))));
                }
                if (key.isValid() && key.isReadable()) {
                    read(client);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(client);
                }
            } catch (IOException e) {
                key.cancel();
                closedByServer.incrementAndGet();
                noteError("connection " + client.index + ": " + e.getMessage());
            }
        }

        private void read(Client client) throws IOException {
            while (true) {
                readBuffer.clear();
                int n = client.channel.read(readBuffer);
                if (n < 0) {
                    client.key.cancel();
                    closedByServer.incrementAndGet();
                    noteError("connection " + client.index + " closed by the server" + (client.loggedIn ? ""
                            : " before it was in all its rooms (" + client.roomsJoined + " joined)"));
                    return;
                }
                if (n == 0) {
                    return;
                }
                lines(client, n);
                delivered = deliveredHere;
                if (n < scratch.length) {
                    return; // the socket is drained: asking again would cost a system call that reads nothing
                }
            }
        }

        private void lines(Client client, int length) throws IOException {
            long now = System.nanoTime();
            int start = 0;
            for (int i = nextNewline(scratch, 0, length); i >= 0; i = nextNewline(scratch, i + 1, length)) {
                if (client.carryLength > 0) {
                    append(client, scratch, start, i - start);
                    line(client, client.carry, 0, client.carryLength, now);
                    client.carryLength = 0;
                } else {
                    line(client, scratch, start, i - start, now);
                }
                start = i + 1;
            }
            if (start < length) {
                append(client, scratch, start, length - start);
            }
        }

        private void append(Client client, byte[] bytes, int from, int count) {
            if (client.carryLength + count > client.carry.length) {
                client.carry = java.util.Arrays.copyOf(client.carry, Math.max(256, (client.carryLength + count) * 2));
            }
            System.arraycopy(bytes, from, client.carry, client.carryLength, count);
            client.carryLength += count;
        }

        private void line(Client client, byte[] bytes, int from, int length, long now) throws IOException {
            if (plan.irc()) {
                ircLine(client, bytes, from, length, now);
                return;
            }
            if (startsWith(bytes, from, length, MESSAGE_PREFIX) || plan.pairs()
                    && startsWith(bytes, from, length, PRIVATE_PREFIX)) {
                int mark = indexOf(bytes, from + MESSAGE_PREFIX.length, from + length, TEXT_MARK);
                if (mark < 0) {
                    return;
                }
                long sentAt = 0;
                int i = mark + TEXT_MARK.length;
                for (; i < from + length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                    sentAt = sentAt * 10 + (bytes[i] - '0');
                }
                int textEnd = i;
                while (textEnd < from + length && bytes[textEnd] != '"') {
                    textEnd++;
                }
                if (startsWith(bytes, textEnd + 1, from + length - textEnd - 1, REPLAYED)) {
                    return; // replayed history, not this run's traffic
                }
                deliveredHere++;
                histogram.record((now - sentAt) / 1_000);
            } else if (startsWith(bytes, from, length, ROOM_PREFIX) && plan.rooms() != null) {
                joins.record((now - client.joinSentNanos) / 1_000);
                client.roomsJoined++;
                joinNext(client, now);
            } else if (startsWith(bytes, from, length, LOGGED_IN_PREFIX)) {
                if (plan.rooms() == null || plan.pairs()) {
                    client.loggedIn = true;
                    loggedIn.incrementAndGet();
                } else {
                    joinNext(client, now);
                }
            } else if (startsWith(bytes, from, length, ERROR_PREFIX) || startsWith(bytes, from, length, BYE_PREFIX)) {
                errors.incrementAndGet();
                noteError(new String(bytes, from, Math.min(length, 300), StandardCharsets.UTF_8));
            }
        }

        /**
         * An IRC line: a PRIVMSG whose text starts with a send time is a delivery (with echo-message, the sender's
         * own too, as in our protocol); 001 ends the registration; a JOIN of one of the run's rooms answers a join;
         * 366 ends a channel's names.
         * Tagged lines are history replays, not this run's traffic.
         */
        private void ircLine(Client client, byte[] bytes, int from, int length, long now) throws IOException {
            if (length == 0 || bytes[from] == '@') {
                return;
            }
            int space = indexOf(bytes, from, from + length, SPACE);
            if (space < 0) {
                return;
            }
            int command = space + 1;
            int rest = from + length - command;
            if (startsWith(bytes, command, rest, IRC_PRIVMSG)) {
                int mark = indexOf(bytes, command, from + length, IRC_TEXT_MARK);
                if (mark < 0) {
                    return;
                }
                long sentAt = 0;
                for (int i = mark + IRC_TEXT_MARK.length; i < from + length && bytes[i] >= '0' && bytes[i] <= '9';
                        i++) {
                    sentAt = sentAt * 10 + (bytes[i] - '0');
                }
                deliveredHere++;
                histogram.record((now - sentAt) / 1_000);
            } else if (startsWith(bytes, command, rest, IRC_JOIN) && plan.rooms() != null
                    && startsWith(bytes, from, length, client.ircSource)
                    && indexOf(bytes, command, from + length, roomMark) >= 0 && client.joinSentNanos > 0) {
                joins.record((now - client.joinSentNanos) / 1_000);
                client.joinSentNanos = 0;
                client.roomsJoined++;
                joinNext(client, now);
            } else if (startsWith(bytes, command, rest, IRC_NAMES_END)) {
                client.namesEnded++;
                readyWhenNamed(client);
            } else if (startsWith(bytes, command, rest, IRC_WELCOME) && plan.rooms() != null && !plan.pairs()) {
                joinNext(client, now);
            } else if (bytes[from] == 'E' || rest > 0 && (bytes[command] == '4' || bytes[command] == '5')) {
                errors.incrementAndGet();
                noteError(new String(bytes, from, Math.min(length, 300), StandardCharsets.UTF_8));
            }
        }

        /**
         * An IRC client is ready, as its user sees it, when the names of every channel it is in have come: the
         * default room's after registration, then each room's after its JOIN. Counting it ready earlier would start
         * sending while the server still lists names to it, and measure the registrations rather than the traffic.
         */
        private void readyWhenNamed(Client client) {
            int rooms = plan.rooms() == null || plan.pairs() ? 0 : plan.rooms().roomsPerClient();
            if (!client.loggedIn && client.roomsJoined == rooms && client.namesEnded >= 1 + rooms) {
                client.loggedIn = true;
                loggedIn.incrementAndGet();
            }
        }

        /** The client's next join, or, once it is in all its rooms, marks it logged in. */
        private void joinNext(Client client, long now) throws IOException {
            if (client.roomsJoined == plan.rooms().roomsPerClient()) {
                if (plan.irc()) {
                    readyWhenNamed(client);
                    return;
                }
                client.loggedIn = true;
                loggedIn.incrementAndGet();
                return;
            }
            client.joinSentNanos = now;
            write(client, ByteBuffer.wrap(joinLines[plan.rooms().room(client.index, client.roomsJoined)]));
        }

        private void pump(Client client, long now) {
            try {
                for (int round = 0; round < 16; round++) {
                    if (client.pendingOut != null || !client.loggedIn || client.messagesSent >= client.quota) {
                        return;
                    }
                    long due = client.quota - client.messagesSent;
                    if (plan.rate() > 0) {
                        long elapsed = now - sendStartNanos;
                        long allowed = allowedBy(elapsed, plan.rate(), plan.senders(), client.index);
                        due = Math.min(due, allowed - client.messagesSent);
                    }
                    if (due <= 0) {
                        return;
                    }
                    int count = (int) Math.min(due, BATCH);
                    write(client, batch(client, count));
                    client.messagesSent += count;
                    sent.addAndGet(count);
                }
            } catch (IOException e) {
                noteError("send on " + client.index + ": " + e.getMessage());
                client.key.cancel();
            }
        }

        private ByteBuffer batch(Client client, int count) {
            StringBuilder lines = new StringBuilder(count * (plan.size() + 80));
            for (int i = 0; i < count; i++) {
                if (plan.pairs() && plan.irc()) {
                    lines.append("PRIVMSG ").append(plan.namePrefix()).append(plan.partner(client.index))
                            .append(" :");
                } else if (plan.pairs()) {
                    lines.append("{\"type\":\"tell\",\"to\":\"").append(plan.namePrefix())
                            .append(plan.partner(client.index)).append("\",\"text\":\"");
                } else {
                    int room = plan.rooms() == null ? 0
                            : plan.rooms().roomOfMessage(client.index, client.messagesSent + i);
                    lines.append(sayPrefixes[room]);
                }
                int textStart = lines.length();
                lines.append('b').append(System.nanoTime()).append(':');
                for (int pad = lines.length() - textStart; pad < plan.size(); pad++) {
                    lines.append('x');
                }
                lines.append(plan.irc() ? "\r\n" : "\"}\n");
            }
            return ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        }

        private void write(Client client, ByteBuffer data) throws IOException {
            client.channel.write(data);
            if (data.hasRemaining()) {
                client.pendingOut = data;
                client.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        private void flush(Client client) throws IOException {
            ByteBuffer out = client.pendingOut;
            if (out == null) {
                client.key.interestOps(SelectionKey.OP_READ);
                return;
            }
            client.channel.write(out);
            if (!out.hasRemaining()) {
                client.pendingOut = null;
                client.key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    /**
     * How many messages sender {@code index} of {@code senders} may have sent {@code elapsedNanos} into a run at
     * {@code rate} messages a second in all. Each sender is shifted by {@code index/senders} of its period, so that
     * together they send evenly spaced messages rather than all at once every period: in phase, 10 senders at 1,000
     * msgs/s would be bursts of 10 every 10 ms, and the run would measure bursts instead of a steady rate.
     */
    static long allowedBy(long elapsedNanos, int rate, int senders, int index) {
        double periods = elapsedNanos / 1e9 * rate / senders - (double) index / senders;
        return periods < 0 ? 0 : (long) periods + 1;
    }

    private void noteError(String error) {
        if (firstError == null) {
            firstError = error;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The next '\n' at or after {@code from}, eight bytes at a time; -1 when there is none before {@code to}. */
    static int nextNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int from, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
