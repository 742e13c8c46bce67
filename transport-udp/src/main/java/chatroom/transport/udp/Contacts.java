package chatroom.transport.udp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Addresses this peer says hello to until they answer: those the user gave ({@code --peer}, tried for as long as no
 * member is there, so a group heals after a restart) and those members gossiped (tried until a timeout). Bounded.
 */
final class Contacts {
    static final int MAX_GOSSIPED = 2 * Wire.MAX_MEMBERS;

    /** One address being greeted. */
    static final class Contact {
        final InetSocketAddress address;
        final boolean given;
        /** The peer's id when gossip told it, else 0. */
        long peerId;
        /** This side's id for the link the hello proposes; a welcome or refusal must echo it. */
        int linkId;
        long nextAttempt;
        long interval;
        /** When a gossiped contact is given up; never for given ones. */
        long expires;
        /** A refusal (name taken) stops the hellos until this peer renames. */
        boolean refused;

        Contact(InetSocketAddress address, boolean given, long peerId, int linkId, long now, long interval,
                long expires) {
            this.address = address;
            this.given = given;
            this.peerId = peerId;
            this.linkId = linkId;
            this.nextAttempt = now;
            this.interval = interval;
            this.expires = expires;
        }
    }

    private final List<Contact> contacts = new ArrayList<>();

    void addGiven(InetSocketAddress address, int linkId, long now, long interval) {
        if (byAddress(address).isEmpty()) {
            contacts.add(new Contact(address, true, 0, linkId, now, interval, Long.MAX_VALUE));
        }
    }

    /** A member told of a peer; greet it unless already greeting it, and keep trying until {@code expires}. */
    void addGossiped(long peerId, InetSocketAddress address, int linkId, long now, long interval, long expires) {
        Optional<Contact> known = byPeerId(peerId).or(() -> byAddress(address));
        if (known.isPresent()) {
            Contact contact = known.get();
            contact.peerId = peerId;
            contact.expires = Math.max(contact.expires, expires);
            return;
        }
        if (contacts.stream().filter(contact -> !contact.given).count() < MAX_GOSSIPED) {
            contacts.add(new Contact(address, false, peerId, linkId, now, interval, expires));
        }
    }

    Optional<Contact> byAddress(InetSocketAddress address) {
        return contacts.stream().filter(contact -> contact.address.equals(address)).findFirst();
    }

    Optional<Contact> byPeerId(long peerId) {
        return contacts.stream().filter(contact -> contact.peerId == peerId && peerId != 0).findFirst();
    }

    Optional<Contact> byLinkId(int linkId) {
        return contacts.stream().filter(contact -> contact.linkId == linkId).findFirst();
    }

    void remove(Contact contact) {
        contacts.remove(contact);
    }

    /** A copy, so callers may remove contacts while going through it. */
    List<Contact> all() {
        return new ArrayList<>(contacts);
    }

    void clear() {
        contacts.clear();
    }
}
