package chatroom.server.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The accounts as a store keeps them: each account's name as registered and its password hash (a slow salted hash
 * made by the server; a store never sees a password). Accounts are found by their name's key
 * ({@link chatroom.api.rules.Names#key}). Thread-safe.
 */
public interface AccountStore extends AutoCloseable {
    /** An account: its name as registered and its password hash. */
    record Account(String name, String passwordHash) {
    }

    /** The account whose name has this key, if there is one. */
    Optional<Account> find(String nameKey) throws SQLException;

    /** Creates an account unless one with the same name key exists; returns whether it was created. */
    boolean create(String name, String nameKey, String passwordHash, long created) throws SQLException;

    /** Deletes an account; returns whether it existed. */
    boolean delete(String nameKey) throws SQLException;

    /** Replaces an account's password hash; returns whether the account exists. */
    boolean setPasswordHash(String nameKey, String passwordHash) throws SQLException;

    /** Every account's name as registered, in the order of their keys. */
    List<String> names() throws SQLException;

    @Override
    void close() throws SQLException;
}
