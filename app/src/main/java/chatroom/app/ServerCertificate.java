package chatroom.app;

import chatroom.api.spi.TlsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's TLS certificate: the operator's PKCS#12 key store, or a self-signed one that the JDK's keytool makes in
 * the data directory on first start (the JDK has no API for making certificates), with a random password kept beside
 * it. Either way its SHA-256 fingerprint is what clients trusting on first use show, for people to compare.
 */
final class ServerCertificate {
    static final String FOLDER = "tls";
    static final String KEY_STORE = "server.p12";
    static final String PASSWORD_FILE = "server.p12.password";
    private static final String ALIAS = "chatroom";

    private final Path keyStore;
    private final char[] password;
    private final String fingerprint;
    private final boolean created;

    private ServerCertificate(Path keyStore, char[] password, String fingerprint, boolean created) {
        this.keyStore = keyStore;
        this.password = password;
        this.fingerprint = fingerprint;
        this.created = created;
    }

    /** The self-signed certificate in the data directory, made now if there is none yet. */
    static ServerCertificate selfSigned(Path dataDir) throws IOException {
        Path folder = dataDir.resolve(FOLDER);
        Path store = folder.resolve(KEY_STORE);
        Path passwordFile = folder.resolve(PASSWORD_FILE);
        boolean create = !Files.exists(store);
        if (create) {
            Files.createDirectories(folder);
            ownerOnly(folder, "rwx------");
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                    StandardCharsets.UTF_8);
            ownerOnly(passwordFile, "rw-------");
            makeSelfSigned(store, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            ownerOnly(store, "rw-------");
        }
        if (!Files.exists(passwordFile)) {
            throw new IOException("The key store " + store + " has no password file " + passwordFile
                    + " beside it; remove the folder " + folder + " to make a new certificate.");
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        return new ServerCertificate(store, password, fingerprint(store, password), create);
    }

    /**
     * The operator's key store.
     *
     * @throws IOException when it cannot be read, with the password or at all
     */
    static ServerCertificate fromKeyStore(Path store, char[] password) throws IOException {
        return new ServerCertificate(store, password, fingerprint(store, password), false);
    }

    /** The password of a key store: the first line of a file, or asked on the terminal; null when neither can be. */
    static char[] readPassword(Path file) throws IOException {
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                return PasswordInput.firstLine(in);
            }
        }
        return PasswordInput.prompt("Key store password: ");
    }

    /** What the transport listens with; each call hands out a copy of the password, which the transport wipes. */
    TlsIdentity identity() {
        return new TlsIdentity(keyStore, Arrays.copyOf(password, password.length));
    }

    Path keyStore() {
        return keyStore;
    }

    /** SHA-256 of the certificate, as {@code AB:CD:…}, the form keytool and the client print. */
    String fingerprint() {
        return fingerprint;
    }

    /** Whether it was made just now. */
    boolean created() {
        return created;
    }

    private static void makeSelfSigned(Path store, String password) throws IOException {
        List<String> command = new ArrayList<>(List.of(keytool().toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", "CN=chatroom server", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass:env", "CHATROOM_STOREPASS", "-keypass:env",
                "CHATROOM_STOREPASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // In the environment, not on the command line, where anyone listing processes could read it.
        builder.environment().put("CHATROOM_STOREPASS", password);
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!keytool.waitFor(2, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                Files.deleteIfExists(store);
                throw new IOException("keytool could not make a certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keytool.destroyForcibly();
            throw new IOException("Interrupted while keytool made the certificate.", e);
        }
    }

    /** keytool ships with every JDK, beside the java command that runs us. */
    private static Path keytool() throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home"), "bin", "keytool"));
        ProcessHandle.current().info().command()
                .ifPresent(java -> candidates.add(Path.of(java).resolveSibling("keytool")));
        for (Path candidate : candidates) {
            for (Path file : List.of(candidate, candidate.resolveSibling("keytool.exe"))) {
                if (Files.isExecutable(file)) {
                    return file;
                }
            }
        }
        throw new IOException("No keytool next to this Java (" + candidates.getFirst() + "); pass --keystore with a"
                + " PKCS#12 key store instead.");
    }

    private static String fingerprint(Path store, char[] password) throws IOException {
        Certificate certificate = null;
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            for (String alias : Collections.list(keys.aliases())) {
                if (certificate == null && keys.isKeyEntry(alias)) {
                    certificate = keys.getCertificate(alias);
                }
            }
            if (certificate != null) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
                return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the key store " + store + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot read the key store " + store + ": " + e.getMessage()
                    + (e.getCause() instanceof UnrecoverableKeyException ? " (wrong password?)" : ""), e);
        }
        throw new IOException("The key store " + store + " holds no private key with its certificate.");
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
