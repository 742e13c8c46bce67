package chatroom.transport.tcp;

import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeepAliveTest {
    @Test
    void anAcceptedConnectionIsProbedAfterAMinuteOfSilence() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel accepted = listener.accept()) {
            assertTrue(client.isConnected());
            TcpServerTransport.configure(accepted);

            assertTrue(accepted.getOption(StandardSocketOptions.TCP_NODELAY));
            assertTrue(accepted.getOption(StandardSocketOptions.SO_KEEPALIVE));
            // Linux, where servers run, supports the timing; elsewhere the system's defaults apply.
            if (accepted.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertEquals(60, accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
                assertEquals(10, accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
                assertEquals(3, accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            }
        }
    }
}
