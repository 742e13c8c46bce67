package chatroom.server.sessions;

/**
 * Flood control for one connection: {@code burst} tokens at once, then {@code perSecond} sustained. A token is a
 * message, or a byte for the byte rate.
 */
public final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(int perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, burst);
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryTake(long nowNanos) {
        return tryTake(1, nowNanos);
    }

    /** Takes {@code amount} tokens if there are that many (an amount above the burst never passes). */
    boolean tryTake(double amount, long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= amount) {
            tokens -= amount;
            return true;
        }
        return false;
    }
}
