package chatroom.api.spi;

import java.nio.file.Path;

/**
 * A server's TLS identity: a PKCS#12 key store holding its private key and certificate chain, and the store's
 * password. The password array belongs to the transport once handed over.
 *
 * @param keyStore the PKCS#12 file
 * @param password its password
 */
public record TlsIdentity(Path keyStore, char[] password) {
    public TlsIdentity {
        if (keyStore == null || password == null) {
            throw new IllegalArgumentException("A TLS identity needs a key store and its password.");
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[keyStore=" + keyStore + ", password=***]";
    }
}
