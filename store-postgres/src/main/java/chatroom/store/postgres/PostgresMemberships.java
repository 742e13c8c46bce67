package chatroom.store.postgres;

import chatroom.api.rules.RoomNames;
import chatroom.server.store.MembershipStore;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Memberships, room bans and invites in PostgreSQL ({@link MembershipStore}): a table each. */
final class PostgresMemberships implements MembershipStore {
    private final Jdbc jdbc;

    PostgresMemberships(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Membership> all() throws SQLException {
        return jdbc.list("SELECT m.room_key, m.account_key, COALESCE(a.name, m.account_key), m.joined, m.operator"
                        + " FROM memberships m LEFT JOIN accounts a ON a.name_key = m.account_key"
                        + " ORDER BY m.room_key COLLATE \"C\", m.joined, m.account_key COLLATE \"C\"",
                row -> new Membership(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getBoolean(5)));
    }

    @Override
    public List<Membership> welcome(String defaultRoom, long now) throws SQLException {
        String room = RoomNames.key(defaultRoom);
        return jdbc.transaction(connection -> {
            // Locked, so that two servers starting at once welcome each account once.
            List<Membership> newcomers = Jdbc.list(connection, "SELECT name_key, name FROM accounts WHERE NOT welcomed"
                    + " ORDER BY name_key COLLATE \"C\" FOR UPDATE",
                    row -> new Membership(room, row.getString(1), row.getString(2), now, false));
            for (Membership newcomer : newcomers) {
                Jdbc.update(connection, "INSERT INTO memberships (room_key, account_key, joined) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", room, newcomer.accountKey(), now);
                Jdbc.update(connection, "UPDATE accounts SET welcomed = TRUE WHERE name_key = ?",
                        newcomer.accountKey());
            }
            return newcomers;
        });
    }

    @Override
    public boolean join(String room, String accountKey, long now) throws SQLException {
        return jdbc.update("INSERT INTO memberships (room_key, account_key, joined) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", RoomNames.key(room), accountKey, now) == 1;
    }

    @Override
    public boolean leave(String room, String accountKey) throws SQLException {
        return jdbc.update("DELETE FROM memberships WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                accountKey) == 1;
    }

    @Override
    public List<Ban> bans() throws SQLException {
        return jdbc.list("SELECT b.room_key, b.account_key, COALESCE(a.name, b.account_key) FROM room_bans b"
                        + " LEFT JOIN accounts a ON a.name_key = b.account_key"
                        + " ORDER BY b.room_key COLLATE \"C\", b.account_key COLLATE \"C\"",
                row -> new Ban(row.getString(1), row.getString(2), row.getString(3)));
    }

    @Override
    public Optional<String> accountName(String accountKey) throws SQLException {
        return jdbc.first("SELECT name FROM accounts WHERE name_key = ?", row -> row.getString(1), accountKey);
    }

    @Override
    public void ban(String room, String accountKey, String byKey, long now) throws SQLException {
        String roomKey = RoomNames.key(room);
        jdbc.transaction(connection -> {
            Jdbc.update(connection, "INSERT INTO room_bans (room_key, account_key, by_key, since) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (room_key, account_key) DO UPDATE SET by_key = EXCLUDED.by_key,"
                    + " since = EXCLUDED.since", roomKey, accountKey, byKey, now);
            return Jdbc.update(connection, "DELETE FROM memberships WHERE room_key = ? AND account_key = ?", roomKey,
                    accountKey);
        });
    }

    @Override
    public List<Invite> invites() throws SQLException {
        return jdbc.list("SELECT room_key, account_key, expires FROM room_invites"
                        + " ORDER BY room_key COLLATE \"C\", account_key COLLATE \"C\"",
                row -> new Invite(row.getString(1), row.getString(2), row.getLong(3)));
    }

    @Override
    public void invite(String room, String accountKey, String byKey, long expires) throws SQLException {
        jdbc.update("INSERT INTO room_invites (room_key, account_key, by_key, expires) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (room_key, account_key) DO UPDATE SET by_key = EXCLUDED.by_key,"
                + " expires = EXCLUDED.expires", RoomNames.key(room), accountKey, byKey, expires);
    }

    @Override
    public void uninvite(String room, String accountKey) throws SQLException {
        jdbc.update("DELETE FROM room_invites WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                accountKey);
    }

    @Override
    public int forgetRemovedAccounts() throws SQLException {
        return jdbc.transaction(connection -> {
            Jdbc.update(connection, "DELETE FROM room_invites i WHERE NOT EXISTS"
                    + " (SELECT 1 FROM accounts a WHERE a.name_key = i.account_key)");
            return Jdbc.update(connection, "DELETE FROM memberships m WHERE NOT EXISTS"
                    + " (SELECT 1 FROM accounts a WHERE a.name_key = m.account_key)");
        });
    }

    @Override
    public Optional<String> longestStandingOperator(String room) throws SQLException {
        return jdbc.first("SELECT account_key FROM memberships WHERE room_key = ? AND operator"
                + " ORDER BY joined, account_key COLLATE \"C\" LIMIT 1", row -> row.getString(1), RoomNames.key(room));
    }

    @Override
    public void deleteRoom(String room) throws SQLException {
        String roomKey = RoomNames.key(room);
        jdbc.transaction(connection -> {
            for (String table : List.of("memberships", "room_bans", "room_invites")) {
                Jdbc.update(connection, "DELETE FROM " + table + " WHERE room_key = ?", roomKey);
            }
            return null;
        });
    }

    @Override
    public boolean unban(String room, String accountKey) throws SQLException {
        return jdbc.update("DELETE FROM room_bans WHERE room_key = ? AND account_key = ?", RoomNames.key(room),
                accountKey) == 1;
    }

    @Override
    public boolean setOperator(String room, String accountKey, boolean operator) throws SQLException {
        return jdbc.update("UPDATE memberships SET operator = ? WHERE room_key = ? AND account_key = ?", operator,
                RoomNames.key(room), accountKey) == 1;
    }

    /** The pool is the store's to close. */
    @Override
    public void close() {
    }
}
