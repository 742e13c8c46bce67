package chatroom.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacingTest {
    private static final long MS = 1_000_000;

    private static long allowedInAll(long elapsedNanos, int rate, int senders) {
        long all = 0;
        for (int index = 0; index < senders; index++) {
            all += LoadClients.allowedBy(elapsedNanos, rate, senders, index);
        }
        return all;
    }

    @Test
    void sendersTogetherSendOneMessageEachIntervalNotABurstEachPeriod() {
        // 10 senders at 1,000 msgs/s: one message a millisecond over all, never ten at once every 10 ms.
        for (int ms = 0; ms < 100; ms++) {
            assertEquals(ms + 1, allowedInAll(ms * MS + MS / 2, 1000, 10), "after " + ms + ".5 ms");
        }
    }

    @Test
    void eachSenderKeepsItsShareOfTheRate() {
        for (int index = 0; index < 10; index++) {
            long inTenSeconds = LoadClients.allowedBy(10_000 * MS, 1000, 10, index);
            assertEquals(1000, inTenSeconds, 1, "sender " + index);
        }
        assertEquals(10_001, allowedInAll(10_000 * MS, 1000, 10));
    }

    @Test
    void aSingleSenderStartsAtOnce() {
        assertEquals(1, LoadClients.allowedBy(0, 50, 1, 0));
        assertEquals(2, LoadClients.allowedBy(20 * MS, 50, 1, 0));
    }
}
