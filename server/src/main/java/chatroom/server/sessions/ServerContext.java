package chatroom.server.sessions;

import chatroom.api.rules.Names;
import chatroom.server.ServerConfig;
import chatroom.server.accounts.Accounts;
import chatroom.server.accounts.LoginThrottle;
import chatroom.server.accounts.ResumeTokens;
import chatroom.server.files.FileRelay;
import chatroom.server.log.ServerLog;
import chatroom.server.rooms.Rooms;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.PrivateStore;
import chatroom.server.store.ReadMarkerStore;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every {@link Session} shares: the room, the stores, the rules, the pool where passwords are hashed, and the
 * relay that carries files.
 *
 * @param tokens      the resume tokens, or {@code null} when sessions cannot be resumed
 * @param connections the open connections' count, or {@code null} when nothing counts them
 * @param memberships who is in which room, or {@code null} when nothing records it
 * @param privates    the private conversations between accounts, or {@code null} when none are kept
 * @param readMarkers how far accounts have read their conversations, or {@code null} when nothing keeps it
 */
public record ServerContext(ServerConfig config, String version, Rooms rooms, Names names, Accounts accounts,
                            HistoryStore history, LoginThrottle throttle, ServerLog log, ExecutorService hashing,
                            Set<Session> sessions, ResumeTokens tokens, ConnectionLimits connections, FileRelay files,
                            MembershipStore memberships, PrivateStore privates, ReadMarkerStore readMarkers) {
    /** A queue of a thousand logins on one core clears well within this. */
    static final int HASHING_TIMEOUT_SECONDS = 120;

    public ServerContext(ServerConfig config, String version, Rooms rooms, Names names, Accounts accounts,
                         HistoryStore history, LoginThrottle throttle, ServerLog log, ExecutorService hashing,
                         Set<Session> sessions) {
        this(config, version, rooms, names, accounts, history, throttle, log, hashing, sessions, null, null, null,
                null, null, null);
    }

    /** Checks a password on the hashing pool, so that a burst of logins queues there instead of stalling anything. */
    Accounts.Authentication authenticate(String name, char[] password)
            throws InterruptedException, ExecutionException, TimeoutException {
        // Bounded: a pool shut down with this task still queued would otherwise leave the caller waiting forever.
        return hashing.submit(() -> accounts.authenticate(name, password, config.openRegistration()))
                .get(HASHING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void closed(Session session) {
        if (sessions.remove(session) && connections != null) {
            connections.release(session.address());
        }
    }
}
