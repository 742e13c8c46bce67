package chatroom.transport.udp;

/** Why an incoming datagram (or the message it carried) was dropped. */
enum Drop {
    /** Too short, bad magic, bad field values, trailing bytes: not one of ours, or damaged. */
    MALFORMED,
    /** Longer than {@link Wire#MAX_DATAGRAM}. */
    OVERSIZED,
    /** Another protocol version. */
    WRONG_VERSION,
    /** Sealed, but the authentication tag does not match: another key, or tampered with. */
    UNAUTHENTICATED,
    /** Plaintext in an encrypted group, or sealed in a plaintext one. */
    WRONG_MODE,
    /** Addressed to another peer id (a stale address), or from this peer itself. */
    MISADDRESSED,
    /** From a peer this one has no link with, or from an older link with it. */
    UNKNOWN_LINK,
    /** A piece already received (retransmitted, duplicated by the network, or replayed). */
    DUPLICATE,
    /** A piece too far ahead of what was delivered: beyond the reorder buffer. */
    BEYOND_WINDOW,
    /** A message that grew past {@link Wire#MAX_MESSAGE} while being reassembled. */
    TOO_LARGE,
    /** A complete message whose content could not be read, or broke the limits. */
    UNREADABLE,
    /** A well-formed packet that does not fit this peer's state (a welcome nobody asked for). */
    UNEXPECTED
}
