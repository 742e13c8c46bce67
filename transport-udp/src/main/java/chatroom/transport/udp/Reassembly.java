package chatroom.transport.udp;

import java.util.Arrays;
import java.util.Optional;

/**
 * Joins the pieces of a link's in-order stream back into messages. A message that grows past
 * {@link Wire#MAX_MESSAGE} is discarded to its last piece, so one hostile peer cannot make it hold more.
 */
final class Reassembly {
    private byte[] buffer = new byte[Wire.MAX_CHUNK];
    private int size;
    private boolean discarding;

    /**
     * Adds the next piece in order.
     *
     * @return the whole message when this piece ends one
     * @throws BadDatagramException with {@link Drop#TOO_LARGE} when this piece ends a message that was too large
     */
    Optional<byte[]> add(byte[] chunk, boolean last) throws BadDatagramException {
        if (!discarding && size + chunk.length > Wire.MAX_MESSAGE) {
            discarding = true;
        }
        if (!discarding) {
            if (size + chunk.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(Wire.MAX_MESSAGE, Math.max(size + chunk.length,
                        buffer.length * 2)));
            }
            System.arraycopy(chunk, 0, buffer, size, chunk.length);
            size += chunk.length;
        }
        if (!last) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOf(buffer, size);
        boolean discarded = discarding;
        size = 0;
        discarding = false;
        if (buffer.length > Wire.MAX_CHUNK) {
            buffer = new byte[Wire.MAX_CHUNK]; // one big message should not keep an idle link big
        }
        if (discarded) {
            throw new BadDatagramException(Drop.TOO_LARGE, "message over " + Wire.MAX_MESSAGE + " bytes");
        }
        return Optional.of(message);
    }
}
