package chatroom.server.accounts;

import chatroom.api.rules.Names;
import chatroom.server.ServerConfig;
import chatroom.server.StorageException;
import chatroom.server.store.AccountStore;
import chatroom.server.store.Store;
import chatroom.server.store.StoreSettings;
import chatroom.server.store.Stores;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The accounts: the rules for names and passwords, and password hashing, over an {@link AccountStore} that keeps the
 * names and hashes. Thread-safe; hashing (slow by design) runs on the calling thread, so callers choose where that
 * cost lands. A store's failure is a {@link StorageException}.
 */
public final class Accounts implements AutoCloseable {
    /** Longest password accepted, so that hashing time stays bounded. */
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Names names;
    /** What {@link #close} closes: the account store, or the whole store {@link #open} opened. */
    private final AutoCloseable owned;

    public Accounts(AccountStore store, PasswordHasher hasher, Names names) {
        this(store, hasher, names, store);
    }

    private Accounts(AccountStore store, PasswordHasher hasher, Names names, AutoCloseable owned) {
        this.store = store;
        this.hasher = hasher;
        this.names = names;
        this.owned = owned;
    }

    /** Opens the accounts in a data folder's SQLite store. */
    public static Accounts open(Path dataDir) {
        return open(StoreSettings.dataFolder(dataDir, false));
    }

    /** Opens the accounts of a server's store (its data folder or its database), as {@code chat users} does. */
    public static Accounts open(StoreSettings settings) {
        ServerConfig defaults = ServerConfig.defaults(settings.dataDir());
        Store opened = Stores.open(settings);
        return new Accounts(opened.accounts(), new PasswordHasher(defaults.hashIterations()),
                new Names(defaults.maxNameLength()), opened);
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
        Optional<AccountStore.Account> stored = find(name);
        if (stored.isPresent()) {
            boolean match = hasher.verify(password, stored.get().passwordHash());
            return new Authentication(match ? Outcome.ACCEPTED : Outcome.WRONG_PASSWORD,
                    match ? stored.get().name() : null);
        }
        if (!register) {
            return new Authentication(Outcome.NO_SUCH_ACCOUNT, null);
        }
        if (create(name, hasher.hash(password))) {
            return new Authentication(Outcome.CREATED, name);
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
        if (!create(canonical, hasher.hash(password))) {
            throw new IllegalArgumentException("An account named '" + canonical + "' exists already.");
        }
    }

    /** Deletes an account; returns whether it existed. */
    public boolean remove(String name) {
        try {
            return store.delete(Names.key(name));
        } catch (SQLException e) {
            throw failure("remove an account", e);
        }
    }

    /** Sets a new password; returns whether the account exists. */
    public boolean setPassword(String name, char[] password) {
        checkPassword(password);
        try {
            return store.setPasswordHash(Names.key(name), hasher.hash(password));
        } catch (SQLException e) {
            throw failure("update accounts", e);
        }
    }

    /** Every account name, sorted. */
    public List<String> list() {
        try {
            return store.names();
        } catch (SQLException e) {
            throw failure("list accounts", e);
        }
    }

    /** The account's name as registered, when an account has this name (ignoring case). */
    public Optional<String> registeredName(String name) {
        return find(name).map(AccountStore.Account::name);
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

    private Optional<AccountStore.Account> find(String name) {
        try {
            return store.find(Names.key(name));
        } catch (SQLException e) {
            throw failure("read accounts", e);
        }
    }

    private boolean create(String name, String hash) {
        try {
            return store.create(name, Names.key(name), hash, System.currentTimeMillis());
        } catch (SQLException e) {
            throw failure("create an account", e);
        }
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (SQLException e) {
            throw failure("close the accounts database", e);
        } catch (Exception e) {
            throw new StorageException("Cannot close the accounts database: " + e.getMessage(), e);
        }
    }
}
