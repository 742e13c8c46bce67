package chatroom.server.files;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffered;
import chatroom.api.message.Protocol;
import chatroom.server.sessions.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * One file on its way through the server: the chunks the sender sent that some recipient has not yet been handed,
 * and how far each recipient is. Nothing of the file outlives its chunk's last hand-over.
 *
 * <p>Flow control: a recipient is handed at most {@link #RECIPIENT_WINDOW} chunks beyond the last one it acknowledged,
 * so its connection's queue holds little file data and chat lines pass quickly. The sender may send
 * {@link Protocol#FILE_WINDOW} chunks beyond the server's last {@link FileAck}, which follows the fastest recipient,
 * but never gets more than {@link #MAX_LAG} chunks ahead of the slowest: beyond that the slowest holds the others
 * back, and one that does so for too long loses its copy ({@link FileRelay} decides when). So the chunks kept here
 * never exceed about {@code MAX_LAG + RECIPIENT_WINDOW + FILE_WINDOW}, whatever the file's size.
 *
 * <p>Threading: every method must be called holding this object's monitor; {@link FileRelay} does.
 */
public final class Transfer {
    /** Chunks handed to a recipient's connection beyond the last one it acknowledged. */
    static final int RECIPIENT_WINDOW = 8;
    /** How far, in chunks, the fastest recipient may get ahead of the slowest. */
    static final int MAX_LAG = 64;

    /** One recipient's copy. */
    static final class Copy {
        final Session recipient;
        long sent;
        long acked;
        boolean doneSent;
        boolean delivered;
        boolean dropped;
        /** Since when (nanos) this copy has held the others back; -1 while it does not. */
        long holdingSince = -1;

        Copy(Session recipient) {
            this.recipient = recipient;
        }

        boolean active() {
            return !delivered && !dropped;
        }
    }

    /** The server's name for the transfer; it has a dot, which a client's transfer ids never have. */
    final String id;
    final Session sender;
    final String clientTid;
    final String name;
    final long size;
    /** The recipient's name for a private transfer, else {@code null}. */
    final String to;
    /** The room a room's transfer goes to, else {@code null}. */
    final String room;
    final String from;
    final List<Copy> copies = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private long firstBuffered = 1;
    long received;
    long bytes;
    long credit;
    String sha256;
    boolean ended;
    long lastProgress;

    Transfer(String id, Session sender, String clientTid, String name, long size, String to, String room,
             List<Session> recipients, long now) {
        this.id = id;
        this.room = room;
        this.sender = sender;
        this.clientTid = clientTid;
        this.name = name;
        this.size = size;
        this.to = to;
        this.from = sender.name();
        for (Session recipient : recipients) {
            copies.add(new Copy(recipient));
        }
        this.lastProgress = now;
    }

    boolean toRoom() {
        return to == null;
    }

    /** Tells every recipient what is coming, and the sender to start. */
    void start(long ts) {
        FileOffered offered = new FileOffered(id, ts, from, name, size, to, to == null ? room : null);
        Frame[] byProtocol = {null, null};
        for (Copy copy : copies) {
            int protocol = copy.recipient.protocol() == 1 ? 0 : 1;
            if (byProtocol[protocol] == null) {
                byProtocol[protocol] = copy.recipient.encode(offered);
            }
            copy.recipient.send(byProtocol[protocol]);
        }
        sender.send(new FileAck(clientTid, 0));
    }

    /** Whether the sender may send chunk {@code seq} now. */
    boolean withinWindow(long seq) {
        return seq <= credit + Protocol.FILE_WINDOW;
    }

    /** Takes the sender's next chunk (already checked) and hands it on as far as the windows allow. */
    void chunk(Frame frame, int length, long now) {
        frames.add(frame);
        received++;
        bytes += length;
        lastProgress = now;
        pumpAll();
    }

    /** The sender's end: every recipient gets the checksum after its last chunk. */
    void senderDone(String checksum, long now) {
        sha256 = checksum;
        lastProgress = now;
        pumpAll();
    }

    /**
     * A recipient acknowledged chunks up to {@code seq}.
     *
     * @return whether the acknowledgement was valid (not beyond what it was handed)
     */
    boolean acknowledged(Copy copy, long seq, long now) {
        if (seq > copy.sent) {
            return false;
        }
        if (seq > copy.acked) {
            copy.acked = seq;
            lastProgress = now;
            pump(copy);
            updateCredit(now);
        }
        return true;
    }

    /** A recipient stored and verified the whole file. */
    boolean confirmed(Copy copy, long now) {
        if (!copy.doneSent || !copy.active()) {
            return false;
        }
        copy.delivered = true;
        lastProgress = now;
        trim();
        return true;
    }

    /** A recipient is out (left, gave up or too slow); the others may go faster now. */
    void drop(Copy copy, long now) {
        copy.dropped = true;
        trim();
        updateCredit(now);
    }

    /** Recipients still receiving. */
    List<Copy> active() {
        return copies.stream().filter(Copy::active).toList();
    }

    int delivered() {
        return (int) copies.stream().filter(copy -> copy.delivered).count();
    }

    /** Whether every recipient finished, one way or another, after the sender finished. */
    boolean complete() {
        return sha256 != null && active().isEmpty();
    }

    /** Copies that have held the others back since before {@code since}. */
    List<Copy> holdingBackSince(long since) {
        return copies.stream().filter(copy -> copy.active() && copy.holdingSince >= 0 && copy.holdingSince <= since)
                .toList();
    }

    /** Tells everyone still involved that it is over, and forgets the chunks. */
    void cancel(String code, String recipientsReason, String senderReason) {
        ended = true;
        if (recipientsReason != null) {
            Frame cancel = MessageCodec.encode(new FileCancel(id, code, recipientsReason));
            for (Copy copy : active()) {
                copy.recipient.send(cancel);
            }
        }
        if (senderReason != null) {
            sender.send(new FileCancel(clientTid, code, senderReason));
        }
        frames.clear();
    }

    /** Tells the sender how it went. */
    void finish() {
        ended = true;
        frames.clear();
        sender.send(new FileDone(clientTid, sha256, delivered(), copies.size()));
    }

    /** Chunks held here now; bounded whatever the file's size. */
    int buffered() {
        return frames.size();
    }

    private void pumpAll() {
        for (Copy copy : copies) {
            if (copy.active()) {
                pump(copy);
            }
        }
    }

    private void pump(Copy copy) {
        while (copy.sent < received && copy.sent - copy.acked < RECIPIENT_WINDOW) {
            copy.sent++;
            copy.recipient.send(frames.get((int) (copy.sent - firstBuffered)));
        }
        if (copy.sent == received && sha256 != null && !copy.doneSent) {
            copy.doneSent = true;
            copy.recipient.send(new FileDone(id, sha256));
        }
        trim();
    }

    /** Drops chunks every active recipient has been handed. */
    private void trim() {
        long oldestNeeded = received + 1;
        for (Copy copy : copies) {
            if (copy.active()) {
                oldestNeeded = Math.min(oldestNeeded, copy.sent + 1);
            }
        }
        int drop = (int) Math.min(frames.size(), Math.max(0, oldestNeeded - firstBuffered));
        if (drop > 0) {
            frames.subList(0, drop).clear(); // a few dozen references at most
            firstBuffered += drop;
        }
    }

    /** Lets the sender follow the fastest recipient, but no further than {@link #MAX_LAG} past the slowest. */
    private void updateCredit(long now) {
        long fastest = 0;
        long slowest = Long.MAX_VALUE;
        for (Copy copy : copies) {
            if (copy.active()) {
                fastest = Math.max(fastest, copy.acked);
                slowest = Math.min(slowest, copy.acked);
            }
        }
        if (slowest == Long.MAX_VALUE) {
            return;
        }
        for (Copy copy : copies) {
            boolean holding = copy.active() && fastest - copy.acked >= MAX_LAG;
            if (!holding) {
                copy.holdingSince = -1;
            } else if (copy.holdingSince < 0) {
                copy.holdingSince = now;
            }
        }
        long allowed = Math.min(fastest, slowest + MAX_LAG);
        if (allowed > credit && !ended) {
            credit = allowed;
            sender.send(new FileAck(clientTid, credit));
        }
    }
}
