package chatroom.transport.udp;

import java.net.InetSocketAddress;
import java.util.List;

/** What members tell each other over their links; times are the sender's clock, ms since the epoch. */
sealed interface GroupMessage {
    /** Text for everyone. */
    record Say(long ts, String text) implements GroupMessage {
    }

    /** Text for the receiving member only. */
    record Tell(long ts, String text) implements GroupMessage {
    }

    /** The sender is now called {@code name}. */
    record Rename(long ts, String name) implements GroupMessage {
    }

    /** The sender leaves the group. */
    record Leave(long ts) implements GroupMessage {
    }

    /** Members the sender has a link with, so the receiver can contact them: the gossip. */
    record Members(List<Entry> entries) implements GroupMessage {
        public Members {
            entries = List.copyOf(entries);
        }

        record Entry(long id, String name, InetSocketAddress address) {
        }
    }
}
