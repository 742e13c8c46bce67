package chatroom.transport.tcp;

import chatroom.api.spi.TlsIdentity;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Arrays;

/**
 * The server's side of TLS, with the JDK's own implementation: TLS 1.3, or 1.2 for clients that have nothing newer,
 * with the certificate and key from the operator's PKCS#12 key store.
 */
final class ServerTls {
    /** Oldest first, as the JDK lists them; nothing older than 1.2. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** A client that has not finished the handshake by then is dropped, so half-open handshakes cannot pile up. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final SSLSocketFactory sockets;

    private ServerTls(SSLSocketFactory sockets) {
        this.sockets = sockets;
    }

    /**
     * Loads the key store; the identity's password is wiped afterwards.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    static ServerTls load(TlsIdentity identity) throws IOException {
        char[] password = identity.password();
        try (InputStream in = Files.newInputStream(identity.keyStore())) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return new ServerTls(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the key store " + identity.keyStore() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot read the key store " + identity.keyStore() + ": " + e.getMessage()
                    + (e.getCause() instanceof UnrecoverableKeyException ? " (wrong password?)" : ""),
                    e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** TLS over an accepted connection, the handshake not yet run (see {@link #handshake}). */
    SSLSocket wrap(SocketChannel raw) throws IOException {
        SSLSocket tls = (SSLSocket) sockets.createSocket(raw.socket(), null, true);
        tls.setEnabledProtocols(PROTOCOLS);
        return tls;
    }

    /**
     * Runs the server's side of the handshake, on the caller's thread.
     *
     * @throws IOException when the client does not complete it in time or it fails
     */
    static void handshake(SSLSocket tls) throws IOException {
        tls.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
        tls.startHandshake();
        tls.setSoTimeout(0);
    }
}
