package chatroom.transport.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A peer's UDP socket: seals and opens datagrams, answers salt requests, and runs the thread that receives
 * datagrams and lets the {@link Peer} tick. Every call into the peer holds {@code lock}, and is followed by
 * {@code lock.notifyAll()} so that a waiting login or logout sees the change.
 */
final class Endpoint {
    /** What a newcomer learned by asking for the group's salt. */
    record SaltAnswer(InetSocketAddress from, Optional<byte[]> salt) {
    }

    private final DatagramSocket socket;
    private final Object lock;
    private final Peer peer;
    private final PeerConfig config;
    private final DropCounters drops;
    private final boolean encrypted;
    private final LongSupplier clock;
    private final Consumer<Exception> onFailure;
    private final Thread thread;
    private volatile GroupKey key;
    private volatile boolean closed;
    // Guarded by lock
    private boolean wantSalt;
    private SaltAnswer saltAnswer;
    private InetSocketAddress encryptedGroupAt;

    /**
     * @param encrypted whether the group uses a secret; the key comes later, through {@link #useKey}
     * @param onFailure told once when the socket fails; called on the receiving thread
     */
    Endpoint(DatagramSocket socket, Object lock, Peer peer, PeerConfig config, DropCounters drops, boolean encrypted,
             LongSupplier clock, Consumer<Exception> onFailure) {
        this.socket = socket;
        this.lock = lock;
        this.peer = peer;
        this.config = config;
        this.drops = drops;
        this.encrypted = encrypted;
        this.clock = clock;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "chatroom-udp-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    GroupKey key() {
        return key;
    }

    void useKey(GroupKey groupKey) {
        this.key = groupKey;
    }

    /** Sends one packet; a failed send is like a lost datagram, which the links recover from. */
    void send(InetSocketAddress to, byte[] packet) {
        GroupKey groupKey = key;
        if (closed || (encrypted && groupKey == null)) {
            return;
        }
        sendRaw(to, encrypted ? Envelope.sealed(groupKey, packet) : Envelope.plain(packet));
    }

    private void sendRaw(InetSocketAddress to, byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            // Transient (no route, buffer full) or closing: either way the retransmission timers take over.
        }
    }

    /**
     * Asks the given peers for the group's salt until one answers or the time is up; called with {@code lock}
     * not held.
     *
     * @return the first answer, or empty when none came in time
     */
    Optional<SaltAnswer> discoverSalt(List<InetSocketAddress> peers, long timeoutMillis)
            throws InterruptedException {
        long deadline = clock.getAsLong() + timeoutMillis;
        long interval = config.contactRetryMillis();
        synchronized (lock) {
            wantSalt = true;
            saltAnswer = null;
            try {
                while (saltAnswer == null && !closed) {
                    long now = clock.getAsLong();
                    if (now >= deadline) {
                        return Optional.empty();
                    }
                    for (InetSocketAddress peerAddress : peers) {
                        sendRaw(peerAddress, Envelope.saltRequest());
                    }
                    long retryAt = Math.min(deadline, now + interval);
                    interval = Math.min(interval * 2, config.contactRetryMaxMillis());
                    while (saltAnswer == null && !closed && (now = clock.getAsLong()) < retryAt) {
                        lock.wait(retryAt - now);
                    }
                }
                return Optional.ofNullable(saltAnswer);
            } finally {
                wantSalt = false;
            }
        }
    }

    /** Where an encrypted group answered this plaintext peer's hello, if one did; read with {@code lock} held. */
    Optional<InetSocketAddress> encryptedGroupAt() {
        return Optional.ofNullable(encryptedGroupAt);
    }

    /** Stops receiving and closes the socket. Idempotent; never waits for the receiving thread. */
    void close() {
        closed = true;
        socket.close();
    }

    private void run() {
        byte[] buffer = new byte[Wire.MAX_DATAGRAM + 1]; // one byte more reveals an oversized datagram
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        long nextTick = clock.getAsLong();
        try {
            socket.setSoTimeout((int) Math.max(1, config.tickMillis()));
            while (!closed) {
                try {
                    datagram.setLength(buffer.length);
                    socket.receive(datagram);
                    take(datagram);
                } catch (SocketTimeoutException | PortUnreachableException e) {
                    // Time to tick; an unreachable port is just another lost datagram.
                }
                long now = clock.getAsLong();
                if (now >= nextTick) {
                    synchronized (lock) {
                        peer.tick(now);
                        lock.notifyAll();
                    }
                    nextTick = now + config.tickMillis();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                onFailure.accept(e);
            }
        }
    }

    private void take(DatagramPacket datagram) {
        InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
        Envelope.Content content;
        try {
            content = Envelope.open(datagram.getData(), datagram.getLength(), key);
        } catch (BadDatagramException e) {
            drops.add(e.reason());
            return;
        }
        switch (content) {
            case Envelope.Content.Packet packet -> takePacket(from, packet);
            case Envelope.Content.SaltRequest request -> answerSaltRequest(from);
            case Envelope.Content.SaltAnswer answer -> takeSaltAnswer(from, answer);
        }
    }

    private void takePacket(InetSocketAddress from, Envelope.Content.Packet packet) {
        if (packet.sealed() != encrypted) {
            drops.add(Drop.WRONG_MODE);
            GroupKey groupKey = key;
            if (groupKey != null && isHello(packet.bytes())) {
                // A plaintext newcomer: tell it this group is encrypted, rather than let it wait in vain.
                sendRaw(from, Envelope.saltAnswer(Optional.of(groupKey.salt())));
            }
            return;
        }
        synchronized (lock) {
            peer.receive(from, packet.bytes(), 0, packet.bytes().length, clock.getAsLong());
            lock.notifyAll();
        }
    }

    private void answerSaltRequest(InetSocketAddress from) {
        GroupKey groupKey = key;
        if (!encrypted) {
            sendRaw(from, Envelope.saltAnswer(Optional.empty()));
        } else if (groupKey != null) {
            sendRaw(from, Envelope.saltAnswer(Optional.of(groupKey.salt())));
        } else {
            drops.add(Drop.UNEXPECTED); // we are joining ourselves and know no salt yet
        }
    }

    private void takeSaltAnswer(InetSocketAddress from, Envelope.Content.SaltAnswer answer) {
        synchronized (lock) {
            if (wantSalt && saltAnswer == null) {
                saltAnswer = new SaltAnswer(from, answer.salt());
            } else if (!encrypted && answer.salt().isPresent() && peer.phase() == Peer.Phase.JOINING) {
                encryptedGroupAt = from;
            } else {
                drops.add(Drop.UNEXPECTED);
            }
            lock.notifyAll();
        }
    }

    private static boolean isHello(byte[] packet) {
        return packet.length > 0 && packet[0] == PacketCodec.HELLO;
    }
}
