package chatroom.api.spi;

/**
 * Where and how a server transport listens.
 *
 * @param bind          the address to bind, or {@code null} for every interface
 * @param port          the port; 0 picks a free one
 * @param maxLineBytes  the longest line a connection may send
 * @param outboxBytes   how many bytes may wait for a slow reader before it is disconnected
 * @param tls           the server's TLS identity, to accept only TLS connections; {@code null} for plain ones
 */
public record ListenOptions(String bind, int port, int maxLineBytes, int outboxBytes, TlsIdentity tls) {
    public ListenOptions(String bind, int port, int maxLineBytes, int outboxBytes) {
        this(bind, port, maxLineBytes, outboxBytes, null);
    }
}
