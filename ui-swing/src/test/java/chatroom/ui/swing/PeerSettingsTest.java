package chatroom.ui.swing;

import chatroom.api.spi.ConnectOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerSettingsTest {
    @Test
    void withoutSettingsAPeerStartsANewGroupOnAnyPort() {
        assertEquals("listening on any free port · peers: none, a new group",
                PeerSettings.describe(new ConnectOptions("127.0.0.1", 9000)));
        assertEquals("listening on any free port · peers: none, a new group",
                PeerSettings.describe(new ConnectOptions("127.0.0.1", 9000, Map.of("listen", List.of("0")))));
    }

    @Test
    void namesTheFirstFewPeersAndCountsTheRest() {
        ConnectOptions options = new ConnectOptions("127.0.0.1", 9000, Map.of("listen", List.of("7101"),
                "peer", List.of("a:1", "b:2", "c:3", "d:4", "e:5")));

        assertEquals("listening on port 7101 · peers: a:1, b:2, c:3 and 2 more", PeerSettings.describe(options));
    }

    @Test
    void shortensAnOverlongValue() {
        String peer = "h".repeat(100) + ":7100";
        ConnectOptions options = new ConnectOptions("127.0.0.1", 9000, Map.of("peer", List.of(peer)));

        assertEquals("listening on any free port · peers: " + "h".repeat(59) + "…", PeerSettings.describe(options));
    }
}
