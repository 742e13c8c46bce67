package chatroom.server.rooms;

import java.util.List;

/**
 * Where a node of several says what it changed in a room and stored (made, joined, left, topic), for the other nodes
 * to show. Called on the rooms thread: an implementation hands the work to a thread of its own and never blocks.
 */
public interface RoomNews {
    /** A change of this kind to the room, with its words (see {@code ClusterLink.RoomChange}). */
    void changed(String kind, String room, List<String> words);
}
