package chatroom.server.accounts;

import chatroom.api.rules.Names;
import chatroom.server.StorageException;
import chatroom.server.TestServer;
import chatroom.server.storage.Database;
import chatroom.server.storage.SqliteAccountStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsTest {
    @TempDir
    Path dir;

    private Accounts accounts;

    @BeforeEach
    void open() {
        accounts = open(dir);
    }

    @AfterEach
    void close() {
        accounts.close();
    }

    private static Accounts open(Path dir) {
        return new Accounts(new SqliteAccountStore(Database.open(dir)), new PasswordHasher(TestServer.FAST_HASHING),
                new Names(32));
    }

    private Accounts.Outcome login(String name, String password) {
        return accounts.authenticate(name, password.toCharArray(), false).outcome();
    }

    @Test
    void addedAccountsAreListedByName() {
        accounts.add("carol", "c".toCharArray());
        accounts.add("alice", "a".toCharArray());
        accounts.add("Bob", "b".toCharArray());

        assertEquals(List.of("alice", "Bob", "carol"), accounts.list());
    }

    @Test
    void anAccountIsAddedOnce() {
        accounts.add("alice", "a".toCharArray());

        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> accounts.add("alice", "other".toCharArray()));
        IllegalArgumentException otherCase = assertThrows(IllegalArgumentException.class,
                () -> accounts.add("ALICE", "other".toCharArray()));

        assertEquals("An account named 'alice' exists already.", same.getMessage());
        assertEquals("An account named 'ALICE' exists already.", otherCase.getMessage());
        assertEquals(Accounts.Outcome.ACCEPTED, login("alice", "a"));
    }

    @Test
    void addFollowsTheNameAndPasswordRules() {
        assertEquals("A name has 1 to 32 characters.",
                assertThrows(IllegalArgumentException.class, () -> accounts.add("", "pw".toCharArray())).getMessage());
        assertEquals("A name may contain only letters, digits, '_', '-' and '.'.",
                assertThrows(IllegalArgumentException.class, () -> accounts.add("a b", "pw".toCharArray()))
                        .getMessage());
        assertEquals("The name 'Root' is reserved.",
                assertThrows(IllegalArgumentException.class, () -> accounts.add("Root", "pw".toCharArray()))
                        .getMessage());
        assertEquals("The password is empty.",
                assertThrows(IllegalArgumentException.class, () -> accounts.add("alice", new char[0])).getMessage());
        assertEquals("A password has at most 1024 characters.",
                assertThrows(IllegalArgumentException.class, () -> accounts.add("alice", new char[1025]))
                        .getMessage());
        assertEquals(List.of(), accounts.list());
    }

    @Test
    void addStoresTheComposedName() {
        accounts.add("Jose\u0301", "pw".toCharArray());

        assertEquals(List.of("José"), accounts.list());
    }

    @Test
    void removeDeletesIgnoringCase() {
        accounts.add("alice", "a".toCharArray());
        accounts.add("bob", "b".toCharArray());

        assertTrue(accounts.remove("ALICE"));
        assertFalse(accounts.remove("alice"));

        assertEquals(List.of("bob"), accounts.list());
        assertEquals(Accounts.Outcome.NO_SUCH_ACCOUNT, login("alice", "a"));
    }

    @Test
    void setPasswordReplacesTheOldOne() {
        accounts.add("alice", "old".toCharArray());

        assertTrue(accounts.setPassword("Alice", "new".toCharArray()));

        assertEquals(Accounts.Outcome.WRONG_PASSWORD, login("alice", "old"));
        assertEquals(Accounts.Outcome.ACCEPTED, login("alice", "new"));
    }

    @Test
    void setPasswordOfNobody() {
        assertFalse(accounts.setPassword("nobody", "pw".toCharArray()));
        assertEquals("The password is empty.", assertThrows(IllegalArgumentException.class,
                () -> accounts.setPassword("nobody", new char[0])).getMessage());
    }

    @Test
    void authenticateCreatesOnlyWhenAskedTo() {
        assertEquals(new Accounts.Authentication(Accounts.Outcome.NO_SUCH_ACCOUNT, null),
                accounts.authenticate("alice", "pw".toCharArray(), false));
        assertEquals(List.of(), accounts.list());

        assertEquals(new Accounts.Authentication(Accounts.Outcome.CREATED, "alice"),
                accounts.authenticate("alice", "pw".toCharArray(), true));
        assertEquals(new Accounts.Authentication(Accounts.Outcome.ACCEPTED, "alice"),
                accounts.authenticate("alice", "pw".toCharArray(), true));
        assertEquals(new Accounts.Authentication(Accounts.Outcome.WRONG_PASSWORD, null),
                accounts.authenticate("alice", "guess".toCharArray(), true));
        assertEquals(List.of("alice"), accounts.list());
    }

    @Test
    void authenticateAnswersWithTheRegisteredSpelling() {
        accounts.add("Alice", "pw".toCharArray());

        Accounts.Authentication result = accounts.authenticate("ａｌｉｃｅ", "pw".toCharArray(), true);

        assertEquals(new Accounts.Authentication(Accounts.Outcome.ACCEPTED, "Alice"), result);
        assertTrue(result.accepted());
        assertEquals(Optional.of("Alice"), accounts.registeredName("ALICE"));
        assertEquals(Optional.empty(), accounts.registeredName("bob"));
    }

    @Test
    void accountsAreKeptInTheDataDirectory() {
        accounts.add("alice", "pw".toCharArray());
        accounts.close();

        accounts = open(dir);

        assertEquals(List.of("alice"), accounts.list());
        assertEquals(Accounts.Outcome.ACCEPTED, login("alice", "pw"));
    }

    @Test
    void theCommandLineOpensTheSameAccounts() {
        accounts.add("alice", "pw".toCharArray());

        try (Accounts fromCommandLine = Accounts.open(dir)) {
            assertEquals(List.of("alice"), fromCommandLine.list());
        }
    }

    @Test
    void passwordProblems() {
        assertEquals(Optional.of("The password is empty."), Accounts.passwordProblem(new char[0]));
        assertEquals(Optional.empty(), Accounts.passwordProblem(new char[1]));
        assertEquals(Optional.empty(), Accounts.passwordProblem(new char[Accounts.MAX_PASSWORD_LENGTH]));
        assertEquals(Optional.of("A password has at most 1024 characters."),
                Accounts.passwordProblem(new char[Accounts.MAX_PASSWORD_LENGTH + 1]));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        StorageException e = assertThrows(StorageException.class, () -> Database.open(file.resolve("data")));

        assertTrue(e.getMessage().startsWith("Cannot create the data directory " + file.resolve("data") + ": "),
                e.getMessage());
    }
}
