package chatroom.server.privates;

import chatroom.api.message.PrivateMessage;
import chatroom.api.rules.Names;
import chatroom.server.ServerConfig;
import chatroom.server.accounts.Accounts;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The private conversations between accounts, as the rooms' thread keeps them: the next id of each conversation,
 * how many messages wait for each offline account (bounded by {@link ServerConfig.Privates#offlineMax()}), and
 * which accounts were queued messages while this server runs, whose login must see those committed first. Reads
 * what it does not know yet from the {@link PrivateStore}; writes go through the journal, with the deliveries.
 * One thread only.
 */
public final class PrivateConversations {
    /** Conversations whose next id is kept in memory; the one unused longest is read again when needed. */
    static final int IDS_KEPT = 100_000;

    private final PrivateStore store;
    private final Accounts accounts;
    private final ServerConfig.Privates settings;
    private final Map<String, Long> lastIds = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > IDS_KEPT;
        }
    };
    private final Map<String, Long> waiting = new HashMap<>();
    private final Set<String> queuedWhileRunning = new HashSet<>();

    public PrivateConversations(PrivateStore store, Accounts accounts, ServerConfig.Privates settings) {
        this.store = store;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** The account key of an account's name, and that account's name as registered, when it exists. */
    public Optional<String> registeredName(String name) {
        return accounts.registeredName(name);
    }

    /** A message between two accounts, stored under the next id of their conversation. */
    public PrivateRow message(String fromKey, String toKey, String from, String to, String text, long ts,
                              boolean pending) throws SQLException {
        String conversation = PrivateStore.conversationKey(fromKey, toKey);
        Long last = lastIds.get(conversation);
        long id = (last == null ? store.lastId(conversation) : last) + 1;
        lastIds.put(conversation, id);
        if (pending) {
            waiting.merge(toKey, 1L, Long::sum);
            queuedWhileRunning.add(toKey);
        }
        return new PrivateRow(conversation, id, ts, fromKey, toKey, from, to, text, pending);
    }

    /** Why one more message cannot wait for this offline account, or empty when it can. */
    public Optional<String> full(String toKey, String name) throws SQLException {
        Long count = waiting.get(toKey);
        if (count == null) {
            count = store.pendingCount(toKey);
            waiting.put(toKey, count);
        }
        return count < settings.offlineMax() ? Optional.empty() : Optional.of(name + " has "
                + String.format("%,d", settings.offlineMax()) + " messages waiting already; write again once they"
                + " have read them.");
    }

    /** Waiting messages were deleted elsewhere (retention, the operator): the counts are read again when needed. */
    public void forgetCounts() {
        waiting.clear();
    }

    /** Whether messages were queued for this account while this server runs: its login waits for their commit. */
    public boolean queuedWhileRunning(String toKey) {
        return queuedWhileRunning.contains(toKey);
    }

    /** A message as both sides get it live, with its id. */
    public static PrivateMessage live(PrivateRow row) {
        return new PrivateMessage(row.ts(), row.from(), row.to(), row.text(), null, row.id(), null, null, null);
    }

    /** A message as its recipient gets it at login, having been offline when it was sent. */
    public static PrivateMessage waiting(PrivateRow row) {
        return new PrivateMessage(row.ts(), row.from(), row.to(), row.text(), null, row.id(), true, null, null);
    }

    /** The sender's copy of a message whose recipient is offline and gets it at its next login. */
    public static PrivateMessage offline(PrivateRow row) {
        return new PrivateMessage(row.ts(), row.from(), row.to(), row.text(), null, row.id(), null, null, true);
    }

    /** A message as a page of its conversation's history shows it. */
    public static PrivateMessage history(PrivateRow row) {
        return new PrivateMessage(row.ts(), row.from(), row.to(), row.text(), null, row.id(), null, true, null);
    }

    /** The rows waiting for an account, at most as many as may wait. */
    public List<PrivateRow> waitingRows(String toKey) throws SQLException {
        return store.pending(toKey, Math.max(1, settings.offlineMax()));
    }

    /** The account got what waited for it. */
    public void delivered(String toKey, List<PrivateRow> rows) throws SQLException {
        if (!rows.isEmpty()) {
            store.delivered(rows);
        }
        // Counted afresh from the store next time: some may still wait, when not all fitted at once.
        waiting.remove(toKey);
        queuedWhileRunning.remove(toKey);
    }

    /** The account key the conversations of an account name are kept under. */
    public static String keyOf(String account) {
        return Names.key(account);
    }
}
