package chatroom.server.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A store made of its parts, as a provider opens them: closing it closes each part, then what they share (a
 * connection pool, say), and reports the first failure after trying them all.
 *
 * @param where  where the data is, for the operator's messages (a file, a URL without its password)
 * @param shared  what the parts share and is closed after them, or {@code null}
 * @param cluster opens a link for one node of several, or {@code null} for a store that serves one process
 */
public record StoreParts(String where, AccountStore accounts, RoomStore rooms, MembershipStore memberships,
                         ServerBanStore serverBans, HistoryStore history, TokenStore tokens,
                         PrivateStore privates, ReadMarkerStore readMarkers, StoreRows rows,
                         AutoCloseable shared, ClusterLink.Opener cluster)
        implements Store {
    /** The parts of a store that serves one process. */
    public StoreParts(String where, AccountStore accounts, RoomStore rooms, MembershipStore memberships,
                      ServerBanStore serverBans, HistoryStore history, TokenStore tokens, PrivateStore privates,
                      ReadMarkerStore readMarkers, StoreRows rows, AutoCloseable shared) {
        this(where, accounts, rooms, memberships, serverBans, history, tokens, privates, readMarkers, rows, shared,
                null);
    }

    @Override
    public Optional<ClusterLink> cluster(String node) throws SQLException {
        return cluster == null ? Optional.empty() : Optional.of(cluster.open(node));
    }

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
