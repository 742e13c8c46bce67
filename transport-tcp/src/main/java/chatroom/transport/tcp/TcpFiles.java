package chatroom.transport.tcp;

import chatroom.api.file.Downloads;
import chatroom.api.file.IncomingFile;
import chatroom.api.file.OutgoingFile;
import chatroom.api.file.TransferCheckException;
import chatroom.api.file.TransferMeter;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.FileAck;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileChunk;
import chatroom.api.message.FileDone;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.api.message.Welcome;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.FileTransfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client's side of file transfers over one connection to the server. An outgoing file is read and sent on a
 * thread of its own, one chunk at a time and only as far as the server's acknowledgements allow, so the file never
 * sits whole in memory and chat requests queue behind a few chunks at most. Incoming files are written to the
 * downloads folder as their chunks arrive and acknowledged chunk by chunk.
 *
 * <p>Threading: {@link #handle} and {@link #connectionEnded} run on the connection's reader thread, which alone calls
 * the listener; {@link #send} and {@link #cancel} may be called from any thread and only write requests.
 */
final class TcpFiles {
    /** How long an offer waits for the server's answer. */
    static final long ACCEPT_TIMEOUT_MILLIS = 30_000;
    /** Incoming transfers' ids are the server's, with this in front, so they never equal an outgoing one. */
    private static final String INCOMING_PREFIX = "r-";
    /** Room for the JSON around a chunk's base64 on its line. */
    private static final int LINE_OVERHEAD = 256;

    /** A file this client sends; guarded by its own monitor. */
    private static final class Outgoing {
        final String tid;
        final OutgoingFile file;
        final TransferMeter meter;
        /** Chunks the server allows beyond; -1 until it accepted the offer. */
        long credit = -1;
        boolean cancelRequested;
        boolean ended;
        /** Why this side stopped, when it did on its own (reading failed, no answer). */
        String localFailure;

        Outgoing(String tid, OutgoingFile file, TransferMeter meter) {
            this.tid = tid;
            this.file = file;
            this.meter = meter;
        }
    }

    /** A file coming to this client; used on the reader thread only, but cancel requests come from others. */
    private static final class Incoming {
        final IncomingFile file;
        final TransferMeter meter;
        long expected = 1;
        volatile boolean cancelRequested;

        Incoming(IncomingFile file, TransferMeter meter) {
            this.file = file;
            this.meter = meter;
        }
    }

    private final Downloads downloads;
    private final ChatListener listener;
    private final Consumer<ClientMessage> wire;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();
    private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();
    private volatile long maxFileSize = -1;
    private volatile int chunkBytes = Protocol.FILE_CHUNK_BYTES;

    TcpFiles(Downloads downloads, ChatListener listener, Consumer<ClientMessage> wire) {
        this.downloads = downloads;
        this.listener = listener;
        this.wire = wire;
    }

    // ---- requests, from any thread

    /**
     * Offers a file and starts its sending thread, which waits for the server's answer.
     *
     * @throws IOException with a sentence for people when nothing was sent
     */
    String send(Path path, String to, String room) throws IOException {
        long limit = maxFileSize;
        if (limit <= 0) {
            throw new IOException("This server does not take files.");
        }
        OutgoingFile file = OutgoingFile.open(path, limit);
        String tid = "s" + ids.incrementAndGet();
        Outgoing transfer = new Outgoing(tid, file, new TransferMeter(tid, true, file.name(), file.size(), to,
                to == null, room, path, System.nanoTime()));
        outgoing.put(tid, transfer);
        wire.accept(new FileOffer(tid, file.name(), file.size(), to, room));
        Thread.ofVirtual().name("file-sender-" + tid).start(() -> sendChunks(transfer));
        return tid;
    }

    /** Stops a transfer in either direction; the server's answer ends it. */
    void cancel(String id) {
        Outgoing sent = outgoing.get(id);
        if (sent != null) {
            synchronized (sent) {
                if (sent.ended || sent.cancelRequested) {
                    return;
                }
                sent.cancelRequested = true;
                sent.notifyAll();
            }
            wire.accept(new FileCancel(id, FileCancel.CANCELLED, "The sender cancelled."));
            return;
        }
        String tid = id.startsWith(INCOMING_PREFIX) ? id.substring(INCOMING_PREFIX.length()) : id;
        Incoming received = incoming.get(tid);
        if (received != null && !received.cancelRequested) {
            received.cancelRequested = true;
            wire.accept(new FileCancel(tid, FileCancel.CANCELLED, "The recipient cancelled."));
        }
    }

    private void sendChunks(Outgoing transfer) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_TIMEOUT_MILLIS);
        try (OutgoingFile file = transfer.file) {
            for (long seq = 1; ; seq++) {
                synchronized (transfer) {
                    while (!transfer.ended && !transfer.cancelRequested
                            && (transfer.credit < 0 || seq > transfer.credit + Protocol.FILE_WINDOW)) {
                        long left = transfer.credit < 0 ? deadline - System.nanoTime() : Long.MAX_VALUE;
                        if (left <= 0) {
                            giveUp(transfer, "The server did not answer the offer within "
                                    + ACCEPT_TIMEOUT_MILLIS / 1000 + " s.");
                            return;
                        }
                        transfer.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 1_000_000_000L))));
                    }
                    if (transfer.ended || transfer.cancelRequested) {
                        return;
                    }
                }
                byte[] piece = file.next(chunkBytes);
                if (piece.length == 0) {
                    wire.accept(new FileDone(transfer.tid, file.sha256()));
                    return;
                }
                wire.accept(FileChunk.of(transfer.tid, seq, piece, 0, piece.length));
            }
        } catch (IOException e) {
            giveUp(transfer, "Reading " + transfer.file.name() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(transfer, "Interrupted.");
        }
    }

    /** The sending side stops on its own; the server's answer to the cancel reports it. */
    private void giveUp(Outgoing transfer, String why) {
        synchronized (transfer) {
            if (transfer.ended) {
                return;
            }
            transfer.localFailure = why;
        }
        wire.accept(new FileCancel(transfer.tid, FileCancel.CANCELLED, why));
    }

    // ---- the server's messages, on the reader thread

    /**
     * Takes what concerns files.
     *
     * @return whether the message was a file message, consumed here (the listener gets transfer events instead)
     */
    boolean handle(ServerMessage message) {
        switch (message) {
            case Welcome welcome -> {
                Long max = welcome.limits().maxFileSize();
                maxFileSize = max != null && welcome.features().contains(Protocol.FEATURE_FILES) ? max : 0;
                int byLine = (welcome.limits().maxLineBytes() - LINE_OVERHEAD) / 4 * 3;
                chunkBytes = Math.max(1, Math.min(Protocol.FILE_CHUNK_BYTES, byLine));
                return false;
            }
            case FileOffered offer -> offered(offer);
            case FileChunk chunk -> chunk(chunk);
            case FileAck ack -> acknowledged(ack);
            case FileDone done -> done(done);
            case FileCancel cancel -> cancelled(cancel);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void offered(FileOffered offer) {
        String id = INCOMING_PREFIX + offer.tid();
        TransferMeter meter = new TransferMeter(id, false, offer.name(), offer.size(), offer.from(),
                offer.to() == null, offer.room(), downloads.folder(), System.nanoTime());
        long limit = Math.max(maxFileSize, Protocol.DEFAULT_MAX_FILE_SIZE);
        if (offer.size() > limit) {
            wire.accept(new FileCancel(offer.tid(), FileCancel.FILE_TOO_LARGE, "Too large for this client."));
            listener.onTransfer(meter.end(FileTransfer.State.FAILED, null, "Refused: larger than the server's"
                    + " limit."));
            return;
        }
        IncomingFile file;
        try {
            file = downloads.receive(offer.name(), offer.size());
        } catch (IOException e) {
            wire.accept(new FileCancel(offer.tid(), FileCancel.STORAGE, "The recipient could not store it."));
            listener.onTransfer(meter.end(FileTransfer.State.FAILED, null, "Could not save it in "
                    + downloads.folder() + ": " + e.getMessage()));
            return;
        }
        meter.file(file.folder().resolve(file.safeName()));
        incoming.put(offer.tid(), new Incoming(file, meter));
        listener.onTransfer(meter.current());
    }

    private void chunk(FileChunk chunk) {
        Incoming transfer = incoming.get(chunk.tid());
        if (transfer == null || transfer.cancelRequested) {
            return;
        }
        try {
            if (chunk.seq() != transfer.expected) {
                throw new IOException("Chunk " + chunk.seq() + " came where chunk " + transfer.expected
                        + " was due.");
            }
            transfer.file.write(chunk.bytes());
        } catch (IOException | IllegalArgumentException e) {
            fail(chunk.tid(), transfer, FileCancel.STORAGE, "Could not save it: " + e.getMessage()
                    + " The partial file was deleted.");
            return;
        }
        transfer.expected++;
        wire.accept(new FileAck(chunk.tid(), chunk.seq()));
        FileTransfer due = transfer.meter.progress(transfer.file.received(), System.nanoTime());
        if (due != null) {
            listener.onTransfer(due);
        }
    }

    private void acknowledged(FileAck ack) {
        Outgoing transfer = outgoing.get(ack.tid());
        if (transfer == null) {
            return;
        }
        FileTransfer due;
        synchronized (transfer) {
            boolean first = transfer.credit < 0;
            transfer.credit = Math.max(transfer.credit, ack.seq());
            transfer.notifyAll();
            long bytes = Math.min(transfer.file.size(), ack.seq() * chunkBytes);
            due = first ? transfer.meter.current() : transfer.meter.progress(bytes, System.nanoTime());
        }
        if (due != null) {
            listener.onTransfer(due);
        }
    }

    private void done(FileDone done) {
        Incoming received = incoming.remove(done.tid());
        if (received != null) {
            finishReceiving(done, received);
            return;
        }
        Outgoing sent = outgoing.remove(done.tid());
        if (sent == null) {
            return;
        }
        int delivered = done.delivered() == null ? 0 : done.delivered();
        int recipients = done.recipients() == null ? 0 : done.recipients();
        String name = sent.file.name();
        String message;
        if (sent.meter.current().toRoom()) {
            message = "Sent " + name + " to " + delivered + " of " + recipients
                    + (recipients == 1 ? " person" : " people") + " in the room.";
        } else {
            message = delivered > 0 ? "Sent " + name + " to " + sent.meter.current().peer() + "."
                    : sent.meter.current().peer() + " did not get " + name + " intact.";
        }
        synchronized (sent) {
            sent.ended = true;
            sent.notifyAll();
        }
        listener.onTransfer(sent.meter.end(delivered > 0 ? FileTransfer.State.DONE : FileTransfer.State.FAILED,
                null, message));
    }

    private void finishReceiving(FileDone done, Incoming transfer) {
        if (transfer.cancelRequested) {
            transfer.file.discard();
            listener.onTransfer(transfer.meter.end(FileTransfer.State.CANCELLED, null, "You stopped receiving "
                    + transfer.file.safeName() + "; nothing was kept."));
            return;
        }
        try {
            Path saved = transfer.file.finish(done.sha256());
            wire.accept(new FileDone(done.tid(), done.sha256()));
            listener.onTransfer(transfer.meter.end(FileTransfer.State.DONE, saved, "Saved as " + saved
                    + " (SHA-256 verified)."));
        } catch (TransferCheckException e) {
            wire.accept(new FileCancel(done.tid(), FileCancel.CHECKSUM_MISMATCH, e.getMessage()));
            listener.onTransfer(transfer.meter.end(FileTransfer.State.FAILED, null, e.getMessage()
                    + " The partial file was deleted."));
        } catch (IOException e) {
            wire.accept(new FileCancel(done.tid(), FileCancel.STORAGE, "The recipient could not store it."));
            listener.onTransfer(transfer.meter.end(FileTransfer.State.FAILED, null, "Could not save it: "
                    + e.getMessage()));
        }
    }

    private void cancelled(FileCancel cancel) {
        Incoming received = incoming.remove(cancel.tid());
        if (received != null) {
            received.file.discard();
            boolean asked = received.cancelRequested || FileCancel.CANCELLED.equals(cancel.code());
            listener.onTransfer(received.meter.end(asked ? FileTransfer.State.CANCELLED : FileTransfer.State.FAILED,
                    null, cancel.reason() + " Nothing was kept."));
            return;
        }
        Outgoing sent = outgoing.remove(cancel.tid());
        if (sent == null) {
            return;
        }
        String local;
        boolean asked;
        synchronized (sent) {
            sent.ended = true;
            sent.notifyAll();
            local = sent.localFailure;
            asked = sent.cancelRequested;
        }
        FileTransfer.State state = asked && local == null ? FileTransfer.State.CANCELLED : FileTransfer.State.FAILED;
        listener.onTransfer(sent.meter.end(state, null, local != null ? local : cancel.reason()));
    }

    private void fail(String tid, Incoming transfer, String code, String message) {
        incoming.remove(tid);
        transfer.file.discard();
        wire.accept(new FileCancel(tid, code, "The recipient could not store it."));
        listener.onTransfer(transfer.meter.end(FileTransfer.State.FAILED, null, message));
    }

    /** The connection ended: nothing half-received is kept, and nothing more is sent. */
    void connectionEnded() {
        for (String tid : List.copyOf(incoming.keySet())) {
            Incoming received = incoming.remove(tid);
            if (received != null) {
                received.file.discard();
                listener.onTransfer(received.meter.end(FileTransfer.State.FAILED, null, "The connection ended"
                        + " before " + received.file.safeName() + " arrived; the partial file was deleted."));
            }
        }
        for (String tid : List.copyOf(outgoing.keySet())) {
            Outgoing sent = outgoing.remove(tid);
            if (sent != null) {
                synchronized (sent) {
                    sent.ended = true;
                    sent.notifyAll();
                }
                listener.onTransfer(sent.meter.end(FileTransfer.State.FAILED, null, "The connection ended before "
                        + sent.file.name() + " was delivered."));
            }
        }
    }
}
