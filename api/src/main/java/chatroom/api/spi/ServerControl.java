package chatroom.api.spi;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the operator's console may do with a running server. Thread-safe; every method returns promptly.
 */
public interface ServerControl {
    /** Counters and addresses, as of now. */
    ServerStatus status();

    /** Who is online, with their addresses (which only the operator sees), sorted by name. */
    List<OnlineUser> online();

    /**
     * Disconnects someone, telling them and the room why.
     *
     * @return whether that name was online
     */
    boolean kick(String name, String reason);

    /** Says something to everyone as the server; kept in the history. */
    void announce(String text);

    /** Tells everyone, closes every connection and stops the server. Returns at once; see {@link #awaitStopped}. */
    void shutdown();

    /** Blocks until the server has stopped. */
    void awaitStopped() throws InterruptedException;

    /**
     * Subscribes to the server's log lines (connects, logins, kicks, …), each already formatted for people.
     *
     * @return closing it unsubscribes
     */
    AutoCloseable subscribeLog(Consumer<String> line);
}
