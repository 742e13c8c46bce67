package chatroom.server.storage;

import chatroom.api.rules.RoomNames;
import chatroom.server.StorageException;
import chatroom.server.store.MembershipStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Memberships, room bans and invites in SQLite ({@link MembershipStore}): a table each. Thread-safe. */
public final class SqliteMembershipStore implements MembershipStore {
    private final Connection connection;
    private final ReentrantLock writes;

    public SqliteMembershipStore(Database database) {
        try {
            writes = database.writes();
            connection = database.connect();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StorageException("Cannot open the memberships in " + database.file() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Every membership, room by room. */
    public synchronized List<Membership> all() throws SQLException {
        List<Membership> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT m.room_key, m.account_key, COALESCE(a.name, m.account_key), m.joined, m.operator"
                        + " FROM memberships m"
                        + " LEFT JOIN accounts a ON a.name_key = m.account_key ORDER BY m.room_key, m.joined,"
                        + " m.account_key");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new Membership(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                        rows.getInt(5) != 0));
            }
        }
        // After the statement is closed, as in firstString.
        connection.commit();
        return all;
    }

    /**
     * Puts every account not yet welcomed in the default room, once: those from before rooms existed, and those
     * made since (by registration or {@code chat users add}). An account that later leaves the room stays out.
     *
     * @return the memberships made
     */
    public synchronized List<Membership> welcome(String defaultRoom, long now) throws SQLException {
        writes.lock();
        try (PreparedStatement newcomers = connection.prepareStatement(
                "SELECT name_key, name FROM accounts WHERE welcomed = 0");
             PreparedStatement join = connection.prepareStatement(
                     "INSERT OR IGNORE INTO memberships (room_key, account_key, joined) VALUES (?, ?, ?)");
             PreparedStatement welcomed = connection.prepareStatement(
                     "UPDATE accounts SET welcomed = 1 WHERE name_key = ?")) {
            List<Membership> accounts = new ArrayList<>();
            try (ResultSet rows = newcomers.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new Membership(RoomNames.key(defaultRoom), rows.getString(1), rows.getString(2),
                            now, false));
                }
            }
            for (Membership account : accounts) {
                join.setString(1, account.roomKey());
                join.setString(2, account.accountKey());
                join.setLong(3, now);
                join.addBatch();
                welcomed.setString(1, account.accountKey());
                welcomed.addBatch();
            }
            join.executeBatch();
            welcomed.executeBatch();
            connection.commit();
            return accounts;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            writes.unlock();
        }
    }

    /** Records that an account joined a room; returns whether it was not in it. */
    public boolean join(String room, String accountKey, long now) throws SQLException {
        return update("INSERT OR IGNORE INTO memberships (room_key, account_key, joined) VALUES (?, ?, ?)",
                RoomNames.key(room), accountKey, now) == 1;
    }

    /** Records that an account left a room; returns whether it was in it. */
    public boolean leave(String room, String accountKey) throws SQLException {
        return update("DELETE FROM memberships WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                accountKey) == 1;
    }

    /** Every ban, room by room. */
    public synchronized List<Ban> bans() throws SQLException {
        List<Ban> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT b.room_key, b.account_key, COALESCE(a.name, b.account_key) FROM room_bans b"
                        + " LEFT JOIN accounts a ON a.name_key = b.account_key ORDER BY b.room_key, b.account_key");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new Ban(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        // After the statement is closed, as in firstString.
        connection.commit();
        return all;
    }

    /** The name of the account with that key, if there is one. */
    public synchronized Optional<String> accountName(String accountKey) throws SQLException {
        return firstString("SELECT name FROM accounts WHERE name_key = ?", accountKey);
    }

    /** Bans an account from a room, ending its membership there, in one transaction. */
    public void ban(String room, String accountKey, String byKey, long now) throws SQLException {
        transaction(List.of(
                new Object[] {"INSERT OR REPLACE INTO room_bans (room_key, account_key, by_key, since)"
                        + " VALUES (?, ?, ?, ?)", RoomNames.key(room), accountKey, byKey, now},
                new Object[] {"DELETE FROM memberships WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                        accountKey}));
    }

    /** Every invite not yet used, expired ones included (they are refused when used). */
    public synchronized List<Invite> invites() throws SQLException {
        List<Invite> all = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT room_key, account_key, expires FROM room_invites ORDER BY room_key, account_key");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new Invite(rows.getString(1), rows.getString(2), rows.getLong(3)));
            }
        }
        // After the statement is closed, as in firstString.
        connection.commit();
        return all;
    }

    /** Invites an account to a room until {@code expires}, replacing an earlier invite. */
    public void invite(String room, String accountKey, String byKey, long expires) throws SQLException {
        update("INSERT OR REPLACE INTO room_invites (room_key, account_key, by_key, expires) VALUES (?, ?, ?, ?)",
                RoomNames.key(room), accountKey, byKey, expires);
    }

    /** Forgets an invite (used or expired). */
    public void uninvite(String room, String accountKey) throws SQLException {
        update("DELETE FROM room_invites WHERE room_key = ? AND account_key = ?", RoomNames.key(room), accountKey);
    }

    /**
     * Forgets the memberships and invites of accounts that no longer exist (removed with {@code chat users remove},
     * perhaps while the server was stopped).
     *
     * @return how many memberships went
     */
    public int forgetRemovedAccounts() throws SQLException {
        return transaction(List.of(
                new Object[] {"DELETE FROM room_invites WHERE account_key NOT IN (SELECT name_key FROM accounts)"},
                new Object[] {"DELETE FROM memberships WHERE account_key NOT IN (SELECT name_key FROM accounts)"}));
    }

    /** The room's operator who has been a member longest, if it has one. */
    public synchronized Optional<String> longestStandingOperator(String room) throws SQLException {
        return firstString("SELECT account_key FROM memberships WHERE room_key = ? AND operator = 1"
                + " ORDER BY joined, account_key LIMIT 1", RoomNames.key(room));
    }

    /**
     * The first column of the query's first row, if any. The read ends (commit) only after the statement is closed:
     * an open statement would keep this connection's snapshot, and its next write would fail as busy.
     */
    private synchronized Optional<String> firstString(String sql, String parameter) throws SQLException {
        Optional<String> value;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                value = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
        connection.commit();
        return value;
    }

    /** Forgets a room's memberships, bans and invites, in one transaction. */
    public void deleteRoom(String room) throws SQLException {
        List<Object[]> deletes = new ArrayList<>();
        for (String table : List.of("memberships", "room_bans", "room_invites")) {
            deletes.add(new Object[] {"DELETE FROM " + table + " WHERE room_key = ?", RoomNames.key(room)});
        }
        transaction(deletes);
    }

    /** Lifts a ban; returns whether there was one. */
    public boolean unban(String room, String accountKey) throws SQLException {
        return update("DELETE FROM room_bans WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                accountKey) == 1;
    }

    /** Records whether a member of a room is one of its operators; returns whether it is a member. */
    public boolean setOperator(String room, String accountKey, boolean operator) throws SQLException {
        return update("UPDATE memberships SET operator = ? WHERE room_key = ? AND account_key = ?", operator ? 1 : 0,
                RoomNames.key(room), accountKey) == 1;
    }

    private int update(String sql, Object... parameters) throws SQLException {
        Object[] statement = new Object[parameters.length + 1];
        statement[0] = sql;
        System.arraycopy(parameters, 0, statement, 1, parameters.length);
        return transaction(List.<Object[]>of(statement));
    }

    /**
     * Runs statements in one transaction, each an SQL string followed by its parameters; returns the rows the last
     * one changed.
     */
    private synchronized int transaction(List<Object[]> statements) throws SQLException {
        writes.lock();
        try {
            int changed = 0;
            for (Object[] sqlAndParameters : statements) {
                try (PreparedStatement statement = connection.prepareStatement((String) sqlAndParameters[0])) {
                    for (int i = 1; i < sqlAndParameters.length; i++) {
                        statement.setObject(i, sqlAndParameters[i]);
                    }
                    changed = statement.executeUpdate();
                }
            }
            connection.commit();
            return changed;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            writes.unlock();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
