package chatroom.transport.irc;

import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.Providers;
import chatroom.api.spi.ServerTransport;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real server listening with our protocol (tcp) and IRC, for the tests that put IRC clients beside ours. */
final class IrcServerUnderTest implements AutoCloseable {
    private final ChatServer server;
    private final int tcpPort;
    private final int ircPort;

    IrcServerUnderTest(ServerConfig config) throws Exception {
        ServerTransport tcp = Providers.serverTransports().require("tcp").create(new ListenOptions("127.0.0.1", 0,
                config.maxLineBytes(), config.outboxBytes()));
        ServerTransport irc = new IrcServerTransportProvider().create(new ListenOptions("127.0.0.1", 0,
                config.maxLineBytes(), config.outboxBytes()));
        server = new ChatServer(config, List.of(tcp, irc),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        server.start();
        tcpPort = tcp.port();
        ircPort = irc.port();
    }

    int ircPort() {
        return ircPort;
    }

    /** One of our own clients, speaking rooms, logged in with the password {@code pw-NAME}; the caller closes it. */
    Ours ours(String name) throws Exception {
        BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
        ChatService service = Providers.transports().require("tcp").create(new ConnectOptions("127.0.0.1", tcpPort,
                Map.of(ConnectOptions.ROOMS, List.of("true"))), new ChatListener() {
                    @Override
                    public void onMessage(ServerMessage message) {
                        received.add(message);
                    }

                    @Override
                    public void onDisconnected(String reason, boolean error) {
                    }
                });
        service.login(name, ("pw-" + name).toCharArray());
        return new Ours(service, received);
    }

    /** One of our own clients, with what it receives. */
    record Ours(ChatService service, BlockingQueue<ServerMessage> received) implements AutoCloseable {
        <T> T await(Class<T> type, Predicate<T> matching) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ServerMessage message = received.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(message) && matching.test(type.cast(message))) {
                    return type.cast(message);
                }
            }
            throw new AssertionError("No " + type.getSimpleName() + " as expected");
        }

        @Override
        public void close() {
            service.close();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
