package chatroom.transport.tcp;

import chatroom.api.spi.TlsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed server keys made with the JDK's keytool, for tests; valid for localhost and 127.0.0.1. */
final class TestKeys {
    static final String PASSWORD = "test-store-password";

    private final Path keyStore;
    private final Path certificate;

    private TestKeys(Path keyStore, Path certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    static TestKeys make(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "chatroom", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass:env", "STOREPASS", "-keypass:env", "STOREPASS");
        keytool("-exportcert", "-rfc", "-alias", "chatroom", "-keystore", keyStore.toString(), "-storepass:env",
                "STOREPASS", "-file", certificate.toString());
        return new TestKeys(keyStore, certificate);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STOREPASS", PASSWORD);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    TlsIdentity identity() {
        return new TlsIdentity(keyStore, PASSWORD.toCharArray());
    }

    /** The certificate alone, in PEM: a trust store for clients. */
    Path certificate() {
        return certificate;
    }

    String fingerprint() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return Fingerprint.of((X509Certificate) store.getCertificate("chatroom"));
        }
    }
}
