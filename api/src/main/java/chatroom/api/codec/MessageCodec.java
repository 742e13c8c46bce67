package chatroom.api.codec;

import chatroom.api.internal.JsonCodec;
import chatroom.api.internal.MessageTypes;
import chatroom.api.message.ClientMessage;
import chatroom.api.message.Message;
import chatroom.api.message.ServerMessage;

import java.nio.charset.StandardCharsets;

/**
 * Turns messages into lines of JSON and back. A line is one JSON object with a {@code type}; see
 * {@code docs/PROTOCOL.md}. Thread-safe.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /** The message as one line of JSON, without the newline. */
    public static String toJson(Message message) {
        return JsonCodec.toJson(message);
    }

    /** The message as a frame ready to write: UTF-8 JSON followed by a newline. */
    public static Frame encode(Message message) {
        return new Frame((toJson(message) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a line that a client sent. */
    public static ClientMessage decodeClient(String line) throws ProtocolException {
        return JsonCodec.fromJson(line, MessageTypes.CLIENT);
    }

    /**
     * Reads a line that a client sent, refusing JSON nested deeper than {@code maxNesting} (capped at the codec's
     * own limit of 32).
     */
    public static ClientMessage decodeClient(String line, int maxNesting) throws ProtocolException {
        return JsonCodec.fromJson(line, MessageTypes.CLIENT, maxNesting);
    }

    /** Reads a line that a server sent. */
    public static ServerMessage decodeServer(String line) throws ProtocolException {
        return JsonCodec.fromJson(line, MessageTypes.SERVER);
    }
}
