package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.Login;
import chatroom.api.message.Protocol;
import chatroom.api.message.Say;
import chatroom.server.ServerConfig;
import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes whose PostgreSQL goes away and comes back: each node holds what it took, refuses new messages with a
 * clear error meanwhile, and once the database is back commits what it held, hears the other node's, and both end
 * with one conversation in one order.
 */
class ClusterOutageTest {
    @TempDir
    Path data;

    @Test
    void bothNodesHoldOrRefuseWhileTheDatabaseIsDownAndAgreeOnEverythingAfter() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        // --fsync: the outage is the database's crash, which only commits that waited for its disk survive.
        ServerConfig shared = RunningServer.config(data).toBuilder().fsync(true)
                .database(new ServerConfig.Database(postgres.createDatabase(), null, true)).build();
        try (RunningServer north = RunningServer.start(shared.toBuilder().nodeName("north").build());
             RunningServer south = RunningServer.start(shared.toBuilder().nodeName("south").build());
             WireClient alice = WireClient.greeted(north.port(), Protocol.ROOMS_VERSION);
             WireClient bob = WireClient.greeted(south.port(), Protocol.ROOMS_VERSION)) {
            alice.login(new Login("alice", "pw"));
            bob.login(new Login("bob", "pw"));
            alice.send(new Say("before", "a1", "#lobby"));
            assertEquals(1, bob.await(ChatMessage.class, m -> m.text().equals("before")).id());

            postgres.stopServer();
            try {
                alice.send(new Say("held by north", "a2", "#lobby"));
                bob.send(new Say("held by south", "b1", "#lobby"));
                awaitLogged(north, "history write failed, new messages are refused until it works again");
                awaitLogged(south, "history write failed, new messages are refused until it works again");
                alice.send(new Say("refused", "a3", "#lobby"));
                assertEquals(new ErrorReply("server_error", "The server cannot save messages right now, so yours was"
                        + " not sent; try again in a moment.", "say", "a3"), alice.await(ErrorReply.class));
            } finally {
                postgres.startServer();
            }

            // North's held message and south's, in whichever order their commits came.
            List<Long> ids = new ArrayList<>();
            while (ids.size() < 2) {
                ChatMessage next = alice.await(ChatMessage.class, m -> "a2".equals(m.cid())
                        || m.text().equals("held by south"));
                ids.add(next.id());
            }
            assertEquals(List.of(2L, 3L), ids.stream().sorted().toList(), "both held messages, one numbering");
            bob.await(ChatMessage.class, m -> "b1".equals(m.cid()));
            alice.send(new Say("after", "a4", "#lobby"));
            assertEquals(4, bob.await(ChatMessage.class, m -> m.text().equals("after")).id(),
                    "before, the two held, after: no gap, nothing twice");
        }
    }

    private static void awaitLogged(RunningServer server, String line) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.log().contains(line)) {
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in the log:\n" + server.log());
            Thread.sleep(50);
        }
    }
}
