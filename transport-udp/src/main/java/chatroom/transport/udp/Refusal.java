package chatroom.transport.udp;

/** Why a peer refused a hello; the wire code is stable. */
enum Refusal {
    /** The hello's name is the refusing peer's or one of its members' (ignoring case). */
    NAME_TAKEN(1),
    /** The refusing peer has {@link Wire#MAX_MEMBERS} members already. */
    GROUP_FULL(2);

    final int code;

    Refusal(int code) {
        this.code = code;
    }

    static Refusal fromCode(int code) throws BadDatagramException {
        for (Refusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        throw new BadDatagramException(Drop.MALFORMED, "unknown refusal " + code);
    }
}
