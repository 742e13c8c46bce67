package chatroom.server.rooms;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each account sent lately, by client message id, so that a message sent again after a lost connection is
 * acknowledged instead of delivered twice. Bounded three ways: per account, in all, and by age; what falls out is
 * old enough that no client still waits for it. The rooms thread only.
 */
public final class Receipts {
    /**
     * One delivered message: what the sender's acknowledgement needs to say again.
     *
     * @param id   the chat message's id, or the private message's id in its conversation; 0 for a private message
     *             the server does not keep
     * @param to   the recipient of a private message; {@code null} for a chat message
     * @param roomKey the room of a chat message; {@code null} for a private message
     */
    public record Receipt(String accountKey, String cid, long id, long ts, String from, String to, String roomKey) {
    }

    private final int perAccount;
    private final int total;
    private final long maxAgeMillis;
    private final Map<String, LinkedHashMap<String, Receipt>> byAccount = new HashMap<>();
    // Oldest first; may still hold receipts an account's own bound pushed out, which are skipped when they come up.
    private final ArrayDeque<Receipt> byAge = new ArrayDeque<>();

    public Receipts(int perAccount, int total, long maxAgeMillis) {
        this.perAccount = perAccount;
        this.total = total;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** The receipt of this account's message with this client id, or {@code null} when none is remembered. */
    Receipt find(String accountKey, String cid, long nowMillis) {
        forgetOlderThan(nowMillis - maxAgeMillis);
        Map<String, Receipt> mine = byAccount.get(accountKey);
        return mine == null ? null : mine.get(cid);
    }

    public void add(Receipt receipt, long nowMillis) {
        forgetOlderThan(nowMillis - maxAgeMillis);
        LinkedHashMap<String, Receipt> mine = byAccount.computeIfAbsent(receipt.accountKey(),
                key -> new LinkedHashMap<>());
        mine.put(receipt.cid(), receipt);
        byAge.addLast(receipt);
        if (mine.size() > perAccount) {
            Iterator<Receipt> oldest = mine.values().iterator();
            oldest.next();
            oldest.remove();
        }
        while (byAge.size() > total) {
            forget(byAge.pollFirst());
        }
    }

    /** How many receipts are remembered. */
    int size() {
        return byAccount.values().stream().mapToInt(Map::size).sum();
    }

    private void forgetOlderThan(long cutoffMillis) {
        while (!byAge.isEmpty() && byAge.peekFirst().ts() < cutoffMillis) {
            forget(byAge.pollFirst());
        }
    }

    private void forget(Receipt receipt) {
        Map<String, Receipt> mine = byAccount.get(receipt.accountKey());
        if (mine != null && mine.get(receipt.cid()) == receipt) {
            mine.remove(receipt.cid());
            if (mine.isEmpty()) {
                byAccount.remove(receipt.accountKey());
            }
        }
    }
}
