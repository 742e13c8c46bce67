package chatroom.transport.udp;

import chatroom.api.message.ErrorReply;
import chatroom.api.message.ServerMessage;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Peers on a simulated network with simulated time: every datagram may be lost, duplicated and delayed (so
 * reordered), decided by a seeded random generator, so a run is the same every time and takes no real time.
 */
final class SimulatedNetwork {
    /** Epoch of the simulated wall clock, so timestamps look real. */
    static final long EPOCH = 1_700_000_000_000L;

    private record InFlight(long deliverAt, long order, InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    /** One peer, its address and everything it delivered. */
    final class SimPeer {
        final InetSocketAddress address;
        final Peer peer;
        final List<ServerMessage> events = new ArrayList<>();
        final DropCounters drops = new DropCounters();
        /** Packets this peer sent, for tests that replay or inspect them. */
        final List<byte[]> sent = new ArrayList<>();
        final List<InetSocketAddress> sentTo = new ArrayList<>();
        private int taken;

        SimPeer(InetSocketAddress address, PeerConfig config, long seed) {
            this.address = address;
            this.peer = new Peer(config, new Peer.Output() {
                @Override
                public void send(InetSocketAddress to, byte[] packet) {
                    sent.add(packet);
                    sentTo.add(to);
                    transmit(address, to, packet);
                }

                @Override
                public void deliver(ServerMessage event) {
                    events.add(event);
                }
            }, drops, new SplittableRandom(seed), () -> Instant.ofEpochMilli(EPOCH + now));
        }

        void join(String name, SimPeer... peers) {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (SimPeer other : peers) {
                addresses.add(other.address);
            }
            peer.join(name, addresses, List.of(), now);
        }

        /** Says something; false when the peer answered "slow down" and nothing was sent. */
        boolean say(String text) {
            int before = events.size();
            peer.say(text, now);
            return !(events.size() > before && events.get(events.size() - 1) instanceof ErrorReply error
                    && error.code().equals("slow_down"));
        }

        <T extends ServerMessage> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends ServerMessage> List<T> events(Class<T> type, Predicate<T> filter) {
            return events(type).stream().filter(filter).toList();
        }

        /** The events since the last call, described. */
        List<String> take() {
            List<String> described = Events.describe(events.subList(taken, events.size()));
            taken = events.size();
            return described;
        }

        /** Hands a datagram to this peer at once, as if it came from {@code from}. */
        void receive(InetSocketAddress from, byte[] packet) {
            peer.receive(from, packet, 0, packet.length, now);
        }

        @Override
        public String toString() {
            return peer.name() + "@" + address;
        }
    }

    private final Random random;
    private final Map<InetSocketAddress, SimPeer> peers = new LinkedHashMap<>();
    private final Set<InetSocketAddress> cutOff = new HashSet<>();
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
            Comparator.comparingLong(InFlight::deliverAt).thenComparingLong(InFlight::order));
    private final long tickMillis;
    private double loss;
    private double duplication;
    private int minDelay = 1;
    private int maxDelay = 1;
    private long order;
    private long now;
    private long datagrams;

    SimulatedNetwork(long seed, long tickMillis) {
        this.random = new Random(seed);
        this.tickMillis = tickMillis;
    }

    /** From now on: this share of datagrams is lost, this share duplicated, each delayed within these bounds. */
    SimulatedNetwork conditions(double lossRate, double duplicationRate, int minDelayMillis, int maxDelayMillis) {
        this.loss = lossRate;
        this.duplication = duplicationRate;
        this.minDelay = minDelayMillis;
        this.maxDelay = maxDelayMillis;
        return this;
    }

    SimPeer peer(String ip, PeerConfig config) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), 7000);
            SimPeer peer = new SimPeer(address, config, random.nextLong());
            peers.put(address, peer);
            return peer;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The peer vanishes from the network (or comes back): nothing reaches it or leaves it. */
    void cut(SimPeer peer, boolean cut) {
        if (cut) {
            cutOff.add(peer.address);
        } else {
            cutOff.remove(peer.address);
        }
    }

    /** Takes a peer off the network for good, like a process that was killed. */
    void kill(SimPeer peer) {
        peers.remove(peer.address);
    }

    private void transmit(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        datagrams++;
        if (cutOff.contains(from) || random.nextDouble() < loss) {
            return;
        }
        int copies = random.nextDouble() < duplication ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = minDelay + random.nextInt(maxDelay - minDelay + 1);
            inFlight.add(new InFlight(now + delay, order++, from, to, bytes.clone()));
        }
    }

    /** Runs until the condition holds or the time is up; true when the condition held. */
    boolean runUntil(BooleanSupplier done, long maxMillis) {
        long end = now + maxMillis;
        while (now < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            step();
        }
        return done.getAsBoolean();
    }

    void run(long millis) {
        runUntil(() -> false, millis);
    }

    /** One tick: deliver what arrives by then, then let every peer's timers run. */
    void step() {
        long next = now + tickMillis;
        InFlight datagram;
        while ((datagram = inFlight.peek()) != null && datagram.deliverAt() <= next) {
            inFlight.poll();
            now = Math.max(now, datagram.deliverAt());
            SimPeer target = peers.get(datagram.to());
            if (target != null && !cutOff.contains(datagram.to())) {
                target.peer.receive(datagram.from(), datagram.bytes(), 0, datagram.bytes().length, now);
            }
        }
        now = next;
        for (SimPeer peer : List.copyOf(peers.values())) {
            peer.peer.tick(now);
        }
    }

    long now() {
        return now;
    }

    long datagrams() {
        return datagrams;
    }
}
