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

    /** A file is coming, as the sender's {@code file}-th transfer; its chunks follow on the same link. */
    record FileOffer(long ts, long file, long size, boolean toRoom, String name) implements GroupMessage {
    }

    /** The next piece of a file. */
    record FileChunk(long file, byte[] data) implements GroupMessage {
    }

    /** The last piece went; {@code sha256} is the whole file's checksum. */
    record FileDone(long file, byte[] sha256) implements GroupMessage {
    }

    /** Either side stops a file: the sender, or the receiver of its copy. */
    record FileCancel(long file, String reason) implements GroupMessage {
    }

    /** The receiver has the whole file, verified. */
    record FileReceived(long file) implements GroupMessage {
    }

    /**
     * The rooms the sender is in, all of them, whenever that changes and when a link is confirmed. A member that
     * never sent this (a peer from before rooms) is in {@code #lobby} only.
     */
    record Rooms(List<String> rooms) implements GroupMessage {
        public Rooms {
            rooms = List.copyOf(rooms);
        }
    }

    /** Text for everyone in a room other than {@code #lobby}, sent only to the members in it. */
    record SayIn(long ts, String room, String text) implements GroupMessage {
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
