package chatroom.transport.irc;

import chatroom.api.codec.Frame;
import chatroom.api.codec.MessageCodec;
import chatroom.api.codec.ProtocolException;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ServerMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The server hands every recipient of a room's batch the same list of frames, one after the other; the IRC clients
 * among them share its reading and its IRC lines too: each frame is decoded once, and its lines (with the same tags)
 * made and encoded once, so a room of IRC clients costs the server about what a room of our own clients does. Kept
 * for the few latest lists by their identity: lists and frames are immutable and shared.
 */
final class SharedLines {
    private static final int SLOTS = 8;
    private static final AtomicReferenceArray<SharedLines> RECENT = new AtomicReferenceArray<>(SLOTS);
    /**
     * Recent frames on their own, by identity: when a batch spans several rooms, the server gathers each recipient's
     * frames into a list of its own, and the same frame is in many of those lists.
     */
    private static final int FRAME_SLOTS = 4096;
    private static final AtomicReferenceArray<FrameReading> FRAMES = new AtomicReferenceArray<>(FRAME_SLOTS);

    /** One frame, what it says, and its lines without tags once made. */
    private static final class FrameReading {
        final Frame frame;
        final ServerMessage message;
        volatile List<Frame> plain;

        FrameReading(Frame frame, ServerMessage message) {
            this.frame = frame;
            this.message = message;
        }
    }

    private static FrameReading frameReading(Frame frame) throws ProtocolException {
        int slot = System.identityHashCode(frame) & (FRAME_SLOTS - 1);
        FrameReading known = FRAMES.get(slot);
        if (known != null && known.frame == frame) {
            return known;
        }
        FrameReading made = new FrameReading(frame, MessageCodec.decodeServer(frame.toString()));
        FRAMES.set(slot, made);
        return made;
    }

    /** What the server handed every recipient: the list, or the one frame when it sent one alone. */
    private final Object handed;
    private final List<Frame> frames;
    private final AtomicReferenceArray<ServerMessage> messages;
    /** The lines without tags, which most clients get; those with tags by their tags. */
    private final AtomicReferenceArray<List<Frame>> plain;
    private final AtomicReferenceArray<Map<String, List<Frame>>> tagged;

    /** The whole list's lines, when it is all live room messages, for clients that show them without tags. */
    private final Map<String, List<Frame>> whole = new ConcurrentHashMap<>(2);
    private volatile Summary summary;

    /**
     * What a list holds, for the clients that can take it whole: whether it is all live room messages without a
     * client message id, who said them, and the newest id of each room.
     */
    record Summary(boolean liveChat, Set<String> senders, Map<String, Long> newest) {
    }

    private SharedLines(Object handed, List<Frame> frames) {
        this.handed = handed;
        this.frames = frames;
        this.messages = new AtomicReferenceArray<>(frames.size());
        this.plain = new AtomicReferenceArray<>(frames.size());
        this.tagged = new AtomicReferenceArray<>(frames.size());
    }

    /**
     * The shared reading of what the server handed every recipient ({@code handed}: a list of frames, or one frame
     * sent alone, which {@code frames} then holds), as made for an earlier recipient of the same, or new.
     */
    static SharedLines of(Object handed, List<Frame> frames) {
        int slot = System.identityHashCode(handed) & (SLOTS - 1);
        SharedLines known = RECENT.get(slot);
        if (known != null && known.handed == handed) {
            return known;
        }
        SharedLines made = new SharedLines(handed, frames);
        RECENT.set(slot, made);
        return made;
    }

    /** What the frame at this index says, read once for all who receive the list. */
    ServerMessage message(int index) throws ProtocolException {
        ServerMessage message = messages.get(index);
        if (message == null) {
            // Two readers at once may both read it; either result is the same message.
            message = frameReading(frames.get(index)).message;
            messages.set(index, message);
        }
        return message;
    }

    /**
     * The IRC lines of the frame at this index for recipients that see them alike ({@code variant}: their tags),
     * made by {@code make} the first time.
     */
    List<Frame> lines(int index, String variant, Supplier<List<String>> make) {
        if (variant.isEmpty()) {
            List<Frame> known = plain.get(index);
            if (known == null) {
                known = plainOf(frames.get(index), make);
                plain.set(index, known);
            }
            return known;
        }
        tagged.compareAndSet(index, null, new ConcurrentHashMap<>(2));
        return tagged.get(index).computeIfAbsent(variant, any -> encoded(make.get()));
    }

    /** The list's summary, made once. */
    Summary summary() throws ProtocolException {
        Summary known = summary;
        if (known != null) {
            return known;
        }
        boolean liveChat = true;
        Set<String> senders = new HashSet<>();
        Map<String, Long> newest = new HashMap<>();
        for (int index = 0; index < frames.size() && liveChat; index++) {
            if (message(index) instanceof ChatMessage said && !said.history() && said.cid() == null
                    && said.room() != null) {
                senders.add(said.from());
                newest.merge(said.room(), said.id(), Math::max);
            } else {
                liveChat = false;
            }
        }
        known = new Summary(liveChat, Set.copyOf(senders), Map.copyOf(newest));
        summary = known;
        return known;
    }

    /** All the list's lines for clients that see them alike ({@code variant}), made by {@code make} once. */
    List<Frame> whole(String variant, Supplier<List<Frame>> make) {
        return whole.computeIfAbsent(variant, any -> List.copyOf(make.get()));
    }

    /** A frame's lines without tags, from the frame's own reading when it is still there. */
    private static List<Frame> plainOf(Frame frame, Supplier<List<String>> make) {
        int slot = System.identityHashCode(frame) & (FRAME_SLOTS - 1);
        FrameReading reading = FRAMES.get(slot);
        if (reading == null || reading.frame != frame) {
            return encoded(make.get());
        }
        List<Frame> known = reading.plain;
        if (known == null) {
            known = encoded(make.get());
            reading.plain = known;
        }
        return known;
    }

    private static List<Frame> encoded(List<String> lines) {
        List<Frame> encoded = new ArrayList<>(lines.size());
        for (String line : lines) {
            encoded.add(Frame.line(line + "\r"));
        }
        return List.copyOf(encoded);
    }
}
