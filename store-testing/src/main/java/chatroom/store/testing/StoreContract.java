package chatroom.store.testing;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.ServerMessage;
import chatroom.server.store.AccountStore;
import chatroom.server.store.HistoryRow;
import chatroom.server.store.HistoryStore;
import chatroom.server.store.MembershipStore;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;
import chatroom.server.store.ReadMarkerStore;
import chatroom.server.store.RoomStore;
import chatroom.server.store.Store;
import chatroom.server.store.StoreRows;
import chatroom.server.store.TokenStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static chatroom.store.testing.ContractAssertions.assertEquals;
import static chatroom.store.testing.ContractAssertions.assertFalse;
import static chatroom.store.testing.ContractAssertions.assertTrue;

/**
 * What every store must do, as the server relies on it, so that SQLite and PostgreSQL are held to the same
 * behaviour: each provider's test runs every {@link #checks() check} on an empty store of its own, as dynamic tests
 * ({@code @TestFactory}). Keys are given as the server gives them (already {@code Names.key} /
 * {@code RoomNames.key}); rooms by name.
 *
 * <p>Plain code rather than a JUnit base class: this module would otherwise put JUnit on the module path of every
 * test run that uses it, where Surefire's own JUnit launcher, on the class path, cannot reach it.
 */
public final class StoreContract {
    private StoreContract() {
    }

    /** How a provider's test opens its stores. */
    public interface Stores {
        /** An empty store, schema made. */
        Store openEmpty() throws Exception;

        /** The same store again, as after a restart: what was committed must be there. */
        Store reopen() throws Exception;
    }

    /** One thing a store must do: its name, and the check run on an empty store. */
    public record Check(String name, Body body) {
        /** Runs the check on an empty store, and closes whichever store it ends with. */
        public void runOn(Stores stores) throws Exception {
            Fixture fixture = new Fixture(stores, stores.openEmpty());
            try {
                body.run(fixture);
            } finally {
                fixture.store().close();
            }
        }
    }

    /** The code of a check. */
    @FunctionalInterface
    public interface Body {
        void run(Fixture fixture) throws Exception;
    }

    /** The store a check works on, which it may restart. */
    public static final class Fixture {
        private final Stores stores;
        private Store store;

        private Fixture(Stores stores, Store store) {
            this.stores = stores;
            this.store = store;
        }

        public Store store() {
            return store;
        }

        /** Closes the store and opens it again. */
        public Store restart() throws Exception {
            store.close();
            store = stores.reopen();
            return store;
        }
    }

    /** Every check, in a stable order. */
    public static List<Check> checks() {
        return List.of(
                new Check("aBatchWrittenAgainIsKeptOnce", StoreContract::aBatchWrittenAgainIsKeptOnce),
                new Check("rowsOfEveryKindAreWrittenAndReadBackInOrder",
                        StoreContract::rowsOfEveryKindAreWrittenAndReadBackInOrder),
                new Check("rowsShowWhatThePartsStored", StoreContract::rowsShowWhatThePartsStored),
                new Check("aBatchWithABadEntryWritesNothingAndTheNextBatchWorks",
                        StoreContract::aBatchWithABadEntryWritesNothingAndTheNextBatchWorks),
                new Check("historyKeepsEachRoomsEntriesInOrderWithTheirIdsAcrossARestart",
                        StoreContract::historyKeepsEachRoomsEntriesInOrderWithTheirIdsAcrossARestart),
                new Check("historyKeepsTheReceiptsOfClientMessageIdsAndNeverShowsThem",
                        StoreContract::historyKeepsTheReceiptsOfClientMessageIdsAndNeverShowsThem),
                new Check("roomsAreMadeOnceAndKeepTheirSettings",
                        StoreContract::roomsAreMadeOnceAndKeepTheirSettings),
                new Check("membershipsBansAndInvitesByRoomAndAccount",
                        StoreContract::membershipsBansAndInvitesByRoomAndAccount),
                new Check("deletingARoomForgetsItsMembershipsBansAndInvites",
                        StoreContract::deletingARoomForgetsItsMembershipsBansAndInvites),
                new Check("newAccountsAreWelcomedToTheDefaultRoomOnceAndRemovedOnesForgotten",
                        StoreContract::newAccountsAreWelcomedToTheDefaultRoomOnceAndRemovedOnesForgotten),
                new Check("accountsAreFoundByKeyWithTheirNameAsRegistered",
                        StoreContract::accountsAreFoundByKeyWithTheirNameAsRegistered),
                new Check("serverBansOutliveARestart",
                        StoreContract::serverBansOutliveARestart),
                new Check("tokensAreTakenOnceByTheirAccountWhileTheyWork",
                        StoreContract::tokensAreTakenOnceByTheirAccountWhileTheyWork),
                new Check("atStartConnectedSessionsEndAndExpiredTokensAreForgotten",
                        StoreContract::atStartConnectedSessionsEndAndExpiredTokensAreForgotten),
                new Check("privateMessagesWaitForTheirRecipientAndKeepTheirConversationAcrossARestart",
                        StoreContract::privateMessagesWaitForTheirRecipientAndKeepTheirConversationAcrossARestart),
                new Check("privateMessagesExpireAndGoWithTheirAccount",
                        StoreContract::privateMessagesExpireAndGoWithTheirAccount),
                new Check("readMarkersOnlyMoveForwardAndOutliveARestart",
                        StoreContract::readMarkersOnlyMoveForwardAndOutliveARestart));
    }

    private static void historyKeepsEachRoomsEntriesInOrderWithTheirIdsAcrossARestart(Fixture fixture)
            throws Exception {
        HistoryStore history = fixture.store().history();
        history.append(List.of(new ChatMessage(1, 1000, "alice", "hello 你好", false, null, "#ops"),
                new Announcement(2, 1001, "maintenance at noon", false, "#ops"),
                new ChatMessage(1, 1002, "bob", "in the lobby", false, null, "#lobby"),
                new FileShared(3, 1003, "alice", "plan v2.pdf", 2048, false, "#ops")));

        HistoryStore again = fixture.restart().history();
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

    private static void historyKeepsTheReceiptsOfClientMessageIdsAndNeverShowsThem(Fixture fixture) throws Exception {
        HistoryStore history = fixture.store().history();
        history.append(List.of(
                new ChatMessage(1, 1000, "Alice", "first", false, HistoryStore.receiptCid("alice", "c-1"), "#ops"),
                new ChatMessage(2, 2000, "Alice", "second", false, HistoryStore.receiptCid("alice", "c-2"), "#ops"),
                new ChatMessage(3, 3000, "bob", "no cid", false, null, "#ops")));

        HistoryStore again = fixture.restart().history();
        assertEquals(List.of(new HistoryStore.Receipt("alice", "c-2", 2, 2000, "Alice", "#ops")),
                again.receipts(1500, 10));
        assertEquals(2, again.receipts(0, 10).size());
        assertEquals(List.of(new HistoryStore.Receipt("alice", "c-2", 2, 2000, "Alice", "#ops")),
                again.receipts(0, 1), "the newest first when there are more than the limit");
        assertEquals(null, ((ChatMessage) again.before("#ops", 2, 1).getFirst()).cid());
    }

    private static void roomsAreMadeOnceAndKeepTheirSettings(Fixture fixture) throws Exception {
        RoomStore rooms = fixture.store().rooms();
        assertTrue(rooms.create("#Ops", "alice", 10));
        assertFalse(rooms.create("#ops", "bob", 11), "one room per name key");
        assertTrue(rooms.create("#dev", "bob", 12));
        rooms.setTopic("#ops", "Deploys");
        rooms.setTopicOpen("#ops", true);
        rooms.setInviteOnly("#ops", true);
        rooms.setOwner("#ops", "carol");
        rooms.delete("#dev");

        assertEquals(List.of(new RoomStore.Saved("#Ops", "Deploys", "carol", 10, true, true)),
                fixture.restart().rooms().all());
    }

    private static void membershipsBansAndInvitesByRoomAndAccount(Fixture fixture) throws Exception {
        fixture.store().accounts().create("alice", "alice", "h", 1);
        fixture.store().accounts().create("Bob", "bob", "h", 1);
        MembershipStore memberships = fixture.store().memberships();
        assertTrue(memberships.join("#ops", "alice", 100));
        assertFalse(memberships.join("#OPS", "alice", 101), "already in it");
        assertTrue(memberships.join("#ops", "bob", 102));
        assertTrue(memberships.setOperator("#ops", "bob", true));
        assertFalse(memberships.setOperator("#ops", "carol", true), "not a member");
        memberships.invite("#ops", "carol", "alice", 5000);
        memberships.invite("#ops", "carol", "bob", 6000);

        MembershipStore again = fixture.restart().memberships();
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

    private static void deletingARoomForgetsItsMembershipsBansAndInvites(Fixture fixture) throws Exception {
        fixture.store().accounts().create("alice", "alice", "h", 1);
        MembershipStore memberships = fixture.store().memberships();
        memberships.join("#ops", "alice", 1);
        memberships.join("#dev", "alice", 1);
        memberships.ban("#ops", "bob", "alice", 2);
        memberships.invite("#ops", "carol", "alice", 3);

        memberships.deleteRoom("#ops");

        assertEquals(List.of("#dev"), memberships.all().stream().map(MembershipStore.Membership::roomKey).toList());
        assertEquals(List.of(), memberships.bans());
        assertEquals(List.of(), memberships.invites());
    }

    private static void newAccountsAreWelcomedToTheDefaultRoomOnceAndRemovedOnesForgotten(Fixture fixture)
            throws Exception {
        fixture.store().accounts().create("alice", "alice", "h", 1);
        MembershipStore memberships = fixture.store().memberships();

        assertEquals(List.of(new MembershipStore.Membership("#lobby", "alice", "alice", 50, false)),
                memberships.welcome("#lobby", 50));
        assertEquals(List.of(), memberships.welcome("#lobby", 60), "once");
        memberships.leave("#lobby", "alice");
        assertEquals(List.of(), memberships.welcome("#lobby", 70), "one who left stays out");
        memberships.join("#ops", "alice", 80);
        memberships.invite("#ops", "alice", "bob", 90);
        fixture.store().accounts().delete("alice");
        assertEquals(1, memberships.forgetRemovedAccounts());
        assertEquals(List.of(), memberships.all());
        assertEquals(List.of(), memberships.invites());
    }

    private static void accountsAreFoundByKeyWithTheirNameAsRegistered(Fixture fixture) throws Exception {
        AccountStore accounts = fixture.store().accounts();
        assertTrue(accounts.create("Zoë", "zoë", "hash-1", 1));
        assertFalse(accounts.create("ZOË", "zoë", "hash-2", 2), "one account per key");
        assertTrue(accounts.create("bob", "bob", "hash-3", 3));
        assertTrue(accounts.setPasswordHash("zoë", "hash-4"));
        assertFalse(accounts.setPasswordHash("nobody", "x"));

        AccountStore again = fixture.restart().accounts();
        assertEquals(Optional.of(new AccountStore.Account("Zoë", "hash-4")), again.find("zoë"));
        assertEquals(Optional.empty(), again.find("nobody"));
        assertEquals(List.of("bob", "Zoë"), again.names());
        assertTrue(again.delete("bob"));
        assertFalse(again.delete("bob"));
    }

    private static void serverBansOutliveARestart(Fixture fixture) throws Exception {
        fixture.store().serverBans().ban("erin", true, 1);
        fixture.store().serverBans().ban("frank", true, 2);
        fixture.store().serverBans().ban("frank", false, 3);

        assertEquals(Set.of("erin"), fixture.restart().serverBans().all());
    }

    private static void tokensAreTakenOnceByTheirAccountWhileTheyWork(Fixture fixture) throws Exception {
        TokenStore tokens = fixture.store().tokens();
        tokens.add(List.of(new TokenStore.NewToken("h1", "alice", "Alice", false),
                new TokenStore.NewToken("h2", "guest-7", "guest-7", true)));

        TokenStore again = fixture.restart().tokens();
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

    private static void atStartConnectedSessionsEndAndExpiredTokensAreForgotten(Fixture fixture) throws Exception {
        TokenStore tokens = fixture.store().tokens();
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

    private static PrivateRow whisper(String fromKey, String toKey, long id, long ts, String text, boolean pending) {
        return new PrivateRow(PrivateStore.conversationKey(fromKey, toKey), id, ts, fromKey, toKey, fromKey,
                toKey, text, pending);
    }

    private static void privateMessagesWaitForTheirRecipientAndKeepTheirConversationAcrossARestart(Fixture fixture)
            throws Exception {
        PrivateStore privates = fixture.store().privates();
        PrivateRow first = whisper("alice", "bob", 1, 1000, "are you there? 你好", true);
        PrivateRow answer = whisper("bob", "alice", 2, 1001, "yes", false);
        PrivateRow second = whisper("alice", "bob", 3, 1002, "good", true);
        PrivateRow fromCarol = whisper("carol", "bob", 1, 999, "hi bob", true);
        privates.append(List.of(first, answer, second, fromCarol));
        privates.append(List.of(first));
        fixture.store().accounts().create("Alice", "alice", "hash", 1);
        fixture.store().readMarkers().mark("bob", "alice/bob", 1);

        PrivateStore again = fixture.restart().privates();
        assertEquals("alice/bob", PrivateStore.conversationKey("bob", "alice"));
        assertEquals(List.of(fromCarol, first, second), again.pending("bob", 10), "bob's queue, oldest first");
        assertEquals(List.of(fromCarol, first), again.pending("bob", 2));
        assertEquals(3L, again.pendingCount("bob"));
        assertEquals(0L, again.pendingCount("alice"));
        assertEquals(3L, again.lastId("alice/bob"), "a message written again is kept once");
        assertEquals(List.of(first, answer, second), again.before("alice/bob", Long.MAX_VALUE, 10));
        assertEquals(List.of(answer), again.before("alice/bob", 3, 1));
        assertTrue(again.hasBefore("alice/bob", 2));
        assertFalse(again.hasBefore("alice/bob", 1));
        assertEquals(List.of(new PrivateStore.Summary("alice/bob", "alice", "Alice", 3, 1002, 1L),
                new PrivateStore.Summary("bob/carol", "carol", null, 1, 999, null)), again.conversationsOf("bob")
                .stream().sorted(Comparator.comparing(PrivateStore.Summary::conversation)).toList(),
                "bob read alice's first: her third is unread, his answer never is; carol has no account and bob no"
                        + " marker there");
        assertEquals(2L, again.countAfter("alice/bob", "bob", 0), "what bob was sent: two of the three");
        assertEquals(1L, again.countAfter("alice/bob", "bob", 1));
        assertEquals(0L, again.countAfter("alice/bob", "alice", 2));
        again.delivered(List.of(fromCarol, first));
        assertEquals(List.of(second), fixture.restart().privates().pending("bob", 10));
        assertEquals(first.delivered(), fixture.store().privates().before("alice/bob", 2, 1).getFirst());
    }

    private static void privateMessagesExpireAndGoWithTheirAccount(Fixture fixture) throws Exception {
        PrivateStore privates = fixture.store().privates();
        privates.append(List.of(whisper("alice", "bob", 1, 1000, "old", true),
                whisper("alice", "bob", 2, 5000, "new", true), whisper("carol", "dave", 1, 6000, "kept", true),
                whisper("bob", "carol", 1, 7000, "to carol", false)));

        assertEquals(1, privates.expire(5000));
        assertEquals(List.of(whisper("alice", "bob", 2, 5000, "new", true)), privates.pending("bob", 10));
        assertEquals(2, privates.deleteAccount("bob"));
        assertEquals(0L, privates.lastId("alice/bob"));
        assertEquals(0L, privates.lastId("bob/carol"));
        assertEquals(1L, privates.lastId("carol/dave"));

        assertEquals(1, privates.expire(6500), "a conversation's newest message is emptied rather than deleted");
        assertEquals(1L, privates.lastId("carol/dave"), "so that its ids go on from there");
        assertEquals(List.of(), privates.before("carol/dave", Long.MAX_VALUE, 10));
        assertEquals(List.of(), privates.pending("dave", 10));
        assertEquals(0L, privates.countAfter("carol/dave", "dave", 0));
    }

    private static void readMarkersOnlyMoveForwardAndOutliveARestart(Fixture fixture) throws Exception {
        ReadMarkerStore markers = fixture.store().readMarkers();
        assertTrue(markers.mark("alice", "#ops", 5));
        assertTrue(markers.mark("alice", "#ops", 9));
        assertFalse(markers.mark("alice", "#ops", 7), "a marker never goes back");
        assertFalse(markers.mark("alice", "#ops", 9));
        assertTrue(markers.mark("alice", "alice/bob", 3));
        assertTrue(markers.mark("bob", "#ops", 2));

        ReadMarkerStore again = fixture.restart().readMarkers();
        assertEquals(Map.of("#ops", 9L, "alice/bob", 3L), again.markers("alice"));
        assertEquals(Map.of(), again.markers("carol"));
        again.forgetConversation("#ops");
        assertEquals(Map.of("alice/bob", 3L), again.markers("alice"));
        assertEquals(Map.of(), again.markers("bob"));
        again.forgetAccount("alice");
        assertEquals(Map.of(), again.markers("alice"));
    }

    private static void aBatchWrittenAgainIsKeptOnce(Fixture fixture) throws Exception {
        List<ServerMessage> batch = List.of(new ChatMessage(1, 1000, "alice", "once", false, null, "#ops"),
                new ChatMessage(2, 1001, "alice", "twice?", false, null, "#ops"));
        fixture.store().history().append(batch);
        fixture.store().history().append(batch);
        assertEquals(2L, fixture.store().history().size("#ops"), "a retry after a lost answer keeps one copy");
    }

    private static void aBatchWithABadEntryWritesNothingAndTheNextBatchWorks(Fixture fixture) throws Exception {
        HistoryStore history = fixture.store().history();
        try {
            history.append(List.of(new ChatMessage(1, 1000, "alice", "kept?", false, null, "#ops"),
                    new ChatMessage(2, 1001, "alice", "names no room", false, null, null)));
            throw new AssertionError("an entry without a room was written");
        } catch (IllegalArgumentException expected) {
            // As the server's journal sees it: that batch failed, whole.
        }
        assertEquals(0L, history.size("#ops"), "nothing of the failed batch");
        history.append(List.of(new ChatMessage(1, 1002, "alice", "next", false, null, "#ops")));
        assertEquals(List.of(new ChatMessage(1, 1002, "alice", "next", true, null, "#ops")),
                fixture.restart().history().before("#ops", Long.MAX_VALUE, 10));
    }

    /** One row or more of every kind, as {@code chat migrate} writes them into an empty store. */
    private static Map<Class<? extends Record>, List<? extends Record>> sampleRows() {
        Map<Class<? extends Record>, List<? extends Record>> rows = new LinkedHashMap<>();
        rows.put(StoreRows.AccountRow.class, List.of(new StoreRows.AccountRow("alice", "Alice", "hash-a", 1, true),
                new StoreRows.AccountRow("zoë", "Zoë", "hash-z", 2, false)));
        rows.put(StoreRows.RoomRow.class, List.of(
                new StoreRows.RoomRow("#lobby", "#lobby", null, null, 3, false, false),
                new StoreRows.RoomRow("#ops", "#Ops", "Deploys", "alice", 4, true, true)));
        rows.put(StoreRows.MembershipRow.class, List.of(new StoreRows.MembershipRow("#lobby", "alice", 5, false),
                new StoreRows.MembershipRow("#ops", "alice", 6, true)));
        rows.put(StoreRows.RoomBanRow.class, List.of(new StoreRows.RoomBanRow("#ops", "zoë", "alice", 7)));
        rows.put(StoreRows.InviteRow.class, List.of(new StoreRows.InviteRow("#ops", "bob", null, 8)));
        rows.put(StoreRows.ServerBanRow.class, List.of(new StoreRows.ServerBanRow("erin", 9)));
        rows.put(StoreRows.TokenRow.class, List.of(
                new StoreRows.TokenRow("h1", "alice", "Alice", false, Long.MAX_VALUE),
                new StoreRows.TokenRow("h2", "guest-7", "guest-7", true, 10)));
        rows.put(StoreRows.ReadMarkerRow.class, List.of(new StoreRows.ReadMarkerRow("alice", "#ops", 2),
                new StoreRows.ReadMarkerRow("alice", "alice/bob", 1)));
        rows.put(PrivateRow.class, List.of(new PrivateRow("alice/bob", 1, 15, "alice", "bob", "Alice", "bob", "psst",
                false), new PrivateRow("alice/bob", 2, 16, "bob", "alice", "bob", "Alice", "while you were away",
                true)));
        rows.put(HistoryRow.class, List.of(
                new HistoryRow("#ops", 2, 12, HistoryRow.MESSAGE, "Alice", "second", "alice", "c-2"),
                new HistoryRow("#ops", 1, 11, HistoryRow.MESSAGE, "Alice", "first, written after", null, null),
                new HistoryRow(null, 7, 13, HistoryRow.ANNOUNCEMENT, null, "from before rooms", null, null),
                new HistoryRow("#lobby", 1, 14, HistoryRow.FILE, "Zoë", "2048 plan 你好.pdf", null, null)));
        return rows;
    }

    private static <R extends Record> List<R> allRows(Store store, Class<R> kind) throws Exception {
        List<R> all = new ArrayList<>();
        store.rows().read(kind, 2, all::addAll);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void rowsOfEveryKindAreWrittenAndReadBackInOrder(Fixture fixture) throws Exception {
        Map<Class<? extends Record>, List<? extends Record>> rows = sampleRows();
        assertEquals(StoreRows.KINDS, List.copyOf(rows.keySet()), "a sample of every kind");
        try (StoreRows.Writer abandoned = fixture.store().rows().writer()) {
            abandoned.write(StoreRows.ServerBanRow.class, List.of(new StoreRows.ServerBanRow("frank", 1)));
        }
        assertEquals(0L, fixture.store().rows().count(StoreRows.ServerBanRow.class), "not committed: rolled back");
        try (StoreRows.Writer writer = fixture.store().rows().writer()) {
            for (Map.Entry<Class<? extends Record>, List<? extends Record>> kind : rows.entrySet()) {
                writer.write((Class<Record>) kind.getKey(), (List<Record>) kind.getValue());
            }
            writer.commit();
        }

        Store again = fixture.restart();
        for (Map.Entry<Class<? extends Record>, List<? extends Record>> kind : rows.entrySet()) {
            List<? extends Record> expected = kind.getKey() == HistoryRow.class ? kind.getValue()
                    : kind.getValue().stream().sorted(Comparator.comparing(Record::toString)).toList();
            assertEquals(expected, allRows(again, kind.getKey()), kind.getKey().getSimpleName()
                    + ": by key, history in the order written");
            assertEquals((long) expected.size(), again.rows().count(kind.getKey()));
        }
        assertEquals(List.of(new ChatMessage(2, 12, "Alice", "second", true, null, "#ops")),
                again.history().before("#ops", Long.MAX_VALUE, 1), "the parts read what the rows wrote");
        try (StoreRows.Writer writer = again.rows().writer()) {
            writer.deleteAll();
            writer.commit();
        }
        for (Class<? extends Record> kind : StoreRows.KINDS) {
            assertEquals(0L, again.rows().count(kind), kind.getSimpleName());
        }
    }

    private static void rowsShowWhatThePartsStored(Fixture fixture) throws Exception {
        Store store = fixture.store();
        store.accounts().create("alice", "alice", "hash", 1);
        store.rooms().create("#ops", "alice", 2);
        store.memberships().join("#ops", "alice", 3);
        store.memberships().ban("#ops", "bob", "alice", 4);
        store.serverBans().ban("erin", true, 5);
        store.history().append(List.of(
                new ChatMessage(1, 6, "alice", "hi", false, HistoryStore.receiptCid("alice", "c-1"), "#ops")));

        assertEquals(List.of(new StoreRows.AccountRow("alice", "alice", "hash", 1, false)),
                allRows(store, StoreRows.AccountRow.class));
        assertEquals(List.of(new StoreRows.RoomRow("#ops", "#ops", null, "alice", 2, false, false)),
                allRows(store, StoreRows.RoomRow.class));
        assertEquals(List.of(new StoreRows.MembershipRow("#ops", "alice", 3, false)),
                allRows(store, StoreRows.MembershipRow.class));
        assertEquals(List.of(new StoreRows.RoomBanRow("#ops", "bob", "alice", 4)),
                allRows(store, StoreRows.RoomBanRow.class));
        assertEquals(List.of(new StoreRows.ServerBanRow("erin", 5)), allRows(store, StoreRows.ServerBanRow.class));
        assertEquals(List.of(new HistoryRow("#ops", 1, 6, HistoryRow.MESSAGE, "alice", "hi", "alice", "c-1")),
                allRows(store, HistoryRow.class));
    }
}
