package chatroom.transport.irc;

import chatroom.api.spi.ListenOptions;
import chatroom.api.spi.ServerTransport;
import chatroom.api.spi.TlsIdentity;
import chatroom.server.ChatServer;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the server's TLS identity, the IRC port speaks TLS (as 6697 does), through the tcp transport's TLS. */
class IrcTlsTest {
    private static final String PASSWORD = "irc-test-store";

    @TempDir
    Path dir;

    /** A self-signed key for 127.0.0.1, made with the JDK's keytool. */
    private Path keyStore() throws Exception {
        Path store = dir.resolve("server.p12");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "chatroom", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=irc-test", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass:env", "STOREPASS", "-keypass:env", "STOREPASS")
                .redirectErrorStream(true);
        builder.environment().put("STOREPASS", PASSWORD);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        return store;
    }

    @Test
    void anIrcClientRegistersOverTls() throws Exception {
        Path store = keyStore();
        ServerConfig config = ServerConfig.defaults(dir.resolve("data")).withHashIterations(1_000);
        ServerTransport irc = new IrcServerTransportProvider().create(new ListenOptions("127.0.0.1", 0,
                config.maxLineBytes(), config.outboxBytes(), new TlsIdentity(store, PASSWORD.toCharArray())));
        try (ChatServer server = new ChatServer(config, List.of(irc),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            server.start();
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                trusted.load(in, PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", irc.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("PASS pw-tina\r\nNICK tina\r\nUSER tina 0 * :Tina\r\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals(":chatroom 001 tina :Welcome to the chatroom IRC network, tina", in.readLine());
                assertTrue(socket.getSession().getProtocol().startsWith("TLSv1."), socket.getSession().getProtocol());
            }
        }
    }
}
