package chatroom.transport.udp;

/**
 * Who sends a packet to whom, on which link. Peer ids are random per process, so a restarted peer is a new peer;
 * link ids are random per link, so that a link set up again after a timeout never takes packets of the old one.
 *
 * @param sender       the sending peer's id
 * @param receiver     the receiving peer's id, 0 when not yet known (a first hello)
 * @param senderLink   the sender's id for this link
 * @param receiverLink the receiver's id for this link, 0 when not yet known
 */
record Route(long sender, long receiver, int senderLink, int receiverLink) {
}
