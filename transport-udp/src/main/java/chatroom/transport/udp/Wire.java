package chatroom.transport.udp;

import chatroom.api.rules.Names;
import chatroom.api.rules.Texts;

/** The sizes every peer of the group must agree on; see {@code docs/PROTOCOL-UDP.md}. */
final class Wire {
    /**
     * The largest datagram sent or accepted. Below the 1,280-byte IPv6 minimum MTU less IP and UDP headers, so
     * datagrams are never fragmented by the network on any path.
     */
    static final int MAX_DATAGRAM = 1200;
    /** The largest piece of a message in one DATA packet; leaves room for the envelope and a full packet header. */
    static final int MAX_CHUNK = 1024;
    /** The largest reassembled message; bounds the reassembly buffer of every link. */
    static final int MAX_MESSAGE = 64 * 1024;
    /** Selective acknowledgement ranges per packet. */
    static final int MAX_SACK_RANGES = 8;
    /** The longest user name, in UTF-8 bytes (at most {@link Names#DEFAULT_MAX_LENGTH} characters fit). */
    static final int MAX_NAME_BYTES = 128;
    /** The longest chat text, in characters: the default of every chat, since a group has no one to change it. */
    static final int MAX_TEXT_LENGTH = Texts.DEFAULT_MAX_LENGTH;
    /** The naming rules of every chat, at their default length. */
    static final Names NAMES = Names.standard();
    /** Members a peer links with; more are refused, so every per-member table stays bounded. */
    static final int MAX_MEMBERS = 64;
    /** Rooms a peer is in at most: as many as a server lets one person be in by default. */
    static final int MAX_ROOMS = 100;

    private Wire() {
    }
}
