package chatroom.transport.udp;

import chatroom.api.file.Downloads;
import chatroom.api.file.IncomingFile;
import chatroom.api.file.OutgoingFile;
import chatroom.api.file.TransferCheckException;
import chatroom.api.file.TransferMeter;
import chatroom.api.file.TransferText;
import chatroom.api.spi.FileTransfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files between peers, over the members' links. Each recipient's copy is a stream of its own: the sender reads the
 * file for it as its link takes more, so a slow member slows only its own copy. Receivers write to the
 * downloads folder as pieces arrive and check the SHA-256 at the end. A link holds at most a quarter of its send
 * buffer in file pieces, so chat always finds room. Like {@link Peer}, not thread-safe and given
 * the time by its caller.
 */
final class PeerFiles {
    /** Files this peer sends at once. */
    static final int MAX_SENDING = 4;
    /** Files this peer receives at once; more offers are declined. */
    static final int MAX_RECEIVING = 8;
    /** Bytes around a chunk's data in its message. */
    private static final int CHUNK_OVERHEAD = 8;

    /** How files reach members and events reach the user. */
    interface Courier {
        /** Queues a message on the member's link and sends what is due; best effort. */
        void tell(Member member, GroupMessage message, long now);

        void transfer(FileTransfer transfer);
    }

    /** One recipient's copy of an outgoing file. */
    private static final class Copy {
        final Member member;
        final OutgoingFile file;
        boolean offered;
        boolean doneSent;
        boolean delivered;
        String dropped;

        Copy(Member member, OutgoingFile file) {
            this.member = member;
            this.file = file;
        }

        boolean active() {
            return !delivered && dropped == null;
        }
    }

    private static final class Outgoing {
        final String id;
        final long number;
        final String name;
        final long size;
        final boolean toRoom;
        final List<Copy> copies = new ArrayList<>();
        final TransferMeter meter;

        Outgoing(String id, long number, String name, long size, boolean toRoom, TransferMeter meter) {
            this.id = id;
            this.number = number;
            this.name = name;
            this.size = size;
            this.toRoom = toRoom;
            this.meter = meter;
        }
    }

    private record Incoming(Member from, long number, IncomingFile file, TransferMeter meter) {
    }

    private final Courier courier;
    private final long maxFileSize;
    private final int maxQueuedPieces;
    private final Map<String, Outgoing> outgoing = new LinkedHashMap<>();
    private final Map<String, Incoming> incoming = new LinkedHashMap<>();
    private Downloads downloads;
    private long nextNumber = 1;

    /** @param sendBuffer the pieces a link's send buffer holds; files take at most a quarter */
    PeerFiles(Courier courier, long maxFileSize, int sendBuffer) {
        this.courier = courier;
        this.maxFileSize = maxFileSize;
        this.maxQueuedPieces = Math.max(1, sendBuffer / 4);
    }

    /** Where received files go; without it, offers are declined. */
    void receiveIn(Downloads folder) {
        this.downloads = folder;
    }

    // ---- sending

    /**
     * Offers a file to these members; the pieces follow as their links take them.
     *
     * @throws IOException with a sentence for people when nothing was sent
     */
    String send(Path path, List<Member> recipients, String peerName, long now) throws IOException {
        if (outgoing.size() >= MAX_SENDING) {
            throw new IOException("You are sending " + MAX_SENDING + " files already; wait for one to finish.");
        }
        List<OutgoingFile> files = new ArrayList<>();
        try {
            for (Member member : recipients) {
                files.add(OutgoingFile.open(path, maxFileSize));
            }
        } catch (IOException e) {
            files.forEach(OutgoingFile::close);
            throw e;
        }
        OutgoingFile first = files.getFirst();
        long number = nextNumber++;
        String id = "u" + number;
        Outgoing transfer = new Outgoing(id, number, first.name(), first.size(), peerName == null,
                new TransferMeter(id, true, first.name(), first.size(), peerName, peerName == null, path,
                        nanos(now)));
        for (int i = 0; i < recipients.size(); i++) {
            transfer.copies.add(new Copy(recipients.get(i), files.get(i)));
        }
        outgoing.put(id, transfer);
        courier.transfer(transfer.meter.current());
        return id;
    }

    /** Hands the member's link as much of each file as it may hold; called before the link sends. */
    void pump(Member member, long now) {
        for (Outgoing transfer : List.copyOf(outgoing.values())) {
            for (Copy copy : transfer.copies) {
                if (copy.member == member && copy.active() && !copy.doneSent) {
                    feed(transfer, copy, now);
                }
            }
            report(transfer, now);
        }
    }

    private void feed(Outgoing transfer, Copy copy, long now) {
        Link link = copy.member.link;
        if (!copy.offered) {
            byte[] offer = GroupMessageCodec.encode(new GroupMessage.FileOffer(now, transfer.number, transfer.size,
                    transfer.toRoom, transfer.name));
            if (!link.offer(offer)) {
                return;
            }
            copy.offered = true;
        }
        try {
            while (link.queued() < maxQueuedPieces
                    && link.hasRoomFor(GroupMessageCodec.MAX_FILE_CHUNK + CHUNK_OVERHEAD)) {
                byte[] piece = copy.file.next(GroupMessageCodec.MAX_FILE_CHUNK);
                if (piece.length == 0) {
                    byte[] done = GroupMessageCodec.encode(new GroupMessage.FileDone(transfer.number,
                            HexFormat.of().parseHex(copy.file.sha256())));
                    if (link.offer(done)) {
                        copy.doneSent = true;
                        copy.file.close();
                    }
                    return;
                }
                link.offer(GroupMessageCodec.encode(new GroupMessage.FileChunk(transfer.number, piece)));
            }
        } catch (IOException e) {
            stop(transfer, "Reading " + transfer.name + " failed: " + e.getMessage(), FileTransfer.State.FAILED,
                    now);
        }
    }

    /** Progress is that of the copy furthest behind: the file is sent once every copy is. */
    private void report(Outgoing transfer, long now) {
        long least = Long.MAX_VALUE;
        for (Copy copy : transfer.copies) {
            if (copy.active()) {
                least = Math.min(least, copy.file.read());
            }
        }
        if (least != Long.MAX_VALUE && outgoing.containsKey(transfer.id)) {
            FileTransfer due = transfer.meter.progress(least, nanos(now));
            if (due != null) {
                courier.transfer(due);
            }
        }
    }

    /** Stops a transfer in either direction, on the user's word. */
    void cancel(String id, long now) {
        Outgoing sent = outgoing.get(id);
        if (sent != null) {
            stop(sent, "You stopped sending " + sent.name + ".", FileTransfer.State.CANCELLED, now);
            return;
        }
        Incoming received = incoming.remove(id);
        if (received != null) {
            received.file().discard();
            courier.tell(received.from(), new GroupMessage.FileCancel(received.number(),
                    "The recipient cancelled."), now);
            courier.transfer(received.meter().end(FileTransfer.State.CANCELLED, null, "You stopped receiving "
                    + received.file().safeName() + "; nothing was kept."));
        }
    }

    private void stop(Outgoing transfer, String why, FileTransfer.State state, long now) {
        outgoing.remove(transfer.id);
        for (Copy copy : transfer.copies) {
            copy.file.close();
            if (copy.active() && copy.offered) {
                courier.tell(copy.member, new GroupMessage.FileCancel(transfer.number, state
                        == FileTransfer.State.CANCELLED ? "The sender cancelled." : "The sender stopped: " + why),
                        now);
            }
        }
        courier.transfer(transfer.meter.end(state, null, why));
    }

    /** Ends a transfer once every copy is delivered or dropped. */
    private void settle(Outgoing transfer) {
        if (transfer.copies.stream().anyMatch(Copy::active) || outgoing.remove(transfer.id) == null) {
            return;
        }
        transfer.copies.forEach(copy -> copy.file.close());
        long delivered = transfer.copies.stream().filter(copy -> copy.delivered).count();
        int recipients = transfer.copies.size();
        String message;
        if (transfer.toRoom) {
            message = "Sent " + transfer.name + " to " + delivered + " of " + recipients
                    + (recipients == 1 ? " person" : " people") + " in the group.";
        } else {
            Copy only = transfer.copies.getFirst();
            message = only.delivered ? "Sent " + transfer.name + " to " + only.member.name + "."
                    : transfer.name + " was not delivered: " + only.dropped;
        }
        courier.transfer(transfer.meter.end(delivered > 0 ? FileTransfer.State.DONE : FileTransfer.State.FAILED,
                null, message));
    }

    // ---- what members send

    /** Takes a file message from a member. */
    void handle(Member from, GroupMessage message, long now) {
        switch (message) {
            case GroupMessage.FileOffer offer -> offered(from, offer, now);
            case GroupMessage.FileChunk chunk -> chunk(from, chunk, now);
            case GroupMessage.FileDone done -> done(from, done, now);
            case GroupMessage.FileCancel cancel -> cancelled(from, cancel);
            case GroupMessage.FileReceived received -> copyOf(from, received.file()).ifPresent(found -> {
                found.copy().delivered = true;
                settle(found.transfer());
            });
            default -> {
            }
        }
    }

    private void offered(Member from, GroupMessage.FileOffer offer, long now) {
        String id = incomingId(from, offer.file());
        TransferMeter meter = new TransferMeter(id, false, offer.name(), offer.size(), from.name, offer.toRoom(),
                downloads == null ? null : downloads.folder(), nanos(now));
        String refusal = incoming.containsKey(id) ? "This file is on its way already."
                : downloads == null ? "This peer takes no files."
                : offer.size() > maxFileSize ? "It is larger than the " + TransferText.size(maxFileSize)
                        + " peers take."
                : incoming.size() >= MAX_RECEIVING ? "The recipient is receiving too many files." : null;
        if (refusal != null) {
            courier.tell(from, new GroupMessage.FileCancel(offer.file(), refusal), now);
            courier.transfer(meter.end(FileTransfer.State.FAILED, null, "Declined: " + refusal));
            return;
        }
        IncomingFile file;
        try {
            file = downloads.receive(offer.name(), offer.size());
        } catch (IOException e) {
            courier.tell(from, new GroupMessage.FileCancel(offer.file(), "The recipient could not store it."), now);
            courier.transfer(meter.end(FileTransfer.State.FAILED, null, "Could not save it in "
                    + downloads.folder() + ": " + e.getMessage()));
            return;
        }
        meter.file(file.folder().resolve(file.safeName()));
        incoming.put(id, new Incoming(from, offer.file(), file, meter));
        courier.transfer(meter.current());
    }

    private void chunk(Member from, GroupMessage.FileChunk chunk, long now) {
        Incoming transfer = incoming.get(incomingId(from, chunk.file()));
        if (transfer == null) {
            return; // declined or cancelled: its pieces may still be on their way
        }
        try {
            transfer.file().write(chunk.data());
        } catch (IOException e) {
            fail(transfer, "Could not save it: " + e.getMessage() + " The partial file was deleted.", now);
            return;
        }
        FileTransfer due = transfer.meter().progress(transfer.file().received(), nanos(now));
        if (due != null) {
            courier.transfer(due);
        }
    }

    private void done(Member from, GroupMessage.FileDone done, long now) {
        Incoming transfer = incoming.remove(incomingId(from, done.file()));
        if (transfer == null) {
            return;
        }
        try {
            Path saved = transfer.file().finish(HexFormat.of().formatHex(done.sha256()));
            courier.tell(from, new GroupMessage.FileReceived(done.file()), now);
            courier.transfer(transfer.meter().end(FileTransfer.State.DONE, saved, "Saved as " + saved
                    + " (SHA-256 verified)."));
        } catch (TransferCheckException e) {
            courier.tell(from, new GroupMessage.FileCancel(done.file(), e.getMessage()), now);
            courier.transfer(transfer.meter().end(FileTransfer.State.FAILED, null, e.getMessage()
                    + " The partial file was deleted."));
        } catch (IOException e) {
            courier.tell(from, new GroupMessage.FileCancel(done.file(), "The recipient could not store it."), now);
            courier.transfer(transfer.meter().end(FileTransfer.State.FAILED, null, "Could not save it: "
                    + e.getMessage()));
        }
    }

    private void cancelled(Member from, GroupMessage.FileCancel cancel) {
        Incoming received = incoming.remove(incomingId(from, cancel.file()));
        if (received != null) {
            received.file().discard();
            courier.transfer(received.meter().end(cancel.reason().equals("The sender cancelled.")
                    ? FileTransfer.State.CANCELLED : FileTransfer.State.FAILED, null, from.name + ": "
                    + cancel.reason() + " Nothing was kept."));
            return;
        }
        copyOf(from, cancel.file()).ifPresent(found -> {
            found.copy().dropped = from.name + " stopped receiving it: " + cancel.reason();
            found.copy().file.close();
            settle(found.transfer());
        });
    }

    private void fail(Incoming transfer, String why, long now) {
        incoming.remove(incomingId(transfer.from(), transfer.number()));
        transfer.file().discard();
        courier.tell(transfer.from(), new GroupMessage.FileCancel(transfer.number(),
                "The recipient could not store it."), now);
        courier.transfer(transfer.meter().end(FileTransfer.State.FAILED, null, why));
    }

    // ---- members coming and going

    /** A member is gone: what it sent is deleted, its copies of what this peer sends are dropped. */
    void memberGone(Member member, String why) {
        for (Incoming received : List.copyOf(incoming.values())) {
            if (received.from() == member) {
                incoming.remove(incomingId(member, received.number()));
                received.file().discard();
                courier.transfer(received.meter().end(FileTransfer.State.FAILED, null, member.name + " left ("
                        + why + ") before " + received.file().safeName() + " arrived; the partial file was deleted."));
            }
        }
        for (Outgoing transfer : List.copyOf(outgoing.values())) {
            for (Copy copy : transfer.copies) {
                if (copy.member == member && copy.active()) {
                    copy.dropped = member.name + " left (" + why + ").";
                    copy.file.close();
                }
            }
            settle(transfer);
        }
    }

    /** This peer leaves the group: nothing half-received is kept, nothing more is sent. */
    void closeAll(String why) {
        for (Incoming received : List.copyOf(incoming.values())) {
            received.file().discard();
            courier.transfer(received.meter().end(FileTransfer.State.FAILED, null, why + " before "
                    + received.file().safeName() + " arrived; the partial file was deleted."));
        }
        incoming.clear();
        for (Outgoing transfer : List.copyOf(outgoing.values())) {
            transfer.copies.forEach(copy -> copy.file.close());
            courier.transfer(transfer.meter.end(FileTransfer.State.FAILED, null, why + " before " + transfer.name
                    + " was delivered."));
        }
        outgoing.clear();
    }

    private record Found(Outgoing transfer, Copy copy) {
    }

    private Optional<Found> copyOf(Member member, long number) {
        for (Outgoing transfer : outgoing.values()) {
            if (transfer.number == number) {
                for (Copy copy : transfer.copies) {
                    if (copy.member == member && copy.active()) {
                        return Optional.of(new Found(transfer, copy));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String incomingId(Member member, long number) {
        return "d" + Long.toHexString(member.id) + "-" + number;
    }

    private static long nanos(long millis) {
        return millis * 1_000_000L;
    }
}
