package chatroom.server.rooms;

import chatroom.server.store.ClusterLink;

import java.util.List;

/**
 * Where a node of several says who is online on it, for the other nodes to show. Called on the rooms thread: an
 * implementation hands the work to a thread of its own and never blocks.
 */
public interface PresenceOut {
    /** Someone came online on this node (its first session here), or was renamed. */
    void online(ClusterLink.Person person);

    /** Someone's last session on this node ended. */
    void offline(String memberKey, String reason);

    /** Everyone online on this node, said anew (after the link to the others came back). */
    void onlineHere(List<ClusterLink.Person> people);
}
