package chatroom.api.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectOptionsTest {
    private final ConnectOptions udp = new ConnectOptions("239.1.2.3", 9000, Map.of(
            "listen", List.of("0.0.0.0:9001"),
            "peer", List.of("10.0.0.2:9001", "10.0.0.3:9001"),
            "empty", List.of()));

    @Test
    void givesASingleSetting() {
        assertEquals(Optional.of("0.0.0.0:9001"), udp.setting("listen"));
    }

    @Test
    void givesTheLastOfARepeatedSetting() {
        assertEquals(Optional.of("10.0.0.3:9001"), udp.setting("peer"));
    }

    @Test
    void givesNoSettingWhenAbsent() {
        assertEquals(Optional.empty(), udp.setting("ttl"));
        assertEquals(Optional.empty(), udp.setting("empty"));
    }

    @Test
    void givesEveryValueInOrder() {
        assertEquals(List.of("10.0.0.2:9001", "10.0.0.3:9001"), udp.settings("peer"));
        assertEquals(List.of(), udp.settings("ttl"));
    }

    @Test
    void hasNoSettingsByDefault() {
        ConnectOptions tcp = new ConnectOptions("localhost", 9000);

        assertEquals(Map.of(), tcp.settings());
        assertEquals(Optional.empty(), tcp.setting("peer"));
        assertEquals("localhost", tcp.host());
        assertEquals(9000, tcp.port());
    }

    @Test
    void keepsItsOwnCopyOfTheSettings() {
        List<String> peers = new ArrayList<>(List.of("10.0.0.2:9001"));
        Map<String, List<String>> settings = new HashMap<>(Map.of("peer", peers));
        ConnectOptions options = new ConnectOptions("239.1.2.3", 9000, settings);

        peers.add("10.0.0.9:9001");
        settings.put("listen", List.of("0.0.0.0:1"));

        assertEquals(List.of("10.0.0.2:9001"), options.settings("peer"));
        assertEquals(Optional.empty(), options.setting("listen"));
    }

    @Test
    void cannotBeChangedThroughItsSettings() {
        assertThrows(UnsupportedOperationException.class, () -> udp.settings().put("ttl", List.of("1")));
        assertThrows(UnsupportedOperationException.class, () -> udp.settings("peer").add("10.0.0.9:9001"));
    }
}
