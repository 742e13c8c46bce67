package chatroom.server.log;

import chatroom.server.MutableClock;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock();
    private final ServerLog log = new ServerLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);

    private List<String> written() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void eachLineStartsWithTheTimeToTheSecond() {
        clock.advance(Duration.ofMillis(1750));

        log.info("login alice from 127.0.0.1:50001 (1 online)");

        assertEquals(List.of("2026-01-01T10:00:01Z login alice from 127.0.0.1:50001 (1 online)"), written());
    }

    @Test
    void subscribersGetTheSameLinesUntilTheyUnsubscribe() throws Exception {
        List<String> lines = new ArrayList<>();
        AutoCloseable subscription = log.subscribe(lines::add);

        log.info("one");
        subscription.close();
        log.info("two");

        assertEquals(List.of("2026-01-01T10:00:00Z one"), lines);
        assertEquals(List.of("2026-01-01T10:00:00Z one", "2026-01-01T10:00:00Z two"), written());
    }

    @Test
    void aBrokenSubscriberIsDroppedAndTheOthersGoOn() {
        List<String> calls = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        log.subscribe(line -> {
            calls.add(line);
            throw new IllegalStateException("console gone");
        });
        log.subscribe(lines::add);

        log.info("one");
        log.info("two");

        assertEquals(List.of("2026-01-01T10:00:00Z one"), calls);
        assertEquals(List.of("2026-01-01T10:00:00Z one", "2026-01-01T10:00:00Z two"), lines);
    }
}
