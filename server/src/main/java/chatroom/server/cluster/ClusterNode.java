package chatroom.server.cluster;

import chatroom.api.message.ServerMessage;
import chatroom.server.log.ServerLog;
import chatroom.server.rooms.Room;
import chatroom.server.rooms.Rooms;
import chatroom.server.store.ClusterLink;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.PrivateRow;

import java.sql.SQLException;
import java.util.List;

/**
 * This node's side of the others' commits: told that another node committed to a room, it reads those entries from
 * the tables and hands them to the rooms thread, which shows them in id order beside this node's own. When notices
 * may have been lost (at start, and after the link to the database came back) it reads, for every room, whatever the
 * tables hold above what the room has shown. Runs on the link's thread.
 */
public final class ClusterNode implements ClusterLink.Listener {
    /** The most entries read in one query when catching up. */
    static final int PAGE = 1_000;

    private final ClusterLink link;
    private final HistoryStore history;
    private final Rooms rooms;
    private final ServerLog log;
    /** Set when a read failed, so the next notice catches up on every room rather than on its own range only. */
    private volatile boolean behind;

    public ClusterNode(ClusterLink link, HistoryStore history, Rooms rooms, ServerLog log) {
        this.link = link;
        this.history = history;
        this.rooms = rooms;
        this.log = log;
    }

    @Override
    public void committed(ClusterLink.Committed committed) {
        if (behind) {
            missed();
            return;
        }
        Room room = rooms.room(committed.roomKey());
        if (room == null || committed.lastId() <= room.lastId()) {
            return;
        }
        if (!committed.entries().isEmpty()) {
            // They came with the notice: nothing to read back.
            rooms.post(Rooms.Numbered.fromTables(committed.entries()));
            return;
        }
        try {
            read(room, Math.max(committed.firstId(), room.lastId() + 1), committed.lastId());
        } catch (SQLException e) {
            fellBehind(e);
        }
    }

    @Override
    public void missed() {
        try {
            for (Room room : rooms.rooms()) {
                long newest = history.lastId(room.name());
                if (newest > room.lastId()) {
                    read(room, room.lastId() + 1, newest);
                }
            }
            behind = false;
        } catch (SQLException e) {
            fellBehind(e);
        }
        recounted(null);
        rooms.post(new Rooms.SayWhoIsHere());
    }

    @Override
    public void privateCommitted(ClusterLink.Committed committed) {
        try {
            List<PrivateRow> rows = link.privateRows(committed.roomKey(), committed.firstId(), committed.lastId());
            if (!rows.isEmpty()) {
                rooms.post(Rooms.PrivatesNumbered.fromTables(rows));
            }
        } catch (SQLException e) {
            // Its people read it in the conversation's history, or at their next login if it waits for them.
            log.info("cluster: could not read a private message another node committed (" + e.getMessage() + ")");
        }
    }

    @Override
    public void online(ClusterLink.Person person) {
        try {
            rooms.post(new Rooms.OnlineElsewhere(person, person.guest() ? List.of()
                    : link.memberships(List.of(person.memberKey()))));
        } catch (SQLException e) {
            // Shown in the rooms this node knows them in; the next recount brings the rest.
            rooms.post(new Rooms.OnlineElsewhere(person, List.of()));
        }
    }

    @Override
    public void roomChanged(ClusterLink.RoomChange change) {
        rooms.post(new Rooms.RoomChanged(change));
    }

    @Override
    public void offline(String node, String memberKey, String reason) {
        rooms.post(new Rooms.OfflineElsewhere(node, memberKey, reason));
    }

    @Override
    public void nodeGone(String node, String reason) {
        log.info("cluster: node " + node + " " + reason);
        rooms.post(new Rooms.NodeGone(node, reason));
    }

    /** Who is online elsewhere, read anew, with the memberships of those with accounts. */
    @Override
    public void recounted(String node) {
        try {
            List<ClusterLink.Person> people = link.onlineElsewhere();
            List<String> accounts = people.stream().filter(person -> !person.guest())
                    .map(ClusterLink.Person::memberKey).distinct().toList();
            rooms.post(new Rooms.AllElsewhere(people, link.memberships(accounts)));
        } catch (SQLException e) {
            log.info("cluster: could not read who is online on the other nodes (" + e.getMessage() + ")");
        }
    }

    @Override
    public void down(SQLException cause) {
        log.info("cluster: the link to the database is lost (" + cause.getMessage() + "); connecting again");
    }

    private void read(Room room, long firstId, long lastId) throws SQLException {
        for (long from = firstId; from <= lastId; from += PAGE) {
            List<ServerMessage> entries = link.committed(room.name(), from, Math.min(lastId, from + PAGE - 1));
            if (!entries.isEmpty()) {
                rooms.post(Rooms.Numbered.fromTables(entries));
            }
        }
    }

    private void fellBehind(SQLException e) {
        if (!behind) {
            behind = true;
            log.info("cluster: could not read what other nodes committed (" + e.getMessage() + "); catching up at"
                    + " the next notice");
        }
    }
}
