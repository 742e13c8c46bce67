package chatroom.transport.tcp;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether to trust the server's certificate: one signed by an authority of the trust store (for the host
 * name connected to) is trusted; otherwise, unless the trust store was chosen explicitly, the certificate is trusted
 * on first use and pinned per {@code host:port}, as SSH does, and a different one later is refused loudly.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    /** How the last accepted certificate was trusted. */
    enum Verdict { AUTHORITY, FIRST_USE, REMEMBERED }

    private final X509ExtendedTrustManager authorities;
    private final boolean authoritiesOnly;
    private final KnownServers known;
    private final String server;
    private final List<String> notices = new ArrayList<>();
    private volatile Verdict verdict;

    /**
     * @param authorities     the trust store's verdict, hostname included
     * @param authoritiesOnly whether the user chose the trust store, so that nothing else is trusted
     * @param known           where first-use certificates are remembered, or {@code null} to trust none that way
     * @param server          {@code host:port}, the key they are remembered under
     */
    ServerTrust(X509ExtendedTrustManager authorities, boolean authoritiesOnly, KnownServers known, String server) {
        this.authorities = authorities;
        this.authoritiesOnly = authoritiesOnly;
        this.known = known;
        this.server = server;
    }

    /** What the user should hear about the handshakes since the last call: a certificate trusted for the first time. */
    synchronized List<String> takeNotices() {
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }

    Verdict verdict() {
        return verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, socket);
            verdict = Verdict.AUTHORITY;
        } catch (CertificateException notByAuthority) {
            pinned(chain, notByAuthority);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType, engine);
            verdict = Verdict.AUTHORITY;
        } catch (CertificateException notByAuthority) {
            pinned(chain, notByAuthority);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType);
            verdict = Verdict.AUTHORITY;
        } catch (CertificateException notByAuthority) {
            pinned(chain, notByAuthority);
        }
    }

    private void pinned(X509Certificate[] chain, CertificateException notByAuthority) throws CertificateException {
        if (authoritiesOnly) {
            throw notByAuthority;
        }
        if (known == null || chain == null || chain.length == 0) {
            throw new CertificateException("The certificate of " + server + " is not signed by an authority this"
                    + " client trusts (" + notByAuthority.getMessage() + "); pass --truststore with the server's"
                    + " certificate.", notByAuthority);
        }
        String fingerprint = Fingerprint.of(chain[0]);
        Optional<String> remembered;
        try {
            remembered = known.fingerprint(server);
            if (remembered.isEmpty()) {
                known.remember(server, fingerprint);
            }
        } catch (IOException e) {
            throw new CertificateException("Cannot check the certificate of " + server + " against "
                    + known.file() + ": " + e.getMessage(), e);
        }
        if (remembered.isEmpty()) {
            verdict = Verdict.FIRST_USE;
            synchronized (this) {
                notices.add("First TLS connection to " + server + ": its certificate is not signed by an authority"
                        + " this client trusts (self-signed?). Trusting it from now on, as SSH does. SHA-256"
                        + " fingerprint: " + fingerprint + ". Compare it with the one the server printed at start.");
            }
        } else if (remembered.get().equalsIgnoreCase(fingerprint)) {
            verdict = Verdict.REMEMBERED;
        } else {
            throw new CertificateChangedException("The TLS certificate of " + server + " has CHANGED since this"
                    + " client first trusted it: it was " + remembered.get() + " and is now " + fingerprint
                    + ". Someone may be intercepting the connection. If the server's certificate was replaced on"
                    + " purpose, remove the line for " + server + " from " + known.file() + ".");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        authorities.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        authorities.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        authorities.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }
}
