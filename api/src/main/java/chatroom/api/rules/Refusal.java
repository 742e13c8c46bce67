package chatroom.api.rules;

import chatroom.api.message.ErrorCode;

/**
 * Why a rule refuses something: the error code a client receives and the sentence a person reads.
 *
 * @param code    the protocol's error code
 * @param message one sentence for people
 */
public record Refusal(ErrorCode code, String message) {
}
