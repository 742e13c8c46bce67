package chatroom.server.storage;

import chatroom.server.store.AccountStore;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.RoomStore;
import chatroom.server.store.ServerBanStore;
import chatroom.server.store.Store;
import chatroom.server.store.TokenStore;

import java.sql.SQLException;

/** Everything in one SQLite database file in the data folder, each part on a connection of its own. */
final class SqliteStore implements Store {
    private final Database database;
    private final AccountStore accounts;
    private final RoomStore rooms;
    private final MembershipStore memberships;
    private final ServerBanStore serverBans;
    private final HistoryStore history;
    private final TokenStore tokens;

    SqliteStore(Database database) {
        this.database = database;
        this.accounts = new SqliteAccountStore(database);
        this.rooms = new SqliteRoomStore(database);
        this.memberships = new SqliteMembershipStore(database);
        this.serverBans = new SqliteServerBans(database);
        this.history = new History(database);
        this.tokens = new SqliteTokenStore(database);
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public RoomStore rooms() {
        return rooms;
    }

    @Override
    public MembershipStore memberships() {
        return memberships;
    }

    @Override
    public ServerBanStore serverBans() {
        return serverBans;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public String where() {
        return database.file().toString();
    }

    /** Closes every part, and reports the first failure after trying them all. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (AutoCloseable part : new AutoCloseable[] {tokens, history, serverBans, memberships, rooms, accounts}) {
            try {
                part.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            } catch (Exception e) {
                first = first == null ? new SQLException(e.getMessage(), e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
