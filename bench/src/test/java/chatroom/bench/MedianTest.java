package chatroom.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;

class MedianTest {
    private static BenchResult run(double deliveriesPerSecond, long p99) {
        return new BenchResult(100, 10, 1000, 100_000, 100_000, 0, 0.1, 1, deliveriesPerSecond, p99 / 2, p99 / 2,
                p99, p99, p99, null, 0.0, null, null, null, true, true, "sqlite", 0, null, null, null, null, null, null,
                null);
    }

    @Test
    void aBurstIsJudgedByThroughput() {
        BenchResult slow = run(1e6, 100);
        BenchResult middle = run(2e6, 900);
        BenchResult fast = run(3e6, 500);
        assertSame(middle, BenchCommand.median(List.of(fast, slow, middle), false));
    }

    @Test
    void aPacedRunIsJudgedByItsTail() {
        // All paced runs deliver at the rate they were given; which one is typical is a matter of latency.
        BenchResult best = run(100_010, 1200);
        BenchResult middle = run(100_000, 1900);
        BenchResult worst = run(100_020, 4000);
        assertSame(middle, BenchCommand.median(List.of(worst, best, middle), true));
    }

    @Test
    void ofAnEvenCountTheWorseMiddleRunIsReported() {
        BenchResult fast = run(3e6, 100);
        BenchResult slow = run(1e6, 100);
        assertSame(slow, BenchCommand.median(List.of(fast, slow), false));
        BenchResult tight = run(100_000, 1200);
        BenchResult loose = run(100_000, 1900);
        assertSame(loose, BenchCommand.median(List.of(tight, loose), true));
    }
}
