package chatroom.server.sessions;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T = 42 * SECOND;

    @Test
    void aBurstPassesThenTheBucketIsEmpty() {
        TokenBucket bucket = new TokenBucket(2, 3, T);

        assertTrue(bucket.tryTake(T));
        assertTrue(bucket.tryTake(T));
        assertTrue(bucket.tryTake(T));
        assertFalse(bucket.tryTake(T));
    }

    @Test
    void tokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 1, T);
        assertTrue(bucket.tryTake(T));

        assertFalse(bucket.tryTake(T + SECOND * 4 / 10));
        assertTrue(bucket.tryTake(T + SECOND * 6 / 10));
        assertFalse(bucket.tryTake(T + SECOND * 6 / 10));
    }

    @Test
    void aLongPauseRefillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, T);
        long later = T + 3600 * SECOND;

        assertTrue(bucket.tryTake(later));
        assertTrue(bucket.tryTake(later));
        assertFalse(bucket.tryTake(later));
    }

    @Test
    void aRefusalDoesNotCostAToken() {
        TokenBucket bucket = new TokenBucket(1, 1, T);
        assertTrue(bucket.tryTake(T));
        for (int i = 0; i < 10; i++) {
            assertFalse(bucket.tryTake(T + i));
        }

        assertTrue(bucket.tryTake(T + SECOND + SECOND / 10));
    }

    @Test
    void aBurstBelowOneStillLetsOneMessageThrough() {
        TokenBucket bucket = new TokenBucket(1, 0, T);

        assertTrue(bucket.tryTake(T));
        assertFalse(bucket.tryTake(T));
    }
}
