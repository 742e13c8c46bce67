package chatroom.api.message;

import java.util.Locale;

/** The error codes of {@link ErrorReply} and {@link chatroom.api.codec.ProtocolException}. */
public enum ErrorCode {
    /** The line is not a JSON object. */
    BAD_JSON,
    /** The line is longer than the server's limit. */
    LINE_TOO_LONG,
    /** The line is not valid UTF-8. */
    BAD_ENCODING,
    /** The {@code type} is missing or not one the receiver knows. */
    UNKNOWN_TYPE,
    /** A field is missing or has the wrong type. */
    BAD_MESSAGE,
    /** The client's protocol version is not supported. */
    UNSUPPORTED_PROTOCOL,
    /** The request needs the {@code hello} handshake first. */
    HELLO_FIRST,
    /** The request needs a login first. */
    NOT_LOGGED_IN,
    /** The connection is logged in already. */
    ALREADY_LOGGED_IN,
    /** This server does not admit guests. */
    GUESTS_NOT_ALLOWED,
    /** The password does not match the account. */
    WRONG_PASSWORD,
    /** Registration is closed and there is no such account; or a request names an account that does not exist. */
    NO_SUCH_ACCOUNT,
    /** Too many failed logins; wait before trying again. */
    TOO_MANY_ATTEMPTS,
    /** The name breaks the naming rules. */
    INVALID_NAME,
    /** The name is reserved for the server. */
    RESERVED_NAME,
    /** Someone else has that name. */
    NAME_TAKEN,
    /** The recipient of a private message is not online. */
    NOT_ONLINE,
    /** The text is empty. */
    EMPTY_TEXT,
    /** The text is longer than the server's limit. */
    TEXT_TOO_LONG,
    /** The password is empty or too long. */
    INVALID_PASSWORD,
    /** The connection is sending faster than the server's rate limit. */
    SLOW_DOWN,
    /** The resume token is unknown, used up, expired or another account's; log in with the password. */
    RESUME_REFUSED,
    /** The server failed; the request may be retried. */
    SERVER_ERROR,
    /** No room has that name (and the request does not create one). */
    UNKNOWN_ROOM,
    /** The room name breaks the naming rules. */
    INVALID_ROOM_NAME,
    /** The request names a room the user is not in. */
    NOT_IN_ROOM,
    /** The user is in as many rooms as the server allows. */
    TOO_MANY_ROOMS,
    /** This server does not let this user create rooms. */
    ROOM_CREATION_DISABLED,
    /** The user may not do that here (set the topic of a room someone else owns, say). */
    NOT_ALLOWED,
    /** The request names someone who is not a member of the room. */
    NOT_A_MEMBER,
    /** The user is banned from that room. */
    BANNED,
    /** The room is invite-only and the user has no invite. */
    INVITE_ONLY,
    /** The request names someone who is a member of the room already. */
    ALREADY_MEMBER,
    /** The recipient has as many messages waiting as the server keeps for anyone offline. */
    QUEUE_FULL,
    /** A code this side does not know (sent by a newer peer). */
    UNKNOWN;

    /** The code as written on the wire: lower case with underscores, such as {@code wrong_password}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName().equals(wireName)) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
