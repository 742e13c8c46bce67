package chatroom.transport.tcp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What --host takes: one server or several nodes, with or without ports, IPv6 in brackets; and their turns. */
class ServersTest {
    private static Servers.Address at(String host, int port) {
        return new Servers.Address(host, port);
    }

    @Test
    void aListOfHostsWithAndWithoutPortsAndIpv6InBrackets() {
        assertEquals(List.of(at("chat.example", 9000)), Servers.parse("chat.example", 9000).all());
        assertEquals(List.of(at("a", 9000), at("b", 9001), at("::1", 9002), at("::1", 9000), at("fe80::1", 9000)),
                Servers.parse("a, b:9001,[::1]:9002,[::1],fe80::1", 9000).all());
        assertEquals("[::1]:9002", at("::1", 9002).shown());
    }

    @Test
    void aBadListIsRefusedSayingWhatIsWrong() {
        assertEquals("--host 'a,,b' has an empty server in its list.",
                assertThrows(IllegalArgumentException.class, () -> Servers.parse("a,,b", 9000)).getMessage());
        assertEquals("--host 'b:99999': the port is a number from 1 to 65535.",
                assertThrows(IllegalArgumentException.class, () -> Servers.parse("a,b:99999", 9000)).getMessage());
        assertEquals("--host '[::1' opens a bracket it does not close.",
                assertThrows(IllegalArgumentException.class, () -> Servers.parse("[::1", 9000)).getMessage());
    }

    @Test
    void afterALossTheNextServerIsTriedFirstAndTheOneConnectedToStaysFirst() {
        Servers servers = Servers.parse("a,b,c", 9000);
        assertEquals(List.of(at("a", 9000), at("b", 9000), at("c", 9000)), servers.inTurn());
        servers.lost();
        assertEquals(List.of(at("b", 9000), at("c", 9000), at("a", 9000)), servers.inTurn());
        servers.connected(at("c", 9000));
        assertEquals(at("c", 9000), servers.current());
        assertEquals(List.of(at("c", 9000), at("a", 9000), at("b", 9000)), servers.inTurn());
    }
}
