package chatroom.server.sessions;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, in all and per IP address, and refuses those over the limits, so that one host (or a
 * port scanner) cannot use up the server's sockets and threads. Thread-safe.
 */
public final class ConnectionLimits {
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimits(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts a new connection from this peer, unless it is over a limit.
     *
     * @param address the peer as a transport names it, such as {@code 127.0.0.1:51234} or {@code [::1]:51234}
     * @return why it is refused, in words for the peer; empty when it was counted (then {@link #release} it later)
     */
    public Optional<String> admit(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Optional.of("The server is full (" + maxTotal + " connections); try again later.");
        }
        boolean[] over = new boolean[1];
        perAddress.compute(host(address), (host, count) -> {
            int now = count == null ? 0 : count;
            over[0] = now >= maxPerAddress;
            return over[0] ? count : now + 1;
        });
        if (over[0]) {
            total.decrementAndGet();
            return Optional.of("Too many connections from your address (at most " + maxPerAddress + ").");
        }
        return Optional.empty();
    }

    /** Uncounts a connection that {@link #admit} counted. */
    void release(String address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(host(address), (host, count) -> count <= 1 ? null : count - 1);
    }

    /** Connections counted now, from this address ({@code host:port}) or in all. */
    int count(String address) {
        return perAddress.getOrDefault(host(address), 0);
    }

    int total() {
        return total.get();
    }

    /** The address without the port: ports change freely, hosts do not. */
    static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
