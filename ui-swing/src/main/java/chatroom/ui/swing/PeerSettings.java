package chatroom.ui.swing;

import chatroom.api.spi.ConnectOptions;

import java.util.List;

/**
 * Says, in one short line for the connect bar, where a peer listens and which peers it asks first, from the
 * {@code listen} and {@code peer} settings the command line gave (see {@link ConnectOptions}).
 */
final class PeerSettings {
    // The command line allows dozens of peers; the bar has room for a few, and one live peer is enough to join.
    static final int PEERS_SHOWN = 3;
    // A HOST:PORT is rarely longer; a longer value would push the Join button off the window.
    static final int LONGEST_VALUE = 60;

    private PeerSettings() {
    }

    static String describe(ConnectOptions options) {
        String listen = options.setting("listen").map(String::strip)
                .filter(port -> !port.isEmpty() && !port.equals("0"))
                .map(port -> "port " + shortened(port)).orElse("any free port");
        List<String> peers = options.settings("peer");
        String first = peers.isEmpty() ? "none, a new group"
                : String.join(", ", peers.subList(0, Math.min(PEERS_SHOWN, peers.size())).stream()
                        .map(peer -> shortened(peer.strip())).toList());
        String more = peers.size() > PEERS_SHOWN ? " and " + (peers.size() - PEERS_SHOWN) + " more" : "";
        return "listening on " + listen + " · peers: " + first + more;
    }

    private static String shortened(String value) {
        return value.length() <= LONGEST_VALUE ? value : value.substring(0, LONGEST_VALUE - 1) + "…";
    }
}
