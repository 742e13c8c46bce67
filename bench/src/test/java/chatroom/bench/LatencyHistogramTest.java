package chatroom.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {
    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 1; i <= 50; i++) {
            histogram.record(i);
        }
        assertEquals(25, histogram.percentile(50));
        assertEquals(50, histogram.percentile(100));
        assertEquals(50, histogram.max());
        assertEquals(50, histogram.count());
    }

    @Test
    void largeValuesAreWithinTwoPercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value = 1_000; value <= 1_000_000; value += 1_000) {
            histogram.record(value);
        }
        long p90 = histogram.percentile(90);
        assertTrue(Math.abs(p90 - 900_000) <= 900_000 * 0.02, "p90 = " + p90);
        assertEquals(1_000_000, histogram.percentile(100));
    }

    @Test
    void mergingAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(5_000_000);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(5_000_000, a.max());
        assertEquals(10, a.percentile(50));
        assertEquals(0, new LatencyHistogram().percentile(99));
    }
}
