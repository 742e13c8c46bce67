package chatroom.transport.tcp;

import chatroom.api.spi.ConnectOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;

/**
 * The client's side of TLS, with the JDK's own implementation: TLS 1.3 or 1.2, the server checked against the system's
 * trust store or the one given with {@code --truststore}, and otherwise trusted on first use ({@link ServerTrust}).
 */
final class ClientTls {
    /** {@link ConnectOptions} settings this transport reads. */
    static final String TLS = "tls";
    static final String TRUST_STORE = "truststore";
    static final String KNOWN_SERVERS = "known-servers";

    private final SSLSocketFactory sockets;
    private final ServerTrust trust;

    private ClientTls(SSLSocketFactory sockets, ServerTrust trust) {
        this.sockets = sockets;
        this.trust = trust;
    }

    /**
     * The TLS setup the options ask for, or {@code null} for plain TCP.
     *
     * @throws IllegalArgumentException when the trust store cannot be read; the message says which file and why
     */
    static ClientTls from(ConnectOptions options) {
        boolean wanted = options.setting(TLS).map(value -> !value.equals("false") && !value.equals("off"))
                .orElse(false);
        if (!wanted) {
            return null;
        }
        Path trustStore = options.setting(TRUST_STORE).map(Path::of).orElse(null);
        KnownServers known = options.setting(KNOWN_SERVERS).map(Path::of).map(KnownServers::new).orElse(null);
        String server = (options.host().contains(":") ? "[" + options.host() + "]" : options.host()) + ":"
                + options.port();
        try {
            ServerTrust trust = new ServerTrust(authorities(trustStore), trustStore != null, known, server);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new ClientTls(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot use the trust store " + trustStore + ": " + e.getMessage()
                    + " (--truststore takes a PKCS#12 or JKS trust store, or certificates in PEM).", e);
        }
    }

    /**
     * Runs the handshake over a connected socket, within the timeout.
     *
     * @throws UntrustedServerException when the server's certificate is refused
     * @throws IOException              when the handshake fails otherwise
     */
    SSLSocket handshake(Socket plain, String host, int port, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) sockets.createSocket(plain, host, port, true);
        tls.setEnabledProtocols(ServerTls.PROTOCOLS);
        SSLParameters parameters = tls.getSSLParameters();
        // A certificate signed by an authority must also name the host connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            tls.close();
            CertificateException refused = certificateProblem(e);
            if (refused != null) {
                throw new UntrustedServerException(refused.getMessage(), e);
            }
            throw new IOException("The TLS handshake failed: " + e.getMessage()
                    + " (is the server running with --tls?)", e);
        }
        tls.setSoTimeout(0);
        return tls;
    }

    /** Certificates trusted for the first time during the handshakes so far, as sentences for the user. */
    List<String> takeNotices() {
        return trust.takeNotices();
    }

    ServerTrust.Verdict verdict() {
        return trust.verdict();
    }

    private static CertificateException certificateProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException certificate) {
                return certificate;
            }
        }
        return null;
    }

    private static X509ExtendedTrustManager authorities(Path trustStore) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore == null ? null : load(trustStore));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("The JDK offers no X.509 trust manager.");
    }

    /** A key store (PKCS#12 or JKS, no password needed to read certificates), or a file of PEM or DER certificates. */
    private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
        try {
            return KeyStore.getInstance(file.toFile(), (char[]) null);
        } catch (KeyStoreException | IOException notAKeyStore) {
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(file)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificates in " + file);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("certificate-" + n++, certificate);
            }
            return store;
        }
    }
}
