package chatroom.transport.udp;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary layout of {@link Packet}s: a 29-byte header (type, sender id, receiver id, sender link, receiver link,
 * packet number) and a body per type; big-endian, sizes in {@code docs/PROTOCOL-UDP.md}. Decoding checks every
 * length and value, so hostile input ends in a {@link BadDatagramException}, never in an exception of another kind.
 */
final class PacketCodec {
    static final int HELLO = 1;
    static final int WELCOME = 2;
    static final int REFUSE = 3;
    static final int RESET = 4;
    static final int DATA = 5;
    static final int ACK = 6;
    static final int HEADER_SIZE = 29;

    private static final int LAST_PIECE = 1;

    private PacketCodec() {
    }

    static byte[] encode(Packet packet) {
        WireWriter out = new WireWriter(64);
        switch (packet) {
            case Packet.Hello hello -> {
                header(out, HELLO, hello.route(), 0);
                out.i64(hello.age()).shortText(hello.name());
            }
            case Packet.Welcome welcome -> {
                header(out, WELCOME, welcome.route(), 0);
                out.i64(welcome.age()).shortText(welcome.name());
            }
            case Packet.Refuse refuse -> {
                header(out, REFUSE, refuse.route(), 0);
                out.u8(refuse.reason().code).shortText(refuse.name());
            }
            case Packet.Reset reset -> header(out, RESET, reset.route(), 0);
            case Packet.Data data -> {
                header(out, DATA, data.route(), data.number());
                acknowledgement(out, data.ack());
                out.u32(data.seq()).u8(data.last() ? LAST_PIECE : 0).u16(data.chunk().length).bytes(data.chunk());
            }
            case Packet.Ack ack -> {
                header(out, ACK, ack.route(), ack.number());
                acknowledgement(out, ack.ack());
            }
        }
        return out.toByteArray();
    }

    static Packet decode(byte[] bytes, int offset, int length) throws BadDatagramException {
        WireReader in = new WireReader(bytes, offset, length);
        int type = in.u8();
        Route route = new Route(in.i64(), in.i64(), in.i32(), in.i32());
        long number = in.u32();
        if (route.sender() == 0 || route.senderLink() == 0) {
            throw new BadDatagramException(Drop.MALFORMED, "no sender id or link");
        }
        Packet packet = switch (type) {
            case HELLO -> new Packet.Hello(route, age(in), name(in));
            case WELCOME -> new Packet.Welcome(route, age(in), name(in));
            case REFUSE -> new Packet.Refuse(route, Refusal.fromCode(in.u8()), name(in));
            case RESET -> new Packet.Reset(route);
            case DATA -> data(in, route, number);
            case ACK -> new Packet.Ack(route, number, acknowledgement(in));
            default -> throw new BadDatagramException(Drop.MALFORMED, "unknown packet type " + type);
        };
        in.end();
        return packet;
    }

    private static void header(WireWriter out, int type, Route route, long number) {
        out.u8(type).i64(route.sender()).i64(route.receiver()).i32(route.senderLink()).i32(route.receiverLink())
                .u32(number);
    }

    private static void acknowledgement(WireWriter out, Acknowledgement ack) {
        out.u32(ack.cumulative()).u8(ack.ranges().size());
        for (Acknowledgement.Range range : ack.ranges()) {
            out.u32(range.first()).u32(range.last());
        }
    }

    private static long age(WireReader in) throws BadDatagramException {
        long age = in.i64();
        if (age < 0) {
            throw new BadDatagramException(Drop.MALFORMED, "negative age");
        }
        return age;
    }

    private static String name(WireReader in) throws BadDatagramException {
        String name = in.shortText(Wire.MAX_NAME_BYTES);
        if (Wire.NAMES.check(name).isPresent()) {
            throw new BadDatagramException(Drop.MALFORMED, "invalid name");
        }
        return name;
    }

    private static Packet.Data data(WireReader in, Route route, long number) throws BadDatagramException {
        Acknowledgement ack = acknowledgement(in);
        long seq = in.u32();
        int flags = in.u8();
        int length = in.u16();
        if (seq == 0 || (flags & ~LAST_PIECE) != 0 || length > Wire.MAX_CHUNK) {
            throw new BadDatagramException(Drop.MALFORMED, "bad data header");
        }
        return new Packet.Data(route, number, ack, seq, (flags & LAST_PIECE) != 0, in.bytes(length));
    }

    private static Acknowledgement acknowledgement(WireReader in) throws BadDatagramException {
        long cumulative = in.u32();
        int count = in.u8();
        if (count > Wire.MAX_SACK_RANGES) {
            throw new BadDatagramException(Drop.MALFORMED, count + " sack ranges");
        }
        List<Acknowledgement.Range> ranges = new ArrayList<>(count);
        long floor = cumulative + 1;
        for (int i = 0; i < count; i++) {
            long first = in.u32();
            long last = in.u32();
            // Ranges ascend and do not touch what the cumulative part already says.
            if (first <= floor || last < first) {
                throw new BadDatagramException(Drop.MALFORMED, "bad sack range");
            }
            ranges.add(new Acknowledgement.Range(first, last));
            floor = last + 1;
        }
        return new Acknowledgement(cumulative, ranges);
    }
}
