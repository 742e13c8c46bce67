package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS with the JDK's own implementation: trust on first use, a trust store, and loud refusal of a changed server. */
class TlsTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private RunningServer tlsServer(TestKeys keys, int port) throws Exception {
        RunningServer server = RunningServer.start(RunningServer.config(dir.resolve("data")), port, keys.identity());
        toClose.add(server);
        return server;
    }

    private ChatService client(RecordingListener listener, int port, Map<String, List<String>> settings) {
        ConnectOptions options = new ConnectOptions("127.0.0.1", port, settings);
        ChatService service = new TcpChatService(options, listener, ClientTls.from(options), RunningServer.QUICK);
        toClose.add(service);
        return service;
    }

    private Map<String, List<String>> trustOnFirstUse() {
        return Map.of("tls", List.of("true"), "known-servers", List.of(dir.resolve("known_servers").toString()));
    }

    @Test
    void aSelfSignedServerIsTrustedOnFirstUseAndRememberedPerHostAndPort() throws Exception {
        TestKeys keys = TestKeys.make(dir.resolve("keys"), "server");
        RunningServer server = tlsServer(keys, 0);
        String fingerprint = keys.fingerprint();
        String address = "127.0.0.1:" + server.port();

        RecordingListener alice = new RecordingListener("alice");
        ChatService aliceService = client(alice, server.port(), trustOnFirstUse());
        aliceService.login("alice", "pw".toCharArray());

        assertEquals(new RecordingListener.Notice("First TLS connection to " + address + ": its certificate is not"
                + " signed by an authority this client trusts (self-signed?). Trusting it from now on, as SSH does."
                + " SHA-256 fingerprint: " + fingerprint + ". Compare it with the one the server printed at start."),
                alice.await(RecordingListener.Notice.class));
        assertEquals(new RecordingListener.Notice("Encrypted with TLS 1.3; the server's certificate is trusted from now"
                + " on (first use)."), alice.await(RecordingListener.Notice.class));
        assertEquals(List.of(address + " " + fingerprint),
                Files.readAllLines(dir.resolve("known_servers"), StandardCharsets.UTF_8));
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);

        RecordingListener bob = new RecordingListener("bob");
        client(bob, server.port(), trustOnFirstUse()).login("bob", "pw".toCharArray());
        assertEquals(new RecordingListener.Notice("Encrypted with TLS 1.3; the server's certificate is the one trusted"
                + " on first use."), bob.await(RecordingListener.Notice.class));

        aliceService.say("over TLS, 你好");
        assertEquals("over TLS, 你好", bob.await(ChatMessage.class).text());
    }

    @Test
    void aChangedCertificateIsRefusedLoudlyAndNotRetried() throws Exception {
        TestKeys first = TestKeys.make(dir.resolve("keys"), "first");
        TestKeys second = TestKeys.make(dir.resolve("keys"), "second");
        RunningServer server = tlsServer(first, 0);
        int port = server.port();
        RecordingListener alice = new RecordingListener("alice");
        client(alice, port, trustOnFirstUse()).login("alice", "pw".toCharArray());

        server.close();
        alice.await(RecordingListener.Reconnecting.class);
        tlsServer(second, port);

        String changed = "The TLS certificate of 127.0.0.1:" + port + " has CHANGED since this client first trusted"
                + " it: it was " + first.fingerprint() + " and is now " + second.fingerprint() + ". Someone may be"
                + " intercepting the connection. If the server's certificate was replaced on purpose, remove the"
                + " line for 127.0.0.1:" + port + " from " + dir.resolve("known_servers") + ".";
        assertEquals(new RecordingListener.Disconnected(changed, true),
                alice.await(RecordingListener.Disconnected.class));
        IOException refused = assertThrows(IOException.class,
                () -> client(new RecordingListener("bob"), port, trustOnFirstUse()).login("bob", "pw".toCharArray()));
        assertEquals(changed, refused.getMessage());
    }

    @Test
    void aTrustStoreVerifiesTheServerAndThenOnlyItCounts() throws Exception {
        TestKeys keys = TestKeys.make(dir.resolve("keys"), "server");
        TestKeys other = TestKeys.make(dir.resolve("keys"), "other");
        RunningServer server = tlsServer(keys, 0);
        Map<String, List<String>> trustStore = Map.of("tls", List.of("true"), "truststore",
                List.of(keys.certificate().toString()), "known-servers",
                List.of(dir.resolve("known_servers").toString()));

        RecordingListener alice = new RecordingListener("alice");
        client(alice, server.port(), trustStore).login("alice", "pw".toCharArray());
        assertEquals(new RecordingListener.Notice("Encrypted with TLS 1.3; the server's certificate is signed by an"
                + " authority this client trusts."), alice.await(RecordingListener.Notice.class));
        assertFalse(Files.exists(dir.resolve("known_servers")), "nothing to remember");

        Map<String, List<String>> wrongStore = Map.of("tls", List.of("true"), "truststore",
                List.of(other.certificate().toString()), "known-servers",
                List.of(dir.resolve("known_servers").toString()));
        IOException refused = assertThrows(IOException.class, () -> client(new RecordingListener("bob"),
                server.port(), wrongStore).login("bob", "pw".toCharArray()));
        assertTrue(refused instanceof UntrustedServerException, refused.toString());
        assertFalse(Files.exists(dir.resolve("known_servers")), "a chosen trust store allows no first use");
    }

    @Test
    void withoutAFileToRememberItASelfSignedServerIsRefused() throws Exception {
        RunningServer server = tlsServer(TestKeys.make(dir.resolve("keys"), "server"), 0);

        IOException refused = assertThrows(IOException.class, () -> client(new RecordingListener("alice"),
                server.port(), Map.of("tls", List.of("true"))).login("alice", "pw".toCharArray()));

        assertTrue(refused.getMessage().startsWith("The certificate of 127.0.0.1:" + server.port() + " is not signed"
                + " by an authority this client trusts ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("); pass --truststore with the server's certificate."),
                refused.getMessage());
    }

    @Test
    void aPlainClientIsToldTheConnectionIsNotEncryptedAndCannotTalkToATlsServer() throws Exception {
        RunningServer plain = RunningServer.start(RunningServer.config(dir.resolve("plain")));
        toClose.add(plain);
        RecordingListener alice = new RecordingListener("alice");
        client(alice, plain.port(), Map.of()).login("alice", "pw".toCharArray());
        assertEquals(new RecordingListener.Notice("This connection to 127.0.0.1:" + plain.port() + " is not"
                + " encrypted: anyone on the way can read it, passwords included. Use --tls if the server offers it."),
                alice.await(RecordingListener.Notice.class));

        RunningServer secure = tlsServer(TestKeys.make(dir.resolve("keys"), "server"), 0);
        IOException refused = assertThrows(IOException.class, () -> client(new RecordingListener("bob"),
                secure.port(), Map.of()).login("bob", "pw".toCharArray()));
        assertEquals("The server closed the connection before greeting (does it expect TLS? then add --tls).",
                refused.getMessage());
    }

    @Test
    void aConnectionThatNeverStartsTheHandshakeIsClosedAtTheLoginDeadline() throws Exception {
        RunningServer server = RunningServer.start(RunningServer.config(dir.resolve("data"))
                .withLoginDeadline(Duration.ofSeconds(1)), 0, TestKeys.make(dir.resolve("keys"), "server")
                .identity());
        toClose.add(server);

        long connected;
        long closed;
        try (Socket silent = new Socket("127.0.0.1", server.port())) {
            connected = System.nanoTime();
            silent.setSoTimeout(20_000);
            int first;
            try {
                first = silent.getInputStream().read();
            } catch (SocketException reset) {
                first = -1;
            }
            closed = System.nanoTime();
            assertEquals(-1, first, "closed without a word");
        }
        assertTrue(server.log().contains("no login within 1 s from 127.0.0.1:"), server.log());
        // At the deadline, not a goodbye's grace period later: nothing can be said before the handshake.
        Duration open = Duration.ofNanos(closed - connected);
        assertTrue(open.compareTo(Duration.ofSeconds(1).plus(TcpConnection.CLOSE_GRACE).minusMillis(500)) < 0,
                "closed after " + open.toMillis() + " ms");
    }

    @Test
    void tls12IsTheFloor() throws Exception {
        RunningServer server = tlsServer(TestKeys.make(dir.resolve("keys"), "server"), 0);

        assertEquals("TLSv1.2", handshake(server.port(), "TLSv1.2"));
        assertEquals("TLSv1.3", handshake(server.port(), "TLSv1.3"));
        assertThrows(SSLException.class, () -> handshake(server.port(), "TLSv1.1"));
    }

    /** A handshake with only this protocol enabled, trusting any certificate; the protocol agreed on. */
    private static String handshake(int port, String protocol) throws Exception {
        TrustManager anything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {anything}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
