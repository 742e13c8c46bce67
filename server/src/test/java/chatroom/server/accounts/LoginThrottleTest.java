package chatroom.server.accounts;

import chatroom.server.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {
    private static final String HOST = "192.0.2.1";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(int times, String name, String host) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, host);
        }
    }

    @Test
    void theFirstFiveFailuresCostNothing() {
        fail(4, "alice", HOST);
        assertEquals(Duration.ZERO, throttle.waitBefore("alice", HOST));

        fail(1, "alice", HOST);
        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("alice", HOST));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        fail(5, "alice", HOST);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.waitBefore("alice", HOST));

        fail(1, "alice", HOST);
        assertEquals(Duration.ofSeconds(2), throttle.waitBefore("alice", HOST));
        clock.advance(Duration.ofSeconds(2));
        fail(1, "alice", HOST);
        assertEquals(Duration.ofSeconds(4), throttle.waitBefore("alice", HOST));
        clock.advance(Duration.ofSeconds(4));
        fail(1, "alice", HOST);
        assertEquals(Duration.ofSeconds(8), throttle.waitBefore("alice", HOST));
    }

    @Test
    void theWaitRunsDownWithTime() {
        fail(6, "alice", HOST);

        clock.advance(Duration.ofMillis(1500));

        assertEquals(Duration.ofMillis(500), throttle.waitBefore("alice", HOST));
    }

    @Test
    void theWaitHasACeiling() {
        fail(14, "alice", HOST);
        assertEquals(LoginThrottle.MAX_WAIT, throttle.waitBefore("alice", HOST));

        fail(100, "alice", HOST);
        assertEquals(Duration.ofMinutes(5), throttle.waitBefore("alice", HOST));
    }

    @Test
    void successForgetsTheFailures() {
        fail(7, "alice", HOST);

        throttle.succeeded("alice", HOST);

        assertEquals(Duration.ZERO, throttle.waitBefore("alice", HOST));
        fail(1, "alice", HOST);
        assertEquals(Duration.ZERO, throttle.waitBefore("alice", HOST));
    }

    @Test
    void failuresCountPerNameFromAnyHost() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "192.0.2." + (10 + i));
        }

        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("alice", "198.51.100.1"));
        assertEquals(Duration.ZERO, throttle.waitBefore("bob", "198.51.100.1"));
    }

    @Test
    void failuresCountPerHostForAnyName() {
        for (String name : new String[] {"ann", "ben", "cy", "dee", "eve"}) {
            throttle.failed(name, HOST);
        }

        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("fay", HOST));
        assertEquals(Duration.ZERO, throttle.waitBefore("fay", "198.51.100.1"));
    }

    @Test
    void theLongerOfTheTwoWaitsApplies() {
        fail(7, "alice", "198.51.100.1");
        fail(5, "bob", HOST);

        assertEquals(Duration.ofSeconds(4), throttle.waitBefore("alice", HOST));
    }
}
