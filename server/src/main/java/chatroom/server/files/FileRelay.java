package chatroom.server.files;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.file.TransferText;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.Protocol;
import chatroom.api.rules.Names;
import chatroom.api.rules.Texts;
import chatroom.server.log.ServerLog;
import chatroom.server.rooms.Room;
import chatroom.server.rooms.Rooms;
import chatroom.server.sessions.Session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Relays files between people in the room without keeping them: what a sender offers goes to everyone else in the
 * room or to one person, chunk by chunk, paced by the recipients' acknowledgements (see {@link Transfer}). The room
 * records a file shared with it once the transfer completes. Sessions call in from their reader threads; a timer
 * calls {@link #tick} to drop recipients that hold the others back and transfers where nothing moves.
 *
 * <p>Locking: the registry's monitor guards who sends and receives what; each {@link Transfer}'s monitor guards its
 * flow. A transfer's monitor may be held while taking the registry's, never the other way round.
 */
public final class FileRelay {
    /** Transfers one person may send at once. */
    static final int MAX_SENDING = 4;
    /** Ended transfers remembered per sender for their late chunks; older ones are forgotten first. */
    static final int LATE_TRANSFERS_REMEMBERED = 2 * MAX_SENDING;
    /** Transfers one person may receive at once; more offers pass them by. */
    static final int MAX_RECEIVING = 8;
    /** Transfers on the whole server at once. */
    static final int MAX_TRANSFERS = 256;
    /** How long a recipient may hold the others back before its copy is stopped. */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(5);
    /** How long a transfer may go without any progress before it is stopped. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private static final Pattern TRANSFER_ID = Pattern.compile("[A-Za-z0-9_-]{1," + Protocol.MAX_TRANSFER_ID_LENGTH
            + "}");
    private static final int MAX_LOGGED_NAME = 80;

    private record Incoming(Transfer transfer, Transfer.Copy copy) {
    }

    private final long maxFileSize;
    private final Rooms rooms;
    private final ServerLog log;
    private final Clock clock;
    private final LongSupplier nanos;
    private final AtomicLong ids = new AtomicLong();
    private final Object registry = new Object();
    // Guarded by registry.
    private final Map<Session, Map<String, Transfer>> sending = new HashMap<>();
    /**
     * Per sender, its transfers that ended lately and how many of their chunks may still come: when a transfer ends
     * (a cancel, the last recipient gone), the sender may have a window of chunks under way that it sent before it
     * could know. Those are dropped without being charged to its byte rate, where any other chunk of no transfer is.
     */
    private final Map<Session, Map<String, Integer>> lateChunks = new HashMap<>();
    private final Map<Session, Map<String, Incoming>> receiving = new HashMap<>();
    private int transfers;

    public FileRelay(long maxFileSize, Rooms rooms, ServerLog log, Clock clock, LongSupplier nanos) {
        this.maxFileSize = maxFileSize;
        this.rooms = rooms;
        this.log = log;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** Transfers under way. */
    public int transfers() {
        synchronized (registry) {
            return transfers;
        }
    }

    // ---- the sender's requests

    public void offer(Session sender, FileOffer offer) {
        String tid = offer.tid();
        if (!TRANSFER_ID.matcher(tid).matches()) {
            sender.send(new ErrorReply(ErrorCode.BAD_MESSAGE, "A transfer id has 1 to "
                    + Protocol.MAX_TRANSFER_ID_LENGTH + " letters, digits, '-' or '_'.", FileOffer.TYPE));
            return;
        }
        // A protocol-1 sender's room is the default room; a protocol-2 sender names one it is in.
        Room room = offer.to() == null && sender.protocol() == 1 ? rooms.defaultRoom() : null;
        if (offer.to() == null && sender.protocol() != 1) {
            room = offer.room() == null ? null : rooms.room(offer.room());
            if (room == null || !room.isPresent(sender)) {
                sender.send(new FileCancel(tid, FileCancel.BAD_OFFER, offer.room() == null
                        ? "Say which room the file is for, or to whom." : room == null
                        ? Room.noSuchRoom(offer.room()) : "You are not in " + room.name() + "."));
                return;
            }
        }
        Optional<FileCancel> refusal = offerProblem(sender, offer);
        List<Session> recipients = refusal.isPresent() ? List.of() : recipients(sender, offer.to(), room);
        if (refusal.isEmpty() && offer.to() != null && recipients.isEmpty()) {
            refusal = Optional.of(new FileCancel(tid, FileCancel.NOT_ONLINE, rooms.isOnlineElsewhere(offer.to())
                    ? "'" + offer.to() + "' is connected to another node of this server; files are not relayed"
                    + " between nodes." : "'" + offer.to() + "' is not online."));
        }
        if (refusal.isPresent()) {
            sender.send(refusal.get());
            return;
        }
        Transfer transfer = new Transfer("f." + ids.incrementAndGet(), sender, tid, offer.name(), offer.size(),
                offer.to() == null ? null : recipients.getFirst().name(), room == null ? null : room.name(),
                recipients, nanos.getAsLong());
        // Nobody else can see the transfer before it is registered: holding it until its offers are out keeps
        // every chunk behind them.
        synchronized (transfer) {
            Optional<FileCancel> full = register(sender, transfer);
            if (full.isPresent()) {
                sender.send(full.get());
                return;
            }
            transfer.start(clock.millis());
        }
        log.info("file " + printable(offer.name()) + " (" + offer.size() + " bytes) from " + transfer.from + " to "
                + (transfer.toRoom() ? "the room (" + transfer.copies.size() + " recipients)" : transfer.to)
                + " as " + transfer.id);
    }

    /**
     * Registers a transfer, leaving out recipients who receive too many files already.
     *
     * @return the refusal when the sender, the server or every recipient has too many transfers
     */
    private Optional<FileCancel> register(Session sender, Transfer transfer) {
        String tid = transfer.clientTid;
        synchronized (registry) {
            Map<String, Transfer> mine = sending.getOrDefault(sender, Map.of());
            if (mine.containsKey(tid)) {
                return Optional.of(new FileCancel(tid, FileCancel.BAD_OFFER, "You are already sending a file as '"
                        + tid + "'."));
            }
            if (mine.size() >= MAX_SENDING || transfers >= MAX_TRANSFERS) {
                return Optional.of(new FileCancel(tid, FileCancel.TOO_MANY_TRANSFERS, mine.size() >= MAX_SENDING
                        ? "You are sending " + MAX_SENDING + " files already; wait for one to finish."
                        : "The server is relaying too many files; try again later."));
            }
            transfer.copies.removeIf(copy -> receiving.getOrDefault(copy.recipient, Map.of()).size()
                    >= MAX_RECEIVING);
            if (transfer.copies.isEmpty()) {
                return Optional.of(transfer.toRoom()
                        ? new FileCancel(tid, FileCancel.NOBODY_LEFT, "Nobody else is in the room to receive it.")
                        : new FileCancel(tid, FileCancel.TOO_MANY_TRANSFERS, transfer.to
                                + " is receiving too many files; try again later."));
            }
            sending.computeIfAbsent(sender, s -> new HashMap<>()).put(tid, transfer);
            Map<String, Integer> late = lateChunks.get(sender);
            if (late != null) {
                late.remove(tid); // the name is a new transfer's now
            }
            for (Transfer.Copy copy : transfer.copies) {
                receiving.computeIfAbsent(copy.recipient, s -> new HashMap<>()).put(transfer.id,
                        new Incoming(transfer, copy));
            }
            transfers++;
            return Optional.empty();
        }
    }

    /** Why the offer cannot be taken, judged before looking at anyone else. */
    private Optional<FileCancel> offerProblem(Session sender, FileOffer offer) {
        String tid = offer.tid();
        if (maxFileSize <= 0) {
            return Optional.of(new FileCancel(tid, FileCancel.BAD_OFFER, "This server does not relay files."));
        }
        if (offer.size() > maxFileSize) {
            return Optional.of(new FileCancel(tid, FileCancel.FILE_TOO_LARGE, TransferText.size(offer.size())
                    + " is more than the " + TransferText.size(maxFileSize) + " this server relays."));
        }
        if (offer.name().codePointCount(0, offer.name().length()) > Protocol.MAX_FILE_NAME_LENGTH) {
            return Optional.of(new FileCancel(tid, FileCancel.BAD_OFFER, "A file name has at most "
                    + Protocol.MAX_FILE_NAME_LENGTH + " characters."));
        }
        if (offer.to() != null && Names.key(offer.to()).equals(Names.key(sender.name()))) {
            return Optional.of(new FileCancel(tid, FileCancel.BAD_OFFER, "You have that file already."));
        }
        return Optional.empty();
    }

    /**
     * Everyone else in the room (the default room for protocol 1), or every device of the one person online named
     * {@code to}; the sender's own devices are not offered its file.
     */
    private List<Session> recipients(Session sender, String to, Room room) {
        Session[] candidates = to != null ? rooms.sessionsNamed(to) : room.present();
        List<Session> recipients = new ArrayList<>();
        for (Session candidate : candidates) {
            boolean sendersOwn = candidate.guest() == sender.guest()
                    && Names.key(candidate.account()).equals(Names.key(sender.account()));
            if (!sendersOwn && candidate.inRoom()) {
                recipients.add(candidate);
            }
        }
        return recipients;
    }

    /**
     * Relays one chunk; returns whether it was taken, or expected late and dropped (false: no such transfer of this
     * sender, or refused).
     */
    public boolean chunk(Session sender, FileChunk chunk) {
        int length = lengthOf(chunk);
        Transfer transfer = sent(sender, chunk.tid());
        if (transfer == null) {
            // A late chunk goes free only if it could have been a real one: no more than a window of chunk-sized lines.
            return fitsAChunk(length) && lateChunk(sender, chunk.tid());
        }
        if (length < 0) {
            stop(transfer, FileCancel.PROTOCOL, "A chunk was not valid base64.");
            return false;
        }
        Frame frame = MessageCodec.encode(chunk.withTid(transfer.id));
        synchronized (transfer) {
            if (transfer.ended) {
                return false;
            }
            String problem = chunk.seq() != transfer.received + 1 ? "Chunk " + chunk.seq() + " came where chunk "
                    + (transfer.received + 1) + " was due."
                    : !transfer.withinWindow(chunk.seq()) ? "Chunk " + chunk.seq() + " was sent before the server"
                    + " acknowledged chunk " + (chunk.seq() - Protocol.FILE_WINDOW) + "."
                    : !fitsAChunk(length) ? "A chunk holds 1 to "
                    + Protocol.FILE_CHUNK_BYTES + " bytes."
                    : transfer.bytes + length > transfer.size ? "More bytes came than the " + transfer.size
                    + " offered."
                    : null;
            if (problem != null) {
                stop(transfer, transfer.bytes + length > transfer.size ? FileCancel.SIZE_MISMATCH
                        : FileCancel.PROTOCOL, problem);
                return false;
            }
            transfer.chunk(frame, length, nanos.getAsLong());
            return true;
        }
    }

    public void done(Session session, FileDone done) {
        Incoming incoming = received(session, done.tid());
        if (incoming != null) {
            confirmed(incoming);
            return;
        }
        Transfer transfer = sent(session, done.tid());
        if (transfer == null) {
            return;
        }
        synchronized (transfer) {
            if (transfer.ended) {
                return;
            }
            if (done.sha256() == null || !done.sha256().matches("[0-9a-fA-F]{64}")) {
                stop(transfer, FileCancel.PROTOCOL, "The end of a file must carry its SHA-256 checksum.");
            } else if (transfer.bytes != transfer.size) {
                stop(transfer, FileCancel.SIZE_MISMATCH, "The file had " + transfer.bytes + " bytes, not the "
                        + transfer.size + " offered.");
            } else {
                transfer.senderDone(done.sha256().toLowerCase(Locale.ROOT), nanos.getAsLong());
                completeIfDone(transfer);
            }
        }
    }

    public void cancel(Session session, FileCancel cancel) {
        Incoming incoming = received(session, cancel.tid());
        if (incoming != null) {
            Transfer transfer = incoming.transfer();
            synchronized (transfer) {
                if (transfer.ended || !incoming.copy().active()) {
                    return;
                }
                session.send(new FileCancel(transfer.id, FileCancel.CANCELLED, "You stopped receiving "
                        + transfer.name + "."));
                String why = session.name() + " stopped receiving it: " + cancel.reason();
                dropCopy(transfer, incoming.copy(), transfer.toRoom() ? FileCancel.NOBODY_LEFT : cancelCode(cancel),
                        why);
            }
            return;
        }
        Transfer transfer = sent(session, cancel.tid());
        if (transfer == null) {
            return;
        }
        synchronized (transfer) {
            if (transfer.ended) {
                return;
            }
            transfer.cancel(FileCancel.CANCELLED, transfer.from + " stopped sending " + transfer.name + ".",
                    "You stopped sending " + transfer.name + ".");
            forget(transfer, "cancelled by the sender");
        }
    }

    // ---- the recipients' requests

    public void ack(Session recipient, FileAck ack) {
        Incoming incoming = received(recipient, ack.tid());
        if (incoming == null) {
            return; // ended meanwhile: acknowledgements may cross a cancel
        }
        Transfer transfer = incoming.transfer();
        synchronized (transfer) {
            if (transfer.ended || !incoming.copy().active()) {
                return;
            }
            if (!transfer.acknowledged(incoming.copy(), ack.seq(), nanos.getAsLong())) {
                recipient.send(new FileCancel(transfer.id, FileCancel.PROTOCOL, "Chunk " + ack.seq()
                        + " was acknowledged before it was sent."));
                dropCopy(transfer, incoming.copy(), FileCancel.PROTOCOL, recipient.name() + "'s client failed.");
            }
        }
    }

    private void confirmed(Incoming incoming) {
        Transfer transfer = incoming.transfer();
        synchronized (transfer) {
            if (!transfer.ended && transfer.confirmed(incoming.copy(), nanos.getAsLong())) {
                unregister(transfer, incoming.copy());
                completeIfDone(transfer);
            }
        }
    }

    // ---- endings

    /** A connection closed: what it sent stops, what it received goes on without it. */
    public void closed(Session session) {
        List<Transfer> sent;
        List<Incoming> incoming;
        synchronized (registry) {
            sent = new ArrayList<>(sending.getOrDefault(session, Map.of()).values());
            incoming = new ArrayList<>(receiving.getOrDefault(session, Map.of()).values());
        }
        for (Transfer transfer : sent) {
            synchronized (transfer) {
                if (!transfer.ended) {
                    transfer.cancel(FileCancel.DISCONNECTED, transfer.from + " disconnected before "
                            + transfer.name + " arrived.", null);
                    forget(transfer, "the sender disconnected");
                }
            }
        }
        for (Incoming copy : incoming) {
            Transfer transfer = copy.transfer();
            synchronized (transfer) {
                if (!transfer.ended && copy.copy().active()) {
                    dropCopy(transfer, copy.copy(), FileCancel.DISCONNECTED, session.name() + " disconnected.");
                }
            }
        }
        synchronized (registry) {
            receiving.remove(session);
            sending.remove(session);
            lateChunks.remove(session);
        }
    }

    /** The bytes a chunk holds, or -1 when its data is not base64. */
    private static int lengthOf(FileChunk chunk) {
        try {
            return chunk.size();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static boolean fitsAChunk(int length) {
        return length > 0 && length <= Protocol.FILE_CHUNK_BYTES;
    }

    /** Called holding the registry. A closed sender sends nothing more, and {@link #closed} has forgotten it. */
    private void rememberLateChunks(Transfer transfer) {
        lateChunks.computeIfAbsent(transfer.sender, s -> new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > LATE_TRANSFERS_REMEMBERED;
            }
        }).put(transfer.clientTid, Protocol.FILE_WINDOW);
    }

    /** Whether a chunk of no transfer is one its sender had under way when the transfer ended; uses one of those up. */
    private boolean lateChunk(Session sender, String tid) {
        synchronized (registry) {
            Map<String, Integer> late = lateChunks.get(sender);
            Integer left = late == null ? null : late.get(tid);
            if (left == null) {
                return false;
            }
            if (left > 1) {
                late.put(tid, left - 1);
            } else {
                late.remove(tid);
            }
            return true;
        }
    }

    /**
     * Drops recipients that held the others back too long, and stops transfers where nothing moves. Never throws:
     * it runs on a timer that a failure would stop.
     */
    public void tick() {
        try {
            checkProgress();
        } catch (RuntimeException e) {
            log.info("file relay check failed: " + e);
        }
    }

    private void checkProgress() {
        List<Transfer> all;
        synchronized (registry) {
            all = sending.values().stream().flatMap(map -> map.values().stream()).toList();
        }
        long now = nanos.getAsLong();
        for (Transfer transfer : all) {
            synchronized (transfer) {
                if (transfer.ended) {
                    continue;
                }
                if (now - transfer.lastProgress > STALL_LIMIT.toNanos()) {
                    stop(transfer, FileCancel.TOO_SLOW, "Nothing moved for " + STALL_LIMIT.toSeconds() + " s.");
                    continue;
                }
                for (Transfer.Copy copy : transfer.holdingBackSince(now - HOLD_LIMIT.toNanos())) {
                    copy.recipient.send(new FileCancel(transfer.id, FileCancel.TOO_SLOW, "Your connection could not"
                            + " keep up with the others receiving " + transfer.name + ", so it was stopped for you."));
                    dropCopy(transfer, copy, FileCancel.TOO_SLOW, copy.recipient.name() + " could not keep up.");
                    if (transfer.ended) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Called holding the transfer: a recipient is out. A transfer nobody receives any more ends: with the report if
     * someone got the file, else with a cancel that says why.
     */
    private void dropCopy(Transfer transfer, Transfer.Copy copy, String code, String why) {
        transfer.drop(copy, nanos.getAsLong());
        unregister(transfer, copy);
        if (!transfer.active().isEmpty()) {
            return;
        }
        if (transfer.sha256 != null && transfer.delivered() > 0) {
            completeIfDone(transfer);
        } else {
            transfer.cancel(code, null, transfer.toRoom()
                    ? "Nobody is receiving " + transfer.name + " any more: " + why
                    : transfer.name + " was not delivered: " + why);
            forget(transfer, why);
        }
    }

    /** Called holding the transfer. */
    private void completeIfDone(Transfer transfer) {
        if (!transfer.complete()) {
            return;
        }
        transfer.finish();
        forget(transfer, "delivered to " + transfer.delivered() + " of " + transfer.copies.size());
        if (transfer.toRoom() && transfer.delivered() > 0) {
            rooms.post(new Rooms.Shared(transfer.room, transfer.from, transfer.name, transfer.size));
        }
    }

    /** Ends a transfer for everyone, with one reason. */
    private void stop(Transfer transfer, String code, String reason) {
        synchronized (transfer) {
            transfer.cancel(code, transfer.name + " was stopped: " + reason, transfer.name + " was stopped: "
                    + reason);
            forget(transfer, reason);
        }
    }

    private void forget(Transfer transfer, String outcome) {
        synchronized (registry) {
            Map<String, Transfer> mine = sending.get(transfer.sender);
            if (mine != null && mine.remove(transfer.clientTid, transfer)) {
                transfers--;
                if (mine.isEmpty()) {
                    sending.remove(transfer.sender);
                }
                if (!transfer.sender.isClosed()) {
                    rememberLateChunks(transfer);
                }
            }
            for (Transfer.Copy copy : transfer.copies) {
                removeIncoming(copy.recipient, transfer.id);
            }
        }
        log.info("file " + transfer.id + " ended: " + outcome);
    }

    private void unregister(Transfer transfer, Transfer.Copy copy) {
        synchronized (registry) {
            removeIncoming(copy.recipient, transfer.id);
        }
    }

    private void removeIncoming(Session recipient, String id) {
        Map<String, Incoming> theirs = receiving.get(recipient);
        if (theirs != null) {
            theirs.remove(id);
            if (theirs.isEmpty()) {
                receiving.remove(recipient);
            }
        }
    }

    /** The transfer, or {@code null} when it ended meanwhile: chunks and ends may cross a cancel. */
    private Transfer sent(Session sender, String tid) {
        synchronized (registry) {
            return sending.getOrDefault(sender, Map.of()).get(tid);
        }
    }

    private Incoming received(Session recipient, String tid) {
        synchronized (registry) {
            return receiving.getOrDefault(recipient, Map.of()).get(tid);
        }
    }

    private static String cancelCode(FileCancel cancel) {
        return cancel.code() == null ? FileCancel.CANCELLED : cancel.code();
    }

    /** A stranger's file name, fit for the operator's terminal. */
    private static String printable(String name) {
        String clean = Texts.clean(name).replace('\n', ' ').replace('\t', ' ');
        return clean.codePointCount(0, clean.length()) <= MAX_LOGGED_NAME ? "'" + clean + "'"
                : "'" + clean.substring(0, clean.offsetByCodePoints(0, MAX_LOGGED_NAME)) + "…'";
    }
}
