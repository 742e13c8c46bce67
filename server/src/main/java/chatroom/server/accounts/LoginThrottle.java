package chatroom.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after a few failures for one name or from one address, each further attempt must
 * wait, twice as long after every failure, up to a ceiling. Bounded: stale entries are dropped.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /** How long the caller must still wait before trying this name from this address; zero when it may try now. */
    public Duration waitBefore(String nameKey, String address) {
        Instant now = clock.instant();
        Duration byName = wait(failures.get("name:" + nameKey), now);
        Duration byAddress = wait(failures.get("addr:" + address), now);
        return byName.compareTo(byAddress) >= 0 ? byName : byAddress;
    }

    public void failed(String nameKey, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_ENTRIES) {
            forgetStale(now);
        }
        failures.merge("name:" + nameKey, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        failures.merge("addr:" + address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String nameKey, String address) {
        failures.remove("name:" + nameKey);
        failures.remove("addr:" + address);
    }

    private static Duration wait(Failures entry, Instant now) {
        if (entry == null || entry.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(entry.count() - FREE_FAILURES, 20);
        Duration penalty = Duration.ofSeconds(1L << doublings);
        if (penalty.compareTo(MAX_WAIT) > 0) {
            penalty = MAX_WAIT;
        }
        Duration left = Duration.between(now, entry.last().plus(penalty));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void forgetStale(Instant now) {
        Iterator<Failures> entries = failures.values().iterator();
        while (entries.hasNext()) {
            if (entries.next().last().plus(FORGET_AFTER).isBefore(now)) {
                entries.remove();
            }
        }
    }
}
