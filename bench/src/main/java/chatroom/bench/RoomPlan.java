package chatroom.bench;

/**
 * Which rooms each bench client is in, and where each sender's messages go, for the many-room scenario.
 *
 * <p>Clients come in blocks of {@code rooms}: within a block, client {@code c} is in the rooms
 * {@code c, c + step, c + 2·step, …} (modulo the room count), with a step coprime to it so that a client's rooms are
 * distinct. Each block puts exactly {@code roomsPerClient} members in every room, so rooms are equally full, and
 * blocks use different steps, so rooms do not form clusters with the same members. A sender's message {@code m}
 * goes to its room {@code m mod roomsPerClient}, spreading the load over all of them.
 */
record RoomPlan(int rooms, int roomsPerClient, String namePrefix) {

    RoomPlan {
        if (rooms < 1 || roomsPerClient < 1 || roomsPerClient > rooms) {
            throw new IllegalArgumentException("--rooms-per-client must be between 1 and --rooms (" + rooms + ").");
        }
    }

    /** The room (0 to rooms − 1) that a client is in at a slot (0 to roomsPerClient − 1). */
    int room(int client, int slot) {
        int base = client % rooms;
        return (int) ((base + (long) slot * step(client / rooms)) % rooms);
    }

    String name(int room) {
        return "#" + namePrefix + room;
    }

    /** The room a sender's {@code message}-th message (counting from 0) goes to. */
    int roomOfMessage(int client, long message) {
        return room(client, (int) (message % roomsPerClient));
    }

    /** Deliveries that {@code senders} senders (clients 0 to senders − 1) sending {@code perSender} each cause. */
    long expectedDeliveries(int clients, int senders, long perSender) {
        long[] members = new long[rooms];
        for (int client = 0; client < clients; client++) {
            for (int slot = 0; slot < roomsPerClient; slot++) {
                members[room(client, slot)]++;
            }
        }
        long expected = 0;
        for (int sender = 0; sender < senders; sender++) {
            for (int slot = 0; slot < roomsPerClient; slot++) {
                long messages = perSender / roomsPerClient + (slot < perSender % roomsPerClient ? 1 : 0);
                expected += messages * members[room(sender, slot)];
            }
        }
        return expected;
    }

    /** The block's step: the first number from a block-dependent start that shares no factor with the room count. */
    private int step(int block) {
        if (rooms == 1) {
            return 1;
        }
        int step = 1 + (int) ((block * 37L) % (rooms - 1));
        while (gcd(step, rooms) != 1) {
            step = step % (rooms - 1) + 1;
        }
        return step;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
