package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Who is in which room, as accounts (online or not), and the rooms' bans and invites, as a store keeps them:
 * memberships last until the account leaves the room. Guests have none here; theirs last as long as their session.
 * Thread-safe.
 */
public interface MembershipStore extends AutoCloseable {
    /**
     * One account in one room, by their keys, since {@code joined}; {@code name} is the account's; {@code operator}
     * whether it is one of the room's operators.
     */
    record Membership(String roomKey, String accountKey, String name, long joined, boolean operator) {
    }

    /** Every membership, room by room. */
    List<Membership> all() throws SQLException;

    /**
     * Puts every account not yet welcomed in the default room, once: those from before rooms existed, and those
     * made since (by registration or {@code chat users add}). An account that later leaves the room stays out.
     *
     * @return the memberships made
     */
    List<Membership> welcome(String defaultRoom, long now) throws SQLException;

    /** Records that an account joined a room; returns whether it was not in it. */
    boolean join(String room, String accountKey, long now) throws SQLException;

    /** Records that an account left a room; returns whether it was in it. */
    boolean leave(String room, String accountKey) throws SQLException;

    /** An account banned from a room, by their keys; {@code name} is the account's. */
    record Ban(String roomKey, String accountKey, String name) {
    }

    /** Every ban, room by room. */
    List<Ban> bans() throws SQLException;

    /** The name of the account with that key, if there is one. */
    Optional<String> accountName(String accountKey) throws SQLException;

    /** Bans an account from a room, ending its membership there, in one transaction. */
    void ban(String room, String accountKey, String byKey, long now) throws SQLException;

    /** An account invited to a room, by their keys, until {@code expires}. */
    record Invite(String roomKey, String accountKey, long expires) {
    }

    /** Every invite not yet used, expired ones included (they are refused when used). */
    List<Invite> invites() throws SQLException;

    /** Invites an account to a room until {@code expires}, replacing an earlier invite. */
    void invite(String room, String accountKey, String byKey, long expires) throws SQLException;

    /** Forgets an invite (used or expired). */
    void uninvite(String room, String accountKey) throws SQLException;

    /**
     * Forgets the memberships and invites of accounts that no longer exist (removed with {@code chat users remove},
     * perhaps while the server was stopped).
     *
     * @return how many memberships went
     */
    int forgetRemovedAccounts() throws SQLException;

    /** The room's operator who has been a member longest, if it has one. */
    Optional<String> longestStandingOperator(String room) throws SQLException;

    /** Forgets a room's memberships, bans and invites, in one transaction. */
    void deleteRoom(String room) throws SQLException;

    /** Lifts a ban; returns whether there was one. */
    boolean unban(String room, String accountKey) throws SQLException;

    /** Records whether a member of a room is one of its operators; returns whether it is a member. */
    boolean setOperator(String room, String accountKey, boolean operator) throws SQLException;

    @Override
    void close() throws SQLException;
}
