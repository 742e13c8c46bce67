package chatroom.transport.udp;

import java.util.List;
import java.util.function.Consumer;

/**
 * A reliable, ordered stream of messages in each direction between this peer and one member: a {@link SendWindow}
 * and a {@link ReceiveWindow}, acknowledgements on every packet, an acknowledgement as soon as data arrives, and a
 * keep-alive when the link is quiet. A link made on a hello stays silent until confirmed, so that a forged or
 * replayed hello cannot turn this peer into a source of traffic towards someone else. Knows nothing of sockets or
 * clocks: callers pass the time. Not thread-safe.
 */
final class Link {
    private final Route route;
    private final long keepAlive;
    private final SendWindow send;
    private final ReceiveWindow receive;
    private long nextNumber = 1;
    private long highestNumber;
    private long lastHeard;
    private long lastSent;
    private boolean ackDue;
    private boolean confirmed;

    /**
     * @param route     the route of packets this side sends (this peer's ids first)
     * @param now       when the link was made; counts as the first sign of life
     * @param confirmed whether the other side is known to have the link: true when it welcomed us, false when we
     *                  welcomed it (until a packet echoing our link id proves the hello was not forged)
     */
    Link(Route route, PeerConfig config, DropCounters drops, long now, boolean confirmed) {
        this.confirmed = confirmed;
        this.route = route;
        this.keepAlive = config.keepAliveMillis();
        this.send = new SendWindow(config.sendWindow(), config.sendBuffer(),
                new RetransmissionTimeout(config.initialRtoMillis(), config.minRtoMillis(), config.maxRtoMillis()));
        this.receive = new ReceiveWindow(config.receiveWindow(), drops);
        this.lastHeard = now;
        this.lastSent = now;
    }

    /** This side's link id. */
    int localId() {
        return route.senderLink();
    }

    /** The other side's link id. */
    int remoteId() {
        return route.receiverLink();
    }

    Route route() {
        return route;
    }

    boolean hasRoomFor(int messageBytes) {
        return send.hasRoomFor(messageBytes);
    }

    /** Queues a message; false when the send buffer is full. Call {@link #poll} to send it. */
    boolean offer(byte[] message) {
        return send.offer(message);
    }

    /**
     * Takes a link packet addressed to this link. Only packets numbered above every earlier one count as a sign of
     * life, so replayed packets cannot keep a vanished peer online.
     *
     * @return the messages completed, in the sender's order
     */
    List<byte[]> receive(Packet packet, long now) {
        switch (packet) {
            case Packet.Data data -> {
                heard(data.number(), now);
                send.acknowledge(data.ack(), now);
                ackDue = true; // duplicates too: our earlier acknowledgement may be what got lost
                return receive.accept(data.seq(), data.last(), data.chunk());
            }
            case Packet.Ack ack -> {
                heard(ack.number(), now);
                send.acknowledge(ack.ack(), now);
                return List.of();
            }
            default -> throw new IllegalArgumentException("not a link packet: " + packet.getClass().getSimpleName());
        }
    }

    private void heard(long number, long now) {
        confirmed = true; // only the other side knows our link id
        if (number > highestNumber) {
            highestNumber = number;
            lastHeard = now;
        }
    }

    /** Sends what is due: (re)transmissions, then an acknowledgement or keep-alive if nothing else carried one. */
    void poll(long now, Consumer<Packet> out) {
        if (!confirmed) {
            return;
        }
        int sent = send.poll(now, piece -> out.accept(new Packet.Data(route, nextNumber(), receive.acknowledgement(),
                piece.seq, piece.last, piece.chunk)));
        if (sent > 0) {
            ackDue = false;
            lastSent = now;
        }
        if (ackDue || now - lastSent >= keepAlive) {
            out.accept(new Packet.Ack(route, nextNumber(), receive.acknowledgement()));
            ackDue = false;
            lastSent = now;
        }
    }

    private long nextNumber() {
        return nextNumber++;
    }

    /** Whether the other side is known to have this link: it welcomed us, or a packet of the link came back. */
    boolean confirmed() {
        return confirmed;
    }

    /** A welcome echoed our link id: the other side has the link. */
    void confirm() {
        confirmed = true;
    }

    /** When the last fresh packet came from the member. */
    long lastHeard() {
        return lastHeard;
    }

    /** Everything sent was acknowledged. */
    boolean idle() {
        return send.idle();
    }
}
