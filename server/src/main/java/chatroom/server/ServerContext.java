package chatroom.server;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * What every {@link Session} shares: the room, the stores, the rules, the pool where passwords are hashed, and the
 * relay that carries files.
 */
record ServerContext(ServerConfig config, String version, Room room, Names names, Accounts accounts, History history,
                     LoginThrottle throttle, ServerLog log, ExecutorService hashing, Set<Session> sessions,
                     FileRelay files) {

    /** Checks a password on the hashing pool, so that a burst of logins queues there instead of stalling anything. */
    Accounts.Authentication authenticate(String name, char[] password)
            throws InterruptedException, ExecutionException {
        return hashing.submit(() -> accounts.authenticate(name, password, config.openRegistration())).get();
    }

    void closed(Session session) {
        sessions.remove(session);
    }
}
