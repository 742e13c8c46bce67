package chatroom.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    void aPacedRunWithHistoryOffAndASummaryLine() {
        assertEquals(0, bench("--clients", "3", "--senders", "1", "--rate", "200", "--duration", "1",
                "--history", "off", "--no-warmup"), err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("clients=3 senders=1 sent=200 deliveries=600/600 lost=0 "), summary);
        assertTrue(summary.contains("history=off"), summary);
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
    void badCombinationsAreUsageErrors() {
        assertEquals(1, bench("--duration", "5"));
        assertEquals("chat bench: --duration needs a --rate.\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(2, bench("--clients", "many"));
    }
}
