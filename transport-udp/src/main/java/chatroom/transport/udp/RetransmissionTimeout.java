package chatroom.transport.udp;

/**
 * The retransmission timeout of one link, estimated from measured round trips as RFC 6298 says: SRTT and RTTVAR
 * smoothed with gains 1/8 and 1/4, RTO = SRTT + max(G, 4·RTTVAR) within bounds, doubled on each expiry until a new
 * measurement. Callers apply Karn's rule: only pieces sent once are measured.
 */
final class RetransmissionTimeout {
    /** Clock granularity G: the clock counts milliseconds. */
    private static final double GRANULARITY = 1;

    private final long min;
    private final long max;
    private double srtt = -1;
    private double rttvar;
    private long rto;

    RetransmissionTimeout(long initial, long min, long max) {
        this.min = min;
        this.max = max;
        this.rto = clamp(initial);
    }

    /** Takes a round trip measured on a piece sent once. */
    void sample(long roundTrip) {
        double r = Math.max(0, roundTrip);
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
            srtt = 0.875 * srtt + 0.125 * r;
        }
        rto = clamp((long) Math.ceil(srtt + Math.max(GRANULARITY, 4 * rttvar)));
    }

    /** The timer expired: wait twice as long next time (RFC 6298, 5.5). */
    void backOff() {
        rto = Math.min(max, rto * 2);
    }

    long rto() {
        return rto;
    }

    /** The smoothed round trip, or the current timeout before any measurement. */
    long smoothedRoundTrip() {
        return srtt < 0 ? rto : (long) Math.ceil(srtt);
    }

    private long clamp(long value) {
        return Math.max(min, Math.min(max, value));
    }
}
