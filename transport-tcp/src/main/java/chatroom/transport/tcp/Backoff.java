package chatroom.transport.tcp;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try reconnecting: {@code first}, then twice as long after every failed attempt up to {@code max}, each delay
 * moved at random by up to {@code jitter} either way so that the clients of a restarted server do not all come back
 * in the same instant; after {@code giveUpAfter} without success, not at all.
 */
record Backoff(Duration first, Duration max, double jitter, Duration giveUpAfter) {
    /** 0.5 s, 1 s, 2 s, … 30 s, ±20 %, for ten minutes: the time a resume token stays valid. */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2,
            Duration.ofMinutes(10));

    /** The delay before attempt {@code attempt} (1 for the first after the connection was lost). */
    Duration delay(int attempt, RandomGenerator random) {
        long base = first.toMillis() << Math.min(attempt - 1, 30);
        long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, max.toMillis());
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(capped * factor));
    }
}
