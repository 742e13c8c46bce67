package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetransmissionTimeoutTest {
    @Test
    void startsAtTheInitialTimeout() {
        assertEquals(1000, new RetransmissionTimeout(1000, 200, 5000).rto());
    }

    @Test
    void followsRfc6298() {
        RetransmissionTimeout timeout = new RetransmissionTimeout(1000, 10, 60_000);
        timeout.sample(100); // SRTT 100, RTTVAR 50: RTO = 100 + 4 * 50
        assertEquals(300, timeout.rto());
        assertEquals(100, timeout.smoothedRoundTrip());
        timeout.sample(200); // RTTVAR 3/4 * 50 + 1/4 * 100 = 62.5; SRTT 7/8 * 100 + 1/8 * 200 = 112.5
        assertEquals(363, timeout.rto()); // 112.5 + 250, rounded up
        assertEquals(113, timeout.smoothedRoundTrip());
    }

    @Test
    void keepsWithinItsBoundsAndTheClockGranularity() {
        RetransmissionTimeout timeout = new RetransmissionTimeout(1000, 200, 5000);
        timeout.sample(0);
        assertEquals(200, timeout.rto());
        timeout.sample(10_000);
        assertEquals(5000, timeout.rto());
        RetransmissionTimeout unbounded = new RetransmissionTimeout(1000, 0, 5000);
        for (int i = 0; i < 50; i++) {
            unbounded.sample(40);
        }
        assertEquals(41, unbounded.rto(), "RTTVAR shrinks to nothing; G = 1 ms remains");
    }

    @Test
    void backsOffExponentiallyUntilANewMeasurement() {
        RetransmissionTimeout timeout = new RetransmissionTimeout(1000, 200, 5000);
        timeout.backOff();
        assertEquals(2000, timeout.rto());
        timeout.backOff();
        assertEquals(4000, timeout.rto());
        timeout.backOff();
        assertEquals(5000, timeout.rto());
        timeout.sample(100);
        assertEquals(300, timeout.rto());
    }
}
