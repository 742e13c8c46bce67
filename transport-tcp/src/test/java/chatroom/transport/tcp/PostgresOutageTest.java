package chatroom.transport.tcp;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.JoinRoom;
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
 * A server on a real PostgreSQL that goes away and comes back: what was sent meanwhile is acknowledged only once
 * committed, what the room could not save is refused at once with a clear error, and the server carries on by itself.
 */
class PostgresOutageTest {
    @TempDir
    Path data;

    @Test
    void messagesAreHeldOrRefusedWhileTheDatabaseIsDownAndNothingAcknowledgedIsLost() throws Exception {
        LocalPostgres postgres = LocalPostgres.get(Assumptions::abort);
        // --fsync: the outage is the database's crash, which only commits that waited for its disk survive.
        ServerConfig config = RunningServer.config(data).toBuilder().fsync(true)
                .database(new ServerConfig.Database(postgres.createDatabase(), null, true)).build();
        try (RunningServer server = RunningServer.start(config);
             WireClient alice = WireClient.greeted(server.port(), Protocol.ROOMS_VERSION)) {
            alice.login(new Login("alice", "pw"));
            alice.send(new Say("before", "c1", "#lobby"));
            assertEquals(1, alice.await(ChatMessage.class, m -> "c1".equals(m.cid())).id());

            postgres.stopServer();
            try {
                alice.send(new Say("held", "c2", "#lobby"));
                awaitLogged(server, "history write failed, new messages are refused until it works again");
                alice.send(new Say("refused", "c3", "#lobby"));
                // The very next line: "held" was not acknowledged before it was committed.
                assertEquals(new ErrorReply("server_error", "The server cannot save messages right now, so yours was"
                        + " not sent; try again in a moment.", "say", "c3"), alice.next());
                alice.send(new JoinRoom("#new"));
                assertEquals(new ErrorReply("server_error", "The server could not record that; try again.", null),
                        alice.next(), "at once, not behind the held message");
            } finally {
                postgres.startServer();
            }

            assertEquals(2, alice.await(ChatMessage.class, m -> "c2".equals(m.cid())).id(), "committed, then acked");
            awaitLogged(server, "history writes work again; new messages are accepted");
            alice.send(new Say("after", "c4", "#lobby"));
            assertEquals(3, alice.await(ChatMessage.class, m -> "c4".equals(m.cid())).id());

            try (WireClient bob = WireClient.greeted(server.port())) {
                bob.login(new Login("bob", "pw"));
                List<String> replayed = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    replayed.add(bob.await(ChatMessage.class, ChatMessage::history).text());
                }
                assertEquals(List.of("before", "held", "after"), replayed);
            }
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
