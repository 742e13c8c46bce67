package chatroom.transport.udp;

import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ConnectOptions;

import java.util.Objects;

/**
 * The {@code udp} transport: chat in a group of peers without a server. Settings: {@code listen} (local UDP port),
 * {@code peer} (HOST:PORT of a member, repeatable) and {@code secret} (passphrase file; plaintext without it).
 */
public final class UdpChatServiceProvider implements ChatServiceProvider {
    /** Does nothing: {@link java.util.ServiceLoader} makes one of every provider it finds, chosen or not. */
    public UdpChatServiceProvider() {
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public String description() {
        return "Peer-to-peer group chat without a server, over UDP (--listen, --peer, --secret)";
    }

    /** Peers have names but no accounts; a shared secret, when there is one, comes from --secret. */
    @Override
    public boolean usesPasswords() {
        return false;
    }

    /** @throws IllegalArgumentException when a {@code listen}, {@code peer} or {@code secret} value is malformed */
    @Override
    public ChatService create(ConnectOptions options, ChatListener listener) {
        Objects.requireNonNull(listener, "listener");
        return new UdpChatService(PeerOptions.parse(options), PeerConfig.defaults(), listener);
    }
}
