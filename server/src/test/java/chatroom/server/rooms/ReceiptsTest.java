package chatroom.server.rooms;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReceiptsTest {
    private static Receipts.Receipt sent(String account, String cid, long id, long ts) {
        return new Receipts.Receipt(account, cid, id, ts, account, null, "#lobby");
    }

    @Test
    void findsAMessageByItsAccountAndClientId() {
        Receipts receipts = new Receipts(10, 100, 60_000);
        Receipts.Receipt mine = sent("alice", "c1", 7, 1000);
        receipts.add(mine, 1000);

        assertEquals(mine, receipts.find("alice", "c1", 1000));
        assertNull(receipts.find("bob", "c1", 1000), "another account's ids are its own");
        assertNull(receipts.find("alice", "c2", 1000));
    }

    @Test
    void forgetsWhatIsOlderThanTheMaximumAge() {
        Receipts receipts = new Receipts(10, 100, 60_000);
        receipts.add(sent("alice", "c1", 7, 1000), 1000);

        assertEquals(7, receipts.find("alice", "c1", 60_999).id());
        assertNull(receipts.find("alice", "c1", 61_001));
        assertEquals(0, receipts.size());
    }

    @Test
    void keepsTheNewestPerAccount() {
        Receipts receipts = new Receipts(2, 100, 60_000);
        receipts.add(sent("alice", "c1", 1, 1000), 1000);
        receipts.add(sent("alice", "c2", 2, 1000), 1000);
        receipts.add(sent("alice", "c3", 3, 1000), 1000);
        receipts.add(sent("bob", "c1", 4, 1000), 1000);

        assertNull(receipts.find("alice", "c1", 1000));
        assertEquals(2, receipts.find("alice", "c2", 1000).id());
        assertEquals(4, receipts.find("bob", "c1", 1000).id());
        assertEquals(3, receipts.size());
    }

    @Test
    void keepsTheNewestInAll() {
        Receipts receipts = new Receipts(10, 3, 60_000);
        for (int i = 1; i <= 5; i++) {
            receipts.add(sent("user" + i, "c", i, 1000), 1000);
        }

        assertEquals(3, receipts.size());
        assertNull(receipts.find("user2", "c", 1000));
        assertEquals(3, receipts.find("user3", "c", 1000).id());
    }
}
