package chatroom.server.storage;

import chatroom.server.accounts.Accounts;
import chatroom.server.store.MembershipStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembershipStoreTest {
    @TempDir
    Path dir;

    private MembershipStore memberships;

    @BeforeEach
    void open() {
        memberships = new SqliteMembershipStore(Database.open(dir));
    }

    @AfterEach
    void close() throws SQLException {
        memberships.close();
    }

    private void account(String name) {
        try (Accounts accounts = Accounts.open(dir)) {
            accounts.add(name, ("password of " + name).toCharArray());
        }
    }

    @Test
    void everyAccountJoinsTheDefaultRoomOnceAndStaysOutAfterLeaving() throws SQLException {
        account("Alice");
        account("bob");

        assertEquals(List.of("alice", "bob"), memberships.welcome("#Lobby", 10).stream()
                .map(MembershipStore.Membership::accountKey).sorted().toList());
        assertEquals(List.of(new MembershipStore.Membership("#lobby", "alice", "Alice", 10, false),
                new MembershipStore.Membership("#lobby", "bob", "bob", 10, false)), memberships.all());

        assertTrue(memberships.leave("#lobby", "bob"));
        assertFalse(memberships.leave("#lobby", "bob"));
        account("carol");
        assertEquals(List.of(new MembershipStore.Membership("#lobby", "carol", "carol", 20, false)),
                memberships.welcome("#lobby", 20));
        assertEquals(List.of(), memberships.welcome("#lobby", 30));
        assertEquals(List.of("alice", "carol"), memberships.all().stream().map(MembershipStore.Membership::accountKey)
                .toList());
    }

    @Test
    void joiningTwiceIsOneMembership() throws SQLException {
        assertTrue(memberships.join("#Ops", "alice", 5));
        assertFalse(memberships.join("#ops", "alice", 6));

        assertEquals(List.of(new MembershipStore.Membership("#ops", "alice", "alice", 5, false)), memberships.all());
    }

    @Test
    void anOperatorIsRecordedUntilTheMembershipEnds() throws SQLException {
        memberships.join("#ops", "alice", 5);
        assertTrue(memberships.setOperator("#OPS", "alice", true));
        assertFalse(memberships.setOperator("#ops", "bob", true), "bob is no member to make an operator");
        assertEquals(List.of(new MembershipStore.Membership("#ops", "alice", "alice", 5, true)), memberships.all());

        memberships.leave("#ops", "alice");
        memberships.join("#ops", "alice", 7);
        assertEquals(List.of(new MembershipStore.Membership("#ops", "alice", "alice", 7, false)), memberships.all(),
                "leaving ends the role with the membership");
    }
}
