package chatroom.transport.udp;

import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.Providers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;

class UdpChatServiceProviderTest {
    private final UdpChatServiceProvider provider = new UdpChatServiceProvider();
    private final ChatListener listener = mock(ChatListener.class, "listener");

    private static ConnectOptions options(Map<String, List<String>> settings) {
        return new ConnectOptions("localhost", 9000, settings);
    }

    @Test
    void namesAndDescribesItself() {
        assertEquals("udp", provider.name());
        assertEquals("Peer-to-peer group chat without a server, over UDP (--listen, --peer, --secret)",
                provider.description());
    }

    @Test
    void isFoundAsATransport() throws Exception {
        Providers<ChatServiceProvider> transports = Providers.transports();
        assertEquals(List.of("udp"), transports.names());
        assertEquals(UdpChatServiceProvider.class, transports.require("udp").getClass());
    }

    @Test
    void createsAServiceWithoutTouchingTheNetwork() {
        try (ChatService service = provider.create(options(Map.of("listen", List.of("7001"),
                "peer", List.of("127.0.0.1:7002", "[::1]:7003", "chat.example:7004"))), listener)) {
            assertEquals(-1, ((UdpChatService) service).localPort());
        }
    }

    @Test
    void parsesTheSettings() {
        PeerOptions parsed = PeerOptions.parse(options(Map.of("listen", List.of(" 7001 "),
                "peer", List.of("127.0.0.1:7002", "[::1]:7003", "chat.example:7004"),
                "secret", List.of("group.key"))));
        assertEquals(new PeerOptions(7001, List.of(new PeerAddress("127.0.0.1", 7002),
                new PeerAddress("::1", 7003), new PeerAddress("chat.example", 7004)), Optional.of(Path.of("group.key"))),
                parsed);
        assertEquals("[::1]:7003", parsed.peers().get(1).toString());
        assertEquals(new PeerOptions(0, List.of(), Optional.empty()), PeerOptions.parse(options(Map.of())));
    }

    @Test
    void explainsBadPeerValues() {
        assertBad("Bad --peer value 'localhost': expected HOST:PORT, such as 127.0.0.1:7000 or [::1]:7000.",
                Map.of("peer", List.of("localhost")));
        assertBad("Bad --peer value ':7000': expected HOST:PORT, such as 127.0.0.1:7000 or [::1]:7000.",
                Map.of("peer", List.of(":7000")));
        assertBad("Bad --peer value 'host:': expected HOST:PORT, such as 127.0.0.1:7000 or [::1]:7000.",
                Map.of("peer", List.of("host:")));
        assertBad("Bad --peer value 'host:70000': the port must be a number from 1 to 65535.",
                Map.of("peer", List.of("host:70000")));
        assertBad("Bad --peer value 'host:0': the port must be a number from 1 to 65535.",
                Map.of("peer", List.of("host:0")));
        assertBad("Bad --peer value 'host:x1': the port must be a number from 1 to 65535.",
                Map.of("peer", List.of("host:x1")));
        assertBad("Bad --peer value '::1:7000': write an IPv6 address in brackets, such as [::1]:7000.",
                Map.of("peer", List.of("::1:7000")));
        assertBad("Bad --peer value 'my host:7000': the host name is empty or has spaces.",
                Map.of("peer", List.of("my host:7000")));
        assertBad("--peer was given 33 times; at most 32 are allowed, and one live member of the group is enough.",
                Map.of("peer", Collections.nCopies(33, "h:1")));
    }

    @Test
    void explainsBadListenAndSecretValues() {
        assertBad("Bad --listen value 'abc': expected a UDP port number from 0 to 65535 (0 picks a free one).",
                Map.of("listen", List.of("abc")));
        assertBad("Bad --listen value '65536': expected a UDP port number from 0 to 65535 (0 picks a free one).",
                Map.of("listen", List.of("65536")));
        assertBad("--listen was given 2 times; give one UDP port.", Map.of("listen", List.of("1", "2")));
        assertBad("--secret needs a file name: the file holding the group's passphrase.",
                Map.of("secret", List.of(" ")));
    }

    private void assertBad(String message, Map<String, List<String>> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.create(options(settings), listener));
        assertEquals(message, e.getMessage());
    }
}
