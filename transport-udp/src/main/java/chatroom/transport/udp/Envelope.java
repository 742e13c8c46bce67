package chatroom.transport.udp;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outside of every datagram: 2 magic bytes, a version and a mode, then a packet in the clear, a sealed packet,
 * or one of the two salt messages a newcomer uses to learn the group's key salt. See {@code docs/PROTOCOL-UDP.md}.
 */
final class Envelope {
    static final int MAGIC_0 = 'C';
    static final int MAGIC_1 = 'R';
    static final int VERSION = 1;
    static final int HEADER_SIZE = 4;

    static final int PLAIN = 0;
    static final int SEALED = 1;
    static final int SALT_REQUEST = 2;
    static final int SALT_ANSWER = 3;

    /** Padding makes a request as long as the answer, so nobody can use peers to amplify traffic. */
    static final int SALT_REQUEST_SIZE = HEADER_SIZE + GroupKey.SALT_BYTES + 4;

    /** What a datagram held. */
    sealed interface Content {
        /** A packet, decrypted if it was sealed; {@code sealed} says which. */
        record Packet(byte[] bytes, boolean sealed) implements Content {
        }

        /** Someone asks for the group's salt. */
        record SaltRequest() implements Content {
        }

        /** The group's salt; empty when the answering peer's group is not encrypted. */
        record SaltAnswer(Optional<byte[]> salt) implements Content {
        }
    }

    private Envelope() {
    }

    static byte[] plain(byte[] packet) {
        byte[] datagram = Arrays.copyOf(header(PLAIN), HEADER_SIZE + packet.length);
        System.arraycopy(packet, 0, datagram, HEADER_SIZE, packet.length);
        return datagram;
    }

    static byte[] sealed(GroupKey key, byte[] packet) {
        byte[] header = header(SEALED);
        byte[] sealed = key.seal(header, packet);
        byte[] datagram = Arrays.copyOf(header, HEADER_SIZE + sealed.length);
        System.arraycopy(sealed, 0, datagram, HEADER_SIZE, sealed.length);
        return datagram;
    }

    static byte[] saltRequest() {
        return Arrays.copyOf(header(SALT_REQUEST), SALT_REQUEST_SIZE);
    }

    static byte[] saltAnswer(Optional<byte[]> salt) {
        byte[] header = header(SALT_ANSWER);
        if (salt.isEmpty()) {
            return header;
        }
        byte[] datagram = Arrays.copyOf(header, HEADER_SIZE + GroupKey.SALT_BYTES);
        System.arraycopy(salt.get(), 0, datagram, HEADER_SIZE, GroupKey.SALT_BYTES);
        return datagram;
    }

    /**
     * Opens a received datagram.
     *
     * @param key the group key, or {@code null} when this peer has none (plaintext, or not yet joined)
     * @throws BadDatagramException for anything oversized, damaged, of another version, sealed under another key,
     *                              or sealed when this peer has no key
     */
    static Content open(byte[] datagram, int length, GroupKey key) throws BadDatagramException {
        if (length > Wire.MAX_DATAGRAM) {
            throw new BadDatagramException(Drop.OVERSIZED, length + " bytes");
        }
        if (length < HEADER_SIZE || (datagram[0] & 0xFF) != MAGIC_0 || (datagram[1] & 0xFF) != MAGIC_1) {
            throw new BadDatagramException(Drop.MALFORMED, "no magic");
        }
        if ((datagram[2] & 0xFF) != VERSION) {
            throw new BadDatagramException(Drop.WRONG_VERSION, "version " + (datagram[2] & 0xFF));
        }
        int mode = datagram[3] & 0xFF;
        switch (mode) {
            case PLAIN -> {
                return new Content.Packet(Arrays.copyOfRange(datagram, HEADER_SIZE, length), false);
            }
            case SEALED -> {
                if (key == null) {
                    throw new BadDatagramException(Drop.WRONG_MODE, "sealed, but no key");
                }
                byte[] header = Arrays.copyOf(datagram, HEADER_SIZE);
                return new Content.Packet(key.open(header, datagram, HEADER_SIZE, length - HEADER_SIZE), true);
            }
            case SALT_REQUEST -> {
                if (length != SALT_REQUEST_SIZE) {
                    throw new BadDatagramException(Drop.MALFORMED, "salt request of " + length + " bytes");
                }
                return new Content.SaltRequest();
            }
            case SALT_ANSWER -> {
                if (length == HEADER_SIZE) {
                    return new Content.SaltAnswer(Optional.empty());
                }
                if (length != HEADER_SIZE + GroupKey.SALT_BYTES) {
                    throw new BadDatagramException(Drop.MALFORMED, "salt answer of " + length + " bytes");
                }
                return new Content.SaltAnswer(Optional.of(Arrays.copyOfRange(datagram, HEADER_SIZE, length)));
            }
            default -> throw new BadDatagramException(Drop.MALFORMED, "mode " + mode);
        }
    }

    private static byte[] header(int mode) {
        return new byte[] {(byte) MAGIC_0, (byte) MAGIC_1, (byte) VERSION, (byte) mode};
    }
}
