package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SALT = new byte[GroupKey.SALT_BYTES];
    private static final GroupKey KEY = GroupKey.derive("correct horse".toCharArray(), SALT, 1_000, RANDOM);
    private static final byte[] PACKET = "a packet".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sealsAndOpens() throws Exception {
        byte[] datagram = Envelope.sealed(KEY, PACKET);
        assertEquals(Envelope.HEADER_SIZE + GroupKey.NONCE_BYTES + PACKET.length + GroupKey.TAG_BYTES,
                datagram.length);
        assertArrayEquals(new byte[] {'C', 'R', 1, Envelope.SEALED}, Arrays.copyOf(datagram, 4));
        assertFalse(new String(datagram, StandardCharsets.US_ASCII).contains("a packet"));
        Envelope.Content.Packet opened = (Envelope.Content.Packet) Envelope.open(datagram, datagram.length, KEY);
        assertArrayEquals(PACKET, opened.bytes());
        assertTrue(opened.sealed());
    }

    @Test
    void neverRepeatsANonce() {
        byte[] first = Envelope.sealed(KEY, PACKET);
        byte[] second = Envelope.sealed(KEY, PACKET);
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 4, 16), Arrays.copyOfRange(second, 4, 16)));
    }

    @Test
    void refusesAnotherKeyAnotherSaltOrTampering() {
        byte[] datagram = Envelope.sealed(KEY, PACKET);
        GroupKey otherPassphrase = GroupKey.derive("wrong horse".toCharArray(), SALT, 1_000, RANDOM);
        byte[] otherSalt = SALT.clone();
        otherSalt[0] = 1;
        GroupKey otherGroup = GroupKey.derive("correct horse".toCharArray(), otherSalt, 1_000, RANDOM);
        assertDropped(Drop.UNAUTHENTICATED, datagram, otherPassphrase);
        assertDropped(Drop.UNAUTHENTICATED, datagram, otherGroup);
        for (int i = 0; i < datagram.length; i++) {
            byte[] tampered = datagram.clone();
            tampered[i] ^= 0x20;
            Drop expected = i < 2 ? Drop.MALFORMED : i == 2 ? Drop.WRONG_VERSION : i == 3 ? Drop.MALFORMED
                    : Drop.UNAUTHENTICATED;
            assertDropped(expected, tampered, KEY);
        }
        byte[] modeChanged = datagram.clone();
        modeChanged[3] = Envelope.PLAIN; // the mode byte is authenticated too: as plaintext it is only garbage
        assertInstanceOf(Envelope.Content.Packet.class, open(modeChanged, KEY));
    }

    @Test
    void dropsOversizedTruncatedForeignAndFutureDatagrams() {
        assertDropped(Drop.OVERSIZED, new byte[Wire.MAX_DATAGRAM + 1], null);
        assertDropped(Drop.MALFORMED, new byte[] {'C', 'R', 1}, null);
        assertDropped(Drop.MALFORMED, "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII), null);
        assertDropped(Drop.WRONG_VERSION, new byte[] {'C', 'R', 2, 0, 1, 2, 3}, null);
        assertDropped(Drop.MALFORMED, new byte[] {'C', 'R', 1, 9}, null);
        byte[] sealed = Envelope.sealed(KEY, PACKET);
        assertDropped(Drop.WRONG_MODE, sealed, null);
        for (int length = 4; length < 4 + GroupKey.NONCE_BYTES + GroupKey.TAG_BYTES; length++) {
            assertDropped(Drop.MALFORMED, Arrays.copyOf(sealed, length), KEY);
        }
        for (int length = 4 + GroupKey.NONCE_BYTES + GroupKey.TAG_BYTES; length < sealed.length; length++) {
            assertDropped(Drop.UNAUTHENTICATED, Arrays.copyOf(sealed, length), KEY);
        }
    }

    @Test
    void randomBytesAreDroppedWithoutOtherExceptions() {
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(Wire.MAX_DATAGRAM + 50)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                bytes[0] = 'C';
                bytes[1] = 'R';
                bytes[2] = 1;
                bytes[3] = Envelope.SEALED;
            }
            try {
                Envelope.open(bytes, bytes.length, KEY);
            } catch (BadDatagramException expected) {
                // counted by the endpoint
            }
        }
    }

    @Test
    void carriesSaltRequestsAndAnswersNoLargerThanTheRequest() throws Exception {
        byte[] request = Envelope.saltRequest();
        assertInstanceOf(Envelope.Content.SaltRequest.class, open(request, null));
        byte[] answer = Envelope.saltAnswer(Optional.of(KEY.salt()));
        assertTrue(answer.length <= request.length);
        Envelope.Content.SaltAnswer salt = (Envelope.Content.SaltAnswer) open(answer, null);
        assertArrayEquals(SALT, salt.salt().orElseThrow());
        Envelope.Content.SaltAnswer none = (Envelope.Content.SaltAnswer) open(Envelope.saltAnswer(Optional.empty()),
                null);
        assertTrue(none.salt().isEmpty());
        assertDropped(Drop.MALFORMED, Arrays.copyOf(request, request.length - 1), null);
        assertDropped(Drop.MALFORMED, Arrays.copyOf(answer, answer.length - 1), null);
    }

    @Test
    void keepsPlainPacketsPlain() throws Exception {
        Envelope.Content.Packet opened = (Envelope.Content.Packet) open(Envelope.plain(PACKET), KEY);
        assertArrayEquals(PACKET, opened.bytes());
        assertFalse(opened.sealed(), "the endpoint refuses it when it expects sealed ones");
    }

    private static Envelope.Content open(byte[] datagram, GroupKey key) {
        try {
            return Envelope.open(datagram, datagram.length, key);
        } catch (BadDatagramException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertDropped(Drop reason, byte[] datagram, GroupKey key) {
        BadDatagramException e = assertThrows(BadDatagramException.class,
                () -> Envelope.open(datagram, datagram.length, key));
        assertEquals(reason, e.reason());
    }
}
