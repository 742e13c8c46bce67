package chatroom.server.storage;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.server.store.AccountStore;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.RoomStore;
import chatroom.server.store.Store;
import chatroom.server.store.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store must do, as the server relies on it: each provider's test extends this with a store of its own,
 * empty at first, so that SQLite and PostgreSQL are held to the same behaviour. Keys are given as the server gives
 * them (already {@code Names.key} / {@code RoomNames.key}); rooms by name.
 */
public abstract class StoreContract {
    protected Store store;

    /** An empty store, schema made. */
    protected abstract Store openEmpty() throws Exception;

    /** The same store again, as after a restart: what was committed must be there. */
    protected abstract Store reopen() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private Store restart() throws Exception {
        store.close();
        store = reopen();
        return store;
    }

    @Test
    void historyKeepsEachRoomsEntriesInOrderWithTheirIdsAcrossARestart() throws Exception {
        HistoryStore history = store.history();
        history.append(List.of(new ChatMessage(1, 1000, "alice", "hello 你好", false, null, "#ops"),
                new Announcement(2, 1001, "maintenance at noon", false, "#ops"),
                new ChatMessage(1, 1002, "bob", "in the lobby", false, null, "#lobby"),
                new FileShared(3, 1003, "alice", "plan v2.pdf", 2048, false, "#ops")));

        HistoryStore again = restart().history();
        assertEquals(3, again.lastId("#OPS"));
        assertEquals(3, again.size("#ops"));
        assertEquals(0, again.lastId("#none"));
        assertEquals(List.of(new ChatMessage(1, 1000, "alice", "hello 你好", true, null, "#ops"),
                new Announcement(2, 1001, "maintenance at noon", true, "#ops"),
                new FileShared(3, 1003, "alice", "plan v2.pdf", 2048, true, "#ops")),
                again.before("#ops", Long.MAX_VALUE, 10));
        assertEquals(List.of(new Announcement(2, 1001, "maintenance at noon", true, "#ops")),
                again.before("#ops", 3, 1));
        assertTrue(again.hasBefore("#ops", 2));
        assertFalse(again.hasBefore("#ops", 1));
        again.deleteRoom("#ops");
        assertEquals(0, again.size("#ops"));
        assertEquals(1, again.size("#lobby"));
        again.maintain();
    }

    @Test
    void historyKeepsTheReceiptsOfClientMessageIdsAndNeverShowsThem() throws Exception {
        HistoryStore history = store.history();
        history.append(List.of(
                new ChatMessage(1, 1000, "Alice", "first", false, HistoryStore.receiptCid("alice", "c-1"), "#ops"),
                new ChatMessage(2, 2000, "Alice", "second", false, HistoryStore.receiptCid("alice", "c-2"), "#ops"),
                new ChatMessage(3, 3000, "bob", "no cid", false, null, "#ops")));

        HistoryStore again = restart().history();
        assertEquals(List.of(new HistoryStore.Receipt("alice", "c-2", 2, 2000, "Alice", "#ops")),
                again.receipts(1500, 10));
        assertEquals(2, again.receipts(0, 10).size());
        assertEquals(List.of(new HistoryStore.Receipt("alice", "c-2", 2, 2000, "Alice", "#ops")),
                again.receipts(0, 1), "the newest first when there are more than the limit");
        assertEquals(null, ((ChatMessage) again.before("#ops", 2, 1).getFirst()).cid());
    }

    @Test
    void roomsAreMadeOnceAndKeepTheirSettings() throws Exception {
        RoomStore rooms = store.rooms();
        assertTrue(rooms.create("#Ops", "alice", 10));
        assertFalse(rooms.create("#ops", "bob", 11), "one room per name key");
        assertTrue(rooms.create("#dev", "bob", 12));
        rooms.setTopic("#ops", "Deploys");
        rooms.setTopicOpen("#ops", true);
        rooms.setInviteOnly("#ops", true);
        rooms.setOwner("#ops", "carol");
        rooms.delete("#dev");

        assertEquals(List.of(new RoomStore.Saved("#Ops", "Deploys", "carol", 10, true, true)),
                restart().rooms().all());
    }

    @Test
    void membershipsBansAndInvitesByRoomAndAccount() throws Exception {
        store.accounts().create("alice", "alice", "h", 1);
        store.accounts().create("Bob", "bob", "h", 1);
        MembershipStore memberships = store.memberships();
        assertTrue(memberships.join("#ops", "alice", 100));
        assertFalse(memberships.join("#OPS", "alice", 101), "already in it");
        assertTrue(memberships.join("#ops", "bob", 102));
        assertTrue(memberships.setOperator("#ops", "bob", true));
        assertFalse(memberships.setOperator("#ops", "carol", true), "not a member");
        memberships.invite("#ops", "carol", "alice", 5000);
        memberships.invite("#ops", "carol", "bob", 6000);

        MembershipStore again = restart().memberships();
        assertEquals(List.of(new MembershipStore.Membership("#ops", "alice", "alice", 100, false),
                new MembershipStore.Membership("#ops", "bob", "Bob", 102, true)), again.all());
        assertEquals(List.of(new MembershipStore.Invite("#ops", "carol", 6000)), again.invites());
        assertEquals(Optional.of("bob"), again.longestStandingOperator("#ops"));
        assertEquals(Optional.of("Bob"), again.accountName("bob"));
        assertEquals(Optional.empty(), again.accountName("nobody"));

        again.ban("#ops", "bob", "alice", 200);
        assertEquals(List.of(new MembershipStore.Ban("#ops", "bob", "Bob")), again.bans());
        assertEquals(List.of("alice"), again.all().stream().map(MembershipStore.Membership::accountKey).toList(),
                "a ban ends the membership");
        assertTrue(again.unban("#ops", "bob"));
        assertFalse(again.unban("#ops", "bob"));
        again.uninvite("#ops", "carol");
        assertEquals(List.of(), again.invites());
        assertTrue(again.leave("#ops", "alice"));
        assertFalse(again.leave("#ops", "alice"));
    }

    @Test
    void deletingARoomForgetsItsMembershipsBansAndInvites() throws Exception {
        store.accounts().create("alice", "alice", "h", 1);
        MembershipStore memberships = store.memberships();
        memberships.join("#ops", "alice", 1);
        memberships.join("#dev", "alice", 1);
        memberships.ban("#ops", "bob", "alice", 2);
        memberships.invite("#ops", "carol", "alice", 3);

        memberships.deleteRoom("#ops");

        assertEquals(List.of("#dev"), memberships.all().stream().map(MembershipStore.Membership::roomKey).toList());
        assertEquals(List.of(), memberships.bans());
        assertEquals(List.of(), memberships.invites());
    }

    @Test
    void newAccountsAreWelcomedToTheDefaultRoomOnceAndRemovedOnesForgotten() throws Exception {
        store.accounts().create("alice", "alice", "h", 1);
        MembershipStore memberships = store.memberships();

        assertEquals(List.of(new MembershipStore.Membership("#lobby", "alice", "alice", 50, false)),
                memberships.welcome("#lobby", 50));
        assertEquals(List.of(), memberships.welcome("#lobby", 60), "once");
        memberships.leave("#lobby", "alice");
        assertEquals(List.of(), memberships.welcome("#lobby", 70), "one who left stays out");
        memberships.join("#ops", "alice", 80);
        memberships.invite("#ops", "alice", "bob", 90);
        store.accounts().delete("alice");
        assertEquals(1, memberships.forgetRemovedAccounts());
        assertEquals(List.of(), memberships.all());
        assertEquals(List.of(), memberships.invites());
    }

    @Test
    void accountsAreFoundByKeyWithTheirNameAsRegistered() throws Exception {
        AccountStore accounts = store.accounts();
        assertTrue(accounts.create("Zoë", "zoë", "hash-1", 1));
        assertFalse(accounts.create("ZOË", "zoë", "hash-2", 2), "one account per key");
        assertTrue(accounts.create("bob", "bob", "hash-3", 3));
        assertTrue(accounts.setPasswordHash("zoë", "hash-4"));
        assertFalse(accounts.setPasswordHash("nobody", "x"));

        AccountStore again = restart().accounts();
        assertEquals(Optional.of(new AccountStore.Account("Zoë", "hash-4")), again.find("zoë"));
        assertEquals(Optional.empty(), again.find("nobody"));
        assertEquals(List.of("bob", "Zoë"), again.names());
        assertTrue(again.delete("bob"));
        assertFalse(again.delete("bob"));
    }

    @Test
    void serverBansOutliveARestart() throws Exception {
        store.serverBans().ban("erin", true, 1);
        store.serverBans().ban("frank", true, 2);
        store.serverBans().ban("frank", false, 3);

        assertEquals(Set.of("erin"), restart().serverBans().all());
    }

    @Test
    void tokensAreTakenOnceByTheirAccountWhileTheyWork() throws Exception {
        TokenStore tokens = store.tokens();
        tokens.add(List.of(new TokenStore.NewToken("h1", "alice", "Alice", false),
                new TokenStore.NewToken("h2", "guest-7", "guest-7", true)));

        TokenStore again = restart().tokens();
        assertEquals(Optional.of(new TokenStore.StoredToken("alice", "Alice", false, Long.MAX_VALUE)),
                again.find("h1"));
        assertEquals(Optional.empty(), again.take("h1", "bob", 10), "another account's");
        assertEquals(Optional.of(new TokenStore.StoredToken("alice", "Alice", false, Long.MAX_VALUE)),
                again.take("h1", "alice", 10));
        assertEquals(Optional.empty(), again.take("h1", "alice", 10), "used up");
        again.setExpiry("h2", 500);
        assertEquals(Optional.empty(), again.take("h2", "guest-7", 500), "expired");
        assertTrue(again.find("h2").isPresent(), "an expired token is not taken");
    }

    @Test
    void atStartConnectedSessionsEndAndExpiredTokensAreForgotten() throws Exception {
        TokenStore tokens = store.tokens();
        tokens.add(List.of(new TokenStore.NewToken("connected", "a", "a", false),
                new TokenStore.NewToken("ended", "b", "b", false), new TokenStore.NewToken("old", "c", "c", false)));
        tokens.setExpiry("ended", 800);
        tokens.setExpiry("old", 100);

        tokens.endSessions(1000);
        tokens.forget(200, 10);

        assertEquals(1000, tokens.find("connected").orElseThrow().expires());
        assertEquals(800, tokens.find("ended").orElseThrow().expires());
        assertEquals(Optional.empty(), tokens.find("old"));
        tokens.forget(200, 1);
        assertEquals(Optional.empty(), tokens.find("ended"), "beyond the limit, the closest to expiring go first");
        assertTrue(tokens.find("connected").isPresent());
    }
}
