package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketCodecTest {
    private static final Route ROUTE = new Route(0x0102030405060708L, -2, 0x0A0B0C0D, 77);
    private static final Acknowledgement ACK = new Acknowledgement(0xFFFF_FFF0L,
            List.of(new Acknowledgement.Range(0xFFFF_FFF2L, 0xFFFF_FFF3L),
                    new Acknowledgement.Range(0xFFFF_FFF5L, 0xFFFF_FFF5L)));

    private static Packet roundTrip(Packet packet) throws BadDatagramException {
        byte[] bytes = PacketCodec.encode(packet);
        return PacketCodec.decode(bytes, 0, bytes.length);
    }

    @Test
    void roundTripsEveryType() throws Exception {
        assertEquals(new Packet.Hello(new Route(1, 0, 2, 0), 1234, "Zoë"),
                roundTrip(new Packet.Hello(new Route(1, 0, 2, 0), 1234, "Zoë")));
        assertEquals(new Packet.Welcome(ROUTE, 0, "bob"), roundTrip(new Packet.Welcome(ROUTE, 0, "bob")));
        assertEquals(new Packet.Refuse(ROUTE, Refusal.GROUP_FULL, "bob"),
                roundTrip(new Packet.Refuse(ROUTE, Refusal.GROUP_FULL, "bob")));
        assertEquals(new Packet.Reset(ROUTE), roundTrip(new Packet.Reset(ROUTE)));
        assertEquals(new Packet.Ack(ROUTE, 0xFFFF_FFFFL, ACK), roundTrip(new Packet.Ack(ROUTE, 0xFFFF_FFFFL, ACK)));
        Packet.Data data = (Packet.Data) roundTrip(new Packet.Data(ROUTE, 9, ACK, 0xFFFF_FFFEL, true,
                new byte[] {1, 2, 3}));
        assertEquals(ROUTE, data.route());
        assertEquals(9, data.number());
        assertEquals(ACK, data.ack());
        assertEquals(0xFFFF_FFFEL, data.seq());
        assertTrue(data.last());
        assertArrayEquals(new byte[] {1, 2, 3}, data.chunk());
    }

    @Test
    void laysOutTheHeaderAsDocumented() {
        byte[] bytes = PacketCodec.encode(new Packet.Reset(new Route(0x1122334455667788L, 1, 0x0A0B0C0D, 2)));
        assertEquals(PacketCodec.HEADER_SIZE, bytes.length);
        assertArrayEquals(new byte[] {PacketCodec.RESET,
                0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88,
                0, 0, 0, 0, 0, 0, 0, 1,
                0x0A, 0x0B, 0x0C, 0x0D,
                0, 0, 0, 2,
                0, 0, 0, 0}, bytes);
    }

    @Test
    void aFullDataPacketFitsADatagramWithItsEnvelope() {
        List<Acknowledgement.Range> ranges = new ArrayList<>();
        for (int i = 0; i < Wire.MAX_SACK_RANGES; i++) {
            ranges.add(new Acknowledgement.Range(10L * i + 2, 10L * i + 5));
        }
        byte[] bytes = PacketCodec.encode(new Packet.Data(ROUTE, 1, new Acknowledgement(0, ranges), 1, false,
                new byte[Wire.MAX_CHUNK]));
        int sealed = Envelope.HEADER_SIZE + GroupKey.NONCE_BYTES + bytes.length + GroupKey.TAG_BYTES;
        assertTrue(sealed <= Wire.MAX_DATAGRAM, sealed + " bytes");
    }

    @Test
    void refusesEveryTruncation() {
        byte[] bytes = PacketCodec.encode(new Packet.Data(ROUTE, 1, ACK, 3, false, new byte[] {1, 2}));
        for (int length = 0; length < bytes.length; length++) {
            int cut = length;
            BadDatagramException e = assertThrows(BadDatagramException.class,
                    () -> PacketCodec.decode(bytes, 0, cut));
            assertEquals(Drop.MALFORMED, e.reason());
        }
    }

    @Test
    void refusesBadValues() {
        assertMalformed(new byte[] {99}, "unknown type");
        byte[] hello = PacketCodec.encode(new Packet.Hello(new Route(1, 0, 2, 0), 5, "bob"));
        byte[] longer = Arrays.copyOf(hello, hello.length + 1);
        assertMalformed(longer, "trailing byte");
        hello[hello.length - 1] = ' ';
        assertMalformed(hello, "a name with a space");
        byte[] noSender = PacketCodec.encode(new Packet.Reset(new Route(0, 1, 2, 3)));
        assertMalformed(noSender, "sender id 0");
        byte[] backwards = PacketCodec.encode(new Packet.Ack(ROUTE, 1,
                new Acknowledgement(5, List.of(new Acknowledgement.Range(9, 8)))));
        assertMalformed(backwards, "a range ending before it starts");
        byte[] touching = PacketCodec.encode(new Packet.Ack(ROUTE, 1,
                new Acknowledgement(5, List.of(new Acknowledgement.Range(6, 8)))));
        assertMalformed(touching, "a range the cumulative part already covers");
        byte[] seqZero = PacketCodec.encode(new Packet.Data(ROUTE, 1, ACK, 0, true, new byte[0]));
        assertMalformed(seqZero, "piece 0");
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = (byte) (1 + random.nextInt(6)); // a known type, so decoding goes deep
            }
            try {
                PacketCodec.decode(bytes, 0, bytes.length);
            } catch (BadDatagramException e) {
                assertTrue(e.reason() == Drop.MALFORMED);
            }
        }
    }

    private static void assertMalformed(byte[] bytes, String what) {
        BadDatagramException e = assertThrows(BadDatagramException.class,
                () -> PacketCodec.decode(bytes, 0, bytes.length), what);
        assertEquals(Drop.MALFORMED, e.reason(), what);
    }
}
