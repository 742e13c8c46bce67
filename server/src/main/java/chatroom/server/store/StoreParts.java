package chatroom.server.store;

import java.sql.SQLException;

/**
 * A store made of its parts, as a provider opens them: closing it closes each part, then what they share (a
 * connection pool, say), and reports the first failure after trying them all.
 *
 * @param where  where the data is, for the operator's messages (a file, a URL without its password)
 * @param shared what the parts share and is closed after them, or {@code null}
 */
public record StoreParts(String where, AccountStore accounts, RoomStore rooms, MembershipStore memberships,
                         ServerBanStore serverBans, HistoryStore history, TokenStore tokens,
                         PrivateStore privates, ReadMarkerStore readMarkers, StoreRows rows,
                         AutoCloseable shared)
        implements Store {
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (AutoCloseable part : new AutoCloseable[] {readMarkers, privates, tokens, history, serverBans,
                memberships, rooms, accounts, shared}) {
            try {
                if (part != null) {
                    part.close();
                }
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
