package chatroom.api.message;

/**
 * One JSON object on the wire. Every message has a {@code type}; the codec writes it, records never carry it as a
 * field.
 */
public sealed interface Message permits ClientMessage, ServerMessage {
    /** The wire name of this message's type, such as {@code "say"}. */
    String type();
}
