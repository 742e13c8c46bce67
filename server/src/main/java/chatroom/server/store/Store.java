package chatroom.server.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Everything the server keeps, in one place a {@link StoreProvider} opened: accounts, rooms, memberships with the
 * rooms' bans and invites, server bans, history, resume tokens and private conversations; and all of it as
 * {@link #rows() rows}, for a copy.
 * Closing it closes each part.
 */
public interface Store extends AutoCloseable {
    AccountStore accounts();

    RoomStore rooms();

    MembershipStore memberships();

    ServerBanStore serverBans();

    HistoryStore history();

    TokenStore tokens();

    /** Private conversations and the messages waiting for their recipients. */
    PrivateStore privates();

    /** How far each account has read each of its conversations. */
    ReadMarkerStore readMarkers();

    /** Everything, as rows, for copying this store into another. */
    StoreRows rows();

    /**
     * The link for one node of several on this store, opened now; empty for a store that serves one process only.
     *
     * @throws SQLException when the store could link nodes but not now
     */
    default Optional<ClusterLink> cluster(String node) throws SQLException {
        return Optional.empty();
    }

    /** Where the data is, for the operator's messages (a file, a URL without its password). */
    String where();

    @Override
    void close() throws SQLException;
}
