package chatroom.bench;

import chatroom.store.testing.LocalPostgres;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A few seconds of the real bench against an in-process server: it keeps working. No timing is asserted. */
class BenchSmokeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        return new BenchCommandProvider().run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyClientReceivesEveryMessage() {
        // More clients than a server admits from one address by default: the bench's server must lift that.
        assertEquals(0, bench("--clients", "25", "--senders", "2", "--messages", "50", "--json", "--no-warmup"),
                err.toString(StandardCharsets.UTF_8));
        JsonObject result = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(100, result.get("messagesSent").getAsLong());
        assertEquals(2500, result.get("expectedDeliveries").getAsLong());
        assertEquals(2500, result.get("deliveries").getAsLong());
        assertEquals(0, result.get("lost").getAsLong());
        assertTrue(result.get("p99").getAsLong() >= result.get("p50").getAsLong());
        assertTrue(result.has("serverCpuSeconds"), "a local server reports its CPU");
    }

    @Test
    void aRunOnPostgresqlDeliversEverythingAndSaysSo() {
        String url = LocalPostgres.get(Assumptions::abort).createDatabase();
        assertEquals(0, bench("--clients", "5", "--senders", "1", "--messages", "40", "--no-warmup", "--database",
                url), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("clients=5 senders=1 sent=40 deliveries=200/200 lost=0 "), summary);
        assertTrue(summary.contains("history=durable store=postgresql "), summary);
    }

    @Test
    void aPacedRunWithHistoryOffAndASummaryLine() {
        assertEquals(0, bench("--clients", "3", "--senders", "1", "--rate", "200", "--duration", "1",
                "--history", "off", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("clients=3 senders=1 sent=200 deliveries=600/600 lost=0 "), summary);
        assertTrue(summary.contains("history=off store=sqlite"), summary);
    }

    @Test
    void repeatedRunsReportTheirMedian() {
        assertEquals(0, bench("--clients", "4", "--senders", "2", "--messages", "20", "--repeat", "3"),
                err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).startsWith("median of 3: clients=4 senders=2 sent=40 deliveries=160/160 lost=0 "),
                lines.get(3));
    }

    @Test
    void manyRoomsOverProtocol2DeliverEachMessageToItsRoomOnly() {
        // 30 clients in 2 of 6 rooms each: 10 members a room. 6 senders, 4 messages each, 2 to each of their rooms.
        assertEquals(0, bench("--rooms", "6", "--rooms-per-client", "2", "--clients", "30", "--messages", "4",
                "--json", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        JsonObject result = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(6, result.get("senders").getAsInt(), "one sender per room by default");
        assertEquals(24, result.get("messagesSent").getAsLong());
        assertEquals(240, result.get("expectedDeliveries").getAsLong());
        assertEquals(240, result.get("deliveries").getAsLong(), "not one delivery to someone outside the room");
        assertEquals(0, result.get("errors").getAsLong());
        assertTrue(result.get("joinP99").getAsLong() > 0, "the joins' round trips are measured");
    }

    @Test
    void aGuestInManyRoomsResumesWithEverythingItMissedOnce() {
        assertEquals(0, bench("--resume-rooms", "5", "--missed", "7", "--no-warmup"),
                err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("resume: rooms=5 missed=7 per room; joins=4 "), summary);
        assertTrue(summary.contains("replayed=35/35 lost=0 doubled=0"), summary);
    }

    @Test
    void privateMessagesThatWaitedArriveAtLoginEachOnceInOrder() {
        assertEquals(0, bench("--offline", "25", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("offline: 25 private messages waited; delivered "), summary);
        assertTrue(summary.contains("received=25/25 in order=true store=sqlite"), summary);
    }

    @Test
    void theSameScenariosRunOverIrc() {
        assertEquals(0, bench("--protocol", "irc", "--clients", "20", "--messages", "30", "--no-warmup"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(0, bench("--protocol", "irc", "--rooms", "4", "--rooms-per-client", "2", "--clients", "12",
                "--messages", "20", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        String summaries = out.toString(StandardCharsets.UTF_8);
        assertTrue(summaries.startsWith("protocol=irc clients=20 senders=10 sent=300 deliveries=6000/6000 lost=0 "),
                summaries);
        assertTrue(summaries.contains("protocol=irc rooms=4 perClient=2 join(µs)"), summaries);
        assertTrue(summaries.contains(" lost=0 ") && !summaries.contains("errors="), summaries);
    }

    @Test
    void aLoginToManyConversationsGetsEveryUnreadCountRight() {
        assertEquals(0, bench("--conversations", "6", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("conversations: 6 (3 rooms, 3 private), unread counts from the server; resume:"
                + " logged_in "), summary);
        assertTrue(summary.contains("counts right=true; password (1,000 iterations)"), summary);
        assertTrue(summary.contains("counts right=true store=sqlite"), summary);
    }

    @Test
    void accountsInPairsWritePrivatelyAndEveryMessageArrivesTwice() {
        assertEquals(0, bench("--pairs", "--clients", "20", "--messages", "30", "--no-warmup"),
                err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("pairs=10 private clients=20 senders=10 sent=300 deliveries=600/600 lost=0 "),
                summary);
    }

    @Test
    void badCombinationsAreUsageErrors() {
        assertEquals(1, bench("--duration", "5"));
        assertEquals("chat bench: --duration needs a --rate.\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(2, bench("--clients", "many"));
        err.reset();
        assertEquals(1, bench("--rooms", "3", "--rooms-per-client", "4"));
        assertEquals("chat bench: --rooms must be at least 1 and --rooms-per-client between 1 and it.\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
