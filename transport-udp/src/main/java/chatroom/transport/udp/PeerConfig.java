package chatroom.transport.udp;

import java.net.InetAddress;

/**
 * Timers and bounds of a peer. The defaults suit people chatting on a LAN or the internet; tests shorten the
 * timers and the key derivation. Times in milliseconds.
 *
 * @param tickMillis          how often timers are checked
 * @param peerTimeoutMillis   silence after which a member counts as gone; keep-alives go every quarter of it
 * @param joinTimeoutMillis   how long a login waits for an answer from the given peers
 * @param contactRetryMillis  first wait before a hello is repeated; doubles up to {@code contactRetryMaxMillis}
 * @param initialRtoMillis    retransmission timeout before any round trip is measured (RFC 6298: 1 s)
 * @param minRtoMillis        lower bound of the retransmission timeout
 * @param maxRtoMillis        upper bound of the retransmission timeout, also after back-off
 * @param sendWindow          pieces in flight per link
 * @param receiveWindow       pieces held ahead of a gap per link; at least {@code sendWindow}
 * @param sendBuffer          pieces waiting per link, sent or not, before sending is refused
 * @param leaveWaitMillis     how long a logout waits for members to acknowledge the goodbye
 * @param kdfIterations       PBKDF2 iterations for the group key
 * @param bindAddress         the local address to bind, or {@code null} for every interface
 */
record PeerConfig(long tickMillis, long peerTimeoutMillis, long joinTimeoutMillis, long contactRetryMillis,
                  long contactRetryMaxMillis, long initialRtoMillis, long minRtoMillis, long maxRtoMillis,
                  int sendWindow, int receiveWindow, int sendBuffer, long leaveWaitMillis, int kdfIterations,
                  InetAddress bindAddress) {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; costs a fraction of a second once per login. */
    static final int DEFAULT_KDF_ITERATIONS = 600_000;

    PeerConfig {
        if (receiveWindow < sendWindow) {
            throw new IllegalArgumentException("the receive window must hold a whole send window");
        }
    }

    static PeerConfig defaults() {
        return new PeerConfig(20, 10_000, 5_000, 500, 4_000, 1_000, 200, 5_000, 64, 128, 1_024, 1_000,
                DEFAULT_KDF_ITERATIONS, null);
    }

    long keepAliveMillis() {
        return peerTimeoutMillis / 4;
    }

    PeerConfig withPeerTimeout(long millis) {
        return new PeerConfig(tickMillis, millis, joinTimeoutMillis, contactRetryMillis, contactRetryMaxMillis,
                initialRtoMillis, minRtoMillis, maxRtoMillis, sendWindow, receiveWindow, sendBuffer, leaveWaitMillis,
                kdfIterations, bindAddress);
    }

    PeerConfig withJoinTimeout(long millis) {
        return new PeerConfig(tickMillis, peerTimeoutMillis, millis, contactRetryMillis, contactRetryMaxMillis,
                initialRtoMillis, minRtoMillis, maxRtoMillis, sendWindow, receiveWindow, sendBuffer, leaveWaitMillis,
                kdfIterations, bindAddress);
    }

    PeerConfig withKdfIterations(int iterations) {
        return new PeerConfig(tickMillis, peerTimeoutMillis, joinTimeoutMillis, contactRetryMillis,
                contactRetryMaxMillis, initialRtoMillis, minRtoMillis, maxRtoMillis, sendWindow, receiveWindow,
                sendBuffer, leaveWaitMillis, iterations, bindAddress);
    }

    PeerConfig withBindAddress(InetAddress address) {
        return new PeerConfig(tickMillis, peerTimeoutMillis, joinTimeoutMillis, contactRetryMillis,
                contactRetryMaxMillis, initialRtoMillis, minRtoMillis, maxRtoMillis, sendWindow, receiveWindow,
                sendBuffer, leaveWaitMillis, kdfIterations, address);
    }
}
