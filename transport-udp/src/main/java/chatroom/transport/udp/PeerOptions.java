package chatroom.transport.udp;

import chatroom.api.spi.ConnectOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UDP settings of a {@link ConnectOptions}: the local port ({@code listen}), the peers to contact first
 * ({@code peer}) and the file holding the group's passphrase ({@code secret}). The TCP host and port are ignored:
 * there is no server.
 *
 * @param listenPort the local UDP port; 0 picks a free one
 * @param peers      where to find the group; empty to start a new group
 * @param secret     the passphrase file, or empty for plaintext
 * @param rooms      whether the client speaks rooms ({@code rooms=true}, as the terminal asks)
 */
record PeerOptions(int listenPort, List<PeerAddress> peers, Optional<Path> secret, boolean rooms) {
    static final String LISTEN = "listen";
    static final String PEER = "peer";
    static final String SECRET = "secret";
    /** More would only slow every join: one live member is enough to find the rest. */
    static final int MAX_PEERS = 32;

    PeerOptions {
        peers = List.copyOf(peers);
    }

    /** Without rooms: a client that shows the lobby only. */
    PeerOptions(int listenPort, List<PeerAddress> peers, Optional<Path> secret) {
        this(listenPort, peers, secret, false);
    }

    /** @throws IllegalArgumentException naming the option, the bad value and what is expected */
    static PeerOptions parse(ConnectOptions options) {
        return new PeerOptions(listenPort(options), peers(options), secret(options),
                options.setting(ConnectOptions.ROOMS).filter("true"::equals).isPresent());
    }

    private static int listenPort(ConnectOptions options) {
        List<String> values = options.settings(LISTEN);
        if (values.isEmpty()) {
            return 0;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("--listen was given " + values.size() + " times; give one UDP port.");
        }
        String value = values.get(0).strip();
        int port = PeerAddress.parsePort(value);
        if (port < 0) {
            throw new IllegalArgumentException("Bad --listen value '" + value
                    + "': expected a UDP port number from 0 to 65535 (0 picks a free one).");
        }
        return port;
    }

    private static List<PeerAddress> peers(ConnectOptions options) {
        List<String> values = options.settings(PEER);
        if (values.size() > MAX_PEERS) {
            throw new IllegalArgumentException("--peer was given " + values.size() + " times; at most " + MAX_PEERS
                    + " are allowed, and one live member of the group is enough.");
        }
        List<PeerAddress> peers = new ArrayList<>(values.size());
        for (String value : values) {
            peers.add(PeerAddress.parse(value));
        }
        return peers;
    }

    private static Optional<Path> secret(ConnectOptions options) {
        List<String> values = options.settings(SECRET);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("--secret was given " + values.size()
                    + " times; give one file holding the group's passphrase.");
        }
        String value = values.get(0);
        if (value.isBlank()) {
            throw new IllegalArgumentException("--secret needs a file name: the file holding the group's passphrase.");
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Bad --secret value '" + value + "': not a file name (" + e.getReason()
                    + ").");
        }
    }
}
