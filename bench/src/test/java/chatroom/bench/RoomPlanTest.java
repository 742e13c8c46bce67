package chatroom.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoomPlanTest {
    private final RoomPlan plan = new RoomPlan(1000, 10, "x-");

    @Test
    void eachClientIsInDistinctRooms() {
        for (int client = 0; client < 10_000; client += 7) {
            Set<Integer> rooms = new HashSet<>();
            for (int slot = 0; slot < 10; slot++) {
                int room = plan.room(client, slot);
                assertEquals(true, room >= 0 && room < 1000, "room " + room);
                rooms.add(room);
            }
            assertEquals(10, rooms.size(), "client " + client);
        }
    }

    @Test
    void everyRoomGetsTheSameNumberOfMembers() {
        int[] members = new int[1000];
        for (int client = 0; client < 10_000; client++) {
            for (int slot = 0; slot < 10; slot++) {
                members[plan.room(client, slot)]++;
            }
        }
        for (int room = 0; room < 1000; room++) {
            assertEquals(100, members[room], "room " + room);
        }
    }

    @Test
    void blocksOfClientsDoNotShareTheSameRooms() {
        // Client 0 and client 1,000 start in the same room but go on in different steps.
        assertEquals(plan.room(0, 0), plan.room(1000, 0));
        assertNotEquals(plan.room(0, 1), plan.room(1000, 1));
    }

    @Test
    void expectedDeliveriesCountTheMembersOfTheRoomEachMessageGoesTo() {
        // 1,000 senders, 25 messages each: 2.5 to each of their 10 rooms, each of 100 members.
        assertEquals(25L * 1000 * 100, plan.expectedDeliveries(10_000, 1000, 25));
        RoomPlan small = new RoomPlan(3, 2, "s-");
        // Clients 0, 1, 2 are in rooms {0,1}, {1,2}, {2,0}: two members each. Client 0 sends 3: rooms 0, 1, 0.
        assertEquals(2 + 2 + 2, small.expectedDeliveries(3, 1, 3));
        assertEquals(0, small.roomOfMessage(0, 2));
        assertEquals("#s-2", small.name(2));
    }

    @Test
    void aClientCannotBeInMoreRoomsThanThereAre() {
        assertThrows(IllegalArgumentException.class, () -> new RoomPlan(5, 6, "x-"));
    }
}
