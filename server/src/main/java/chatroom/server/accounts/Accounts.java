package chatroom.server.accounts;

import chatroom.api.rules.Names;
import chatroom.server.ServerConfig;
import chatroom.server.StorageException;
import chatroom.server.storage.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The accounts in a data directory: names and password hashes. Thread-safe; hashing (slow by design) runs on the
 * calling thread, so callers choose where that cost lands.
 */
public final class Accounts implements AutoCloseable {
    /** Longest password accepted, so that hashing time stays bounded. */
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final Connection connection;
    private final ReentrantLock writes;
    private final PasswordHasher hasher;
    private final Names names;

    public Accounts(Database database, PasswordHasher hasher, Names names) {
        try {
            this.connection = database.connect();
            this.writes = database.writes();
        } catch (SQLException e) {
            throw new StorageException("Cannot open " + database.file() + ": " + e.getMessage(), e);
        }
        this.hasher = hasher;
        this.names = names;
    }

    /** Opens the accounts of a data directory, as {@code chat users} does. */
    public static Accounts open(Path dataDir) {
        ServerConfig defaults = ServerConfig.defaults(dataDir);
        return new Accounts(Database.open(dataDir), new PasswordHasher(defaults.hashIterations()),
                new Names(defaults.maxNameLength()));
    }

    /** What a login attempt came to. */
    public enum Outcome { ACCEPTED, CREATED, WRONG_PASSWORD, NO_SUCH_ACCOUNT }

    /** A login attempt's outcome and, when accepted, the account's name as registered. */
    public record Authentication(Outcome outcome, String account) {
        boolean accepted() {
            return outcome == Outcome.ACCEPTED || outcome == Outcome.CREATED;
        }
    }

    /** Checks a name and password, creating the account when it is new and {@code register} is true. */
    public Authentication authenticate(String name, char[] password, boolean register) {
        Optional<String> stored = storedHash(name);
        if (stored.isPresent()) {
            boolean match = hasher.verify(password, stored.get());
            return new Authentication(match ? Outcome.ACCEPTED : Outcome.WRONG_PASSWORD,
                    match ? registeredName(name).orElse(name) : null);
        }
        if (!register) {
            return new Authentication(Outcome.NO_SUCH_ACCOUNT, null);
        }
        String hash = hasher.hash(password);
        synchronized (this) {
            if (insert(name, hash)) {
                return new Authentication(Outcome.CREATED, name);
            }
        }
        return authenticate(name, password, false); // created meanwhile by a concurrent login
    }

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException when the name or password breaks the rules, or the name exists; the message
     *                                  says which
     */
    public void add(String name, char[] password) {
        String canonical = Names.canonical(name);
        names.check(canonical).ifPresent(refusal -> {
            throw new IllegalArgumentException(refusal.message());
        });
        checkPassword(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            if (!insert(canonical, hash)) {
                throw new IllegalArgumentException("An account named '" + canonical + "' exists already.");
            }
        }
    }

    /** Deletes an account; returns whether it existed. */
    public synchronized boolean remove(String name) {
        return update("DELETE FROM accounts WHERE name_key = ?", Names.key(name)) > 0;
    }

    /** Sets a new password; returns whether the account exists. */
    public boolean setPassword(String name, char[] password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            return update("UPDATE accounts SET password_hash = ? WHERE name_key = ?", hash, Names.key(name)) > 0;
        }
    }

    /** Every account name, sorted. */
    public synchronized List<String> list() {
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM accounts ORDER BY name_key");
             ResultSet rows = query.executeQuery()) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        } catch (SQLException e) {
            throw failure("list accounts", e);
        }
    }

    /** The account's name as registered, when an account has this name (ignoring case). */
    public synchronized Optional<String> registeredName(String name) {
        return queryOne("SELECT name FROM accounts WHERE name_key = ?", Names.key(name));
    }

    /** Checks the password rules, for callers that ask before hashing. */
    public static Optional<String> passwordProblem(char[] password) {
        if (password.length == 0) {
            return Optional.of("The password is empty.");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            return Optional.of("A password has at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
        return Optional.empty();
    }

    private static void checkPassword(char[] password) {
        passwordProblem(password).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    private synchronized Optional<String> storedHash(String name) {
        return queryOne("SELECT password_hash FROM accounts WHERE name_key = ?", Names.key(name));
    }

    private Optional<String> queryOne(String sql, String key) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read accounts", e);
        }
    }

    private boolean insert(String name, String hash) {
        writes.lock();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO accounts (name_key, name, password_hash, created) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, Names.key(name));
            insert.setString(2, name);
            insert.setString(3, hash);
            insert.setLong(4, System.currentTimeMillis());
            return insert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("create an account", e);
        } finally {
            writes.unlock();
        }
    }

    private int update(String sql, String... values) {
        writes.lock();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("update accounts", e);
        } finally {
            writes.unlock();
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the accounts database", e);
        }
    }
}
