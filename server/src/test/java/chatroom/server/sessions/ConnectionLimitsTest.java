package chatroom.server.sessions;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionLimitsTest {
    @Test
    void refusesTheConnectionOverTheLimitPerAddressWhateverItsPort() {
        ConnectionLimits limits = new ConnectionLimits(100, 2);

        assertEquals(Optional.empty(), limits.admit("10.0.0.1:5000"));
        assertEquals(Optional.empty(), limits.admit("10.0.0.1:5001"));
        assertEquals(Optional.of("Too many connections from your address (at most 2)."), limits.admit("10.0.0.1:5002"));
        assertEquals(Optional.empty(), limits.admit("10.0.0.2:5000"));
        assertEquals(Optional.empty(), limits.admit("[::1]:5000"));
        assertEquals(4, limits.total());

        limits.release("10.0.0.1:5000");
        assertEquals(Optional.empty(), limits.admit("10.0.0.1:5003"));
    }

    @Test
    void refusesTheConnectionOverTheTotal() {
        ConnectionLimits limits = new ConnectionLimits(2, 10);
        limits.admit("10.0.0.1:1");
        limits.admit("10.0.0.2:1");

        assertEquals(Optional.of("The server is full (2 connections); try again later."), limits.admit("10.0.0.3:1"));
        assertEquals(2, limits.total());
        assertEquals(0, limits.count("10.0.0.3:1"));
    }

    @Test
    void forgetsAnAddressOnceItsLastConnectionCloses() {
        ConnectionLimits limits = new ConnectionLimits(10, 10);
        limits.admit("[2001:db8::1]:1");
        limits.release("[2001:db8::1]:1");

        assertEquals(0, limits.count("[2001:db8::1]:2"));
        assertEquals(0, limits.total());
    }
}
