package chatroom.server.cluster;

import chatroom.server.log.ServerLog;
import chatroom.server.rooms.PresenceOut;
import chatroom.server.rooms.RoomNews;
import chatroom.server.store.ClusterLink;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Tells the other nodes, through the database, who comes and goes on this one and what changed in its rooms, in the
 * order it happened, on a thread of its own so that the rooms never wait for the database. A write that fails is
 * not retried: when the link comes back the node says anew who is online here, and room changes are in the tables.
 */
public final class ClusterPublisher implements PresenceOut, RoomNews {
    private interface Write {
        void to(ClusterLink link) throws SQLException;
    }

    private static final Write STOP = link -> {
    };

    private final ClusterLink link;
    private final ServerLog log;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean failing;

    public ClusterPublisher(ClusterLink link, ServerLog log) {
        this.link = link;
        this.log = log;
        this.thread = Thread.ofPlatform().name("cluster-out").daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void online(ClusterLink.Person person) {
        ClusterLink.Person here = new ClusterLink.Person(link.node(), person.memberKey(), person.name(),
                person.guest(), person.since());
        queue.add(to -> to.online(here));
    }

    @Override
    public void changed(String kind, String room, List<String> words) {
        ClusterLink.RoomChange change = new ClusterLink.RoomChange(link.node(), kind, room, words);
        queue.add(to -> to.roomChanged(change));
    }

    @Override
    public void offline(String memberKey, String reason) {
        queue.add(to -> to.offline(memberKey, reason));
    }

    @Override
    public void onlineHere(List<ClusterLink.Person> people) {
        List<ClusterLink.Person> here = people.stream().map(person -> new ClusterLink.Person(link.node(),
                person.memberKey(), person.name(), person.guest(), person.since())).toList();
        queue.add(to -> to.onlineHere(here));
    }

    private void loop() {
        while (true) {
            Write write;
            try {
                write = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (write == STOP) {
                return;
            }
            try {
                write.to(link);
                if (failing) {
                    failing = false;
                    log.info("cluster: what changes here reaches the other nodes again");
                }
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    failing = true;
                    log.info("cluster: could not tell the other nodes what changed here (" + e.getMessage()
                            + "); who is online is said again when the link is back");
                }
            }
        }
    }

    /** Writes what is queued, then stops. */
    public void stop() throws InterruptedException {
        queue.add(STOP);
        thread.join(5_000);
    }
}
