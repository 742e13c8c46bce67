package chatroom.api.spi;

import chatroom.api.message.RoomInfo;

import java.util.List;
import java.util.Optional;
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

    /**
     * Bans an account from the whole server (its session ends, its logins are refused, across restarts) or lifts
     * the ban.
     *
     * @return why not, or empty when done (or already so)
     */
    Optional<String> banFromServer(String account, boolean banned);

    /** Every room, by name. */
    List<RoomInfo> rooms();

    /** A room's members, roles and bans; empty when there is no such room. */
    Optional<RoomReport> room(String name);

    /**
     * Puts someone present out of a room (they may join again).
     *
     * @return why not, or empty when done
     */
    Optional<String> kickFromRoom(String room, String name, String reason);

    /**
     * Bans an account from a room, or lifts the ban.
     *
     * @return why not, or empty when done (or already so)
     */
    Optional<String> banFromRoom(String room, String account, boolean banned);

    /**
     * Closes a room: deletes it with its history; everyone in it is told.
     *
     * @return why not, or empty when done
     */
    Optional<String> closeRoom(String room);

    /**
     * Deletes every private message to or from an account, delivered or waiting, in every conversation.
     *
     * @return why not (no such account; the store failed), or empty once done
     */
    Optional<String> deletePrivateMessages(String account);

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
