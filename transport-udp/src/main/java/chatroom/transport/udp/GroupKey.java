package chatroom.transport.udp;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The group's AES-256-GCM key, derived from the shared passphrase with PBKDF2-HMAC-SHA256 and the group's random
 * salt, so that each group's key must be attacked on its own. Every datagram gets a fresh random 96-bit nonce.
 * Thread-safe.
 */
final class GroupKey {
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** Keeps our keys apart from any other use of the same passphrase and salt. */
    private static final byte[] CONTEXT = "chatroom-udp-v1/".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final byte[] salt;
    private final SecureRandom random;

    private GroupKey(SecretKey key, byte[] salt, SecureRandom random) {
        this.key = key;
        this.salt = salt.clone();
        this.random = random;
    }

    /** A new group's salt. */
    static byte[] newSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /** Derives the key; slow on purpose (a fraction of a second at the default iterations). */
    static GroupKey derive(char[] passphrase, byte[] salt, int iterations, SecureRandom random) {
        byte[] fullSalt = new byte[CONTEXT.length + salt.length];
        System.arraycopy(CONTEXT, 0, fullSalt, 0, CONTEXT.length);
        System.arraycopy(salt, 0, fullSalt, CONTEXT.length, salt.length);
        PBEKeySpec spec = new PBEKeySpec(passphrase, fullSalt, iterations, 256);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            SecretKey key = new SecretKeySpec(raw, "AES");
            Arrays.fill(raw, (byte) 0);
            return new GroupKey(key, salt, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime lacks PBKDF2WithHmacSHA256, which every JDK has", e);
        } finally {
            spec.clearPassword();
        }
    }

    byte[] salt() {
        return salt.clone();
    }

    /** Nonce, then ciphertext and tag; {@code header} is authenticated but not encrypted. */
    byte[] seal(byte[] header, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(header);
            byte[] sealed = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    /** The plaintext, if the tag proves it came from a holder of this key unchanged. */
    byte[] open(byte[] header, byte[] datagram, int offset, int length) throws BadDatagramException {
        if (length < NONCE_BYTES + TAG_BYTES) {
            throw new BadDatagramException(Drop.MALFORMED, "sealed datagram too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BYTES * 8, datagram, offset, NONCE_BYTES));
            cipher.updateAAD(header);
            return cipher.doFinal(datagram, offset + NONCE_BYTES, length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new BadDatagramException(Drop.UNAUTHENTICATED, "authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt", e);
        }
    }
}
