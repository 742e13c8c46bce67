package chatroom.transport.udp;

/**
 * One packet between two peers, the plaintext inside a datagram's envelope. Handshake packets ({@link Hello},
 * {@link Welcome}, {@link Refuse}, {@link Reset}) set up and tear down links; link packets ({@link Data},
 * {@link Ack}) carry a link's stream and its acknowledgements, numbered so that a replayed packet cannot pass for
 * a sign of life.
 */
sealed interface Packet {
    Route route();

    /** Asks to link; sent to an address, so the receiver's id may be unknown. {@code age}: ms since its login. */
    record Hello(Route route, long age, String name) implements Packet {
    }

    /** Accepts a hello; both sides now have the link. */
    record Welcome(Route route, long age, String name) implements Packet {
    }

    /** Refuses a hello, naming the clash. */
    record Refuse(Route route, Refusal reason, String name) implements Packet {
    }

    /** "I have no link with that id": the receiver drops its link {@code route().receiverLink()}. */
    record Reset(Route route) implements Packet {
    }

    /** A piece of the link's stream; {@code last} ends a message. */
    record Data(Route route, long number, Acknowledgement ack, long seq, boolean last, byte[] chunk)
            implements Packet {
    }

    /** Acknowledgements alone; also the keep-alive. */
    record Ack(Route route, long number, Acknowledgement ack) implements Packet {
    }
}
