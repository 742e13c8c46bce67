package chatroom.transport.udp;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;

import java.util.Optional;

/** What a chat text may be: not blank, at most {@link Wire#MAX_TEXT_LENGTH} characters. */
final class TextRules {
    private TextRules() {
    }

    /** The error to answer a request with, or empty when the text is fine. */
    static Optional<ErrorReply> problem(String text, String ref) {
        if (text == null || text.isBlank()) {
            return Optional.of(new ErrorReply(ErrorCode.EMPTY_TEXT, "There is nothing to send: the text is empty.",
                    ref));
        }
        if (text.codePointCount(0, text.length()) > Wire.MAX_TEXT_LENGTH) {
            return Optional.of(new ErrorReply(ErrorCode.TEXT_TOO_LONG, "The text is longer than "
                    + Wire.MAX_TEXT_LENGTH + " characters; split it into several messages.", ref));
        }
        return Optional.empty();
    }
}
