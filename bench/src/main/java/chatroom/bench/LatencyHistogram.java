package chatroom.bench;

/**
 * Latencies in microseconds, in buckets of about 1.6 % width (64 per power of two), so percentiles are close
 * without keeping every sample. Not thread-safe: one per receiving thread, merged at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKETS = 64;
    private static final int MAGNITUDES = 40;

    private final long[] counts = new long[SUB_BUCKETS * MAGNITUDES];
    private long total;
    private long max;

    void record(long micros) {
        long value = Math.max(0, micros);
        counts[index(value)]++;
        total++;
        max = Math.max(max, value);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The value at this percentile (0-100), as the upper edge of its bucket; 0 when empty. */
    long percentile(double percent) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperEdge(i), max);
            }
        }
        return max;
    }

    private static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - 6; // value >> shift lies in [64, 128)
        int sub = (int) (value >> shift) - SUB_BUCKETS;
        return Math.min(SUB_BUCKETS * (shift + 1) + sub, SUB_BUCKETS * MAGNITUDES - 1);
    }

    private static long upperEdge(int index) {
        int group = index / SUB_BUCKETS;
        if (group == 0) {
            return index;
        }
        int sub = index % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (group - 1)) - 1;
    }
}
