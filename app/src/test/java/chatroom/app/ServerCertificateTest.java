package chatroom.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCertificateTest {
    @TempDir
    Path data;

    @Test
    void aSelfSignedCertificateIsMadeOnFirstStartAndKeptForTheNext() throws Exception {
        ServerCertificate first = ServerCertificate.selfSigned(data);
        ServerCertificate second = ServerCertificate.selfSigned(data);

        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertTrue(first.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first.fingerprint());
        assertEquals(data.resolve("tls/server.p12"), first.keyStore());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("tls/server.p12.password"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls"))));
    }

    @Test
    void theOperatorsKeyStoreNeedsItsPassword() throws Exception {
        ServerCertificate made = ServerCertificate.selfSigned(data);
        char[] password = Files.readString(data.resolve("tls/server.p12.password")).strip().toCharArray();

        assertEquals(made.fingerprint(), ServerCertificate.fromKeyStore(made.keyStore(), password).fingerprint());
        IOException wrong = assertThrows(IOException.class,
                () -> ServerCertificate.fromKeyStore(made.keyStore(), "guess".toCharArray()));
        assertTrue(wrong.getMessage().startsWith("Cannot read the key store " + made.keyStore() + ": "),
                wrong.getMessage());
        assertTrue(wrong.getMessage().endsWith("(wrong password?)"), wrong.getMessage());
    }

    @Test
    void eachIdentityHasAPasswordOfItsOwnForTheTransportToWipe() throws Exception {
        ServerCertificate made = ServerCertificate.selfSigned(data);
        char[] handedOut = made.identity().password();
        Arrays.fill(handedOut, '\0');

        assertFalse(new String(made.identity().password()).contains("\0"));
    }
}
