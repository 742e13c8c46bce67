package chatroom.transport.udp;

import java.util.List;

/**
 * What a receiver has of a link's stream: every piece up to {@code cumulative}, and the pieces in {@code ranges}
 * above it (selective acknowledgements, lowest first).
 */
record Acknowledgement(long cumulative, List<Range> ranges) {
    Acknowledgement {
        ranges = List.copyOf(ranges);
    }

    /** Pieces {@code first} to {@code last}, both included. */
    record Range(long first, long last) {
    }
}
