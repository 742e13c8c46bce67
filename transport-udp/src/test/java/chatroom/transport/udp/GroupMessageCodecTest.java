package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupMessageCodecTest {
    private static GroupMessage roundTrip(GroupMessage message) throws BadDatagramException {
        return GroupMessageCodec.decode(GroupMessageCodec.encode(message));
    }

    @Test
    void roundTripsEveryKind() throws Exception {
        for (GroupMessage message : List.of(
                new GroupMessage.Say(1_700_000_000_000L, "héllo 👋"),
                new GroupMessage.Tell(5, "psst"),
                new GroupMessage.Rename(6, "robert"),
                new GroupMessage.Leave(7),
                new GroupMessage.Members(List.of()),
                new GroupMessage.Members(List.of(
                        new GroupMessage.Members.Entry(-1, "alice",
                                new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 7000)),
                        new GroupMessage.Members.Entry(42, "bob",
                                new InetSocketAddress(InetAddress.getByName("::1"), 65535)))))) {
            assertEquals(message, roundTrip(message));
        }
    }

    @Test
    void refusesWhatAUserCouldNotHaveSent() {
        assertUnreadable(new GroupMessage.Say(1, " "));
        assertUnreadable(new GroupMessage.Say(1, "x".repeat(Wire.MAX_TEXT_LENGTH + 1)));
        assertUnreadable(new GroupMessage.Rename(1, "two words"));
        BadDatagramException e = assertThrows(BadDatagramException.class,
                () -> GroupMessageCodec.decode(new byte[] {9}));
        assertEquals(Drop.UNREADABLE, e.reason());
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(60)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = (byte) (1 + random.nextInt(5));
            }
            try {
                GroupMessageCodec.decode(bytes);
            } catch (BadDatagramException expected) {
                // dropped and counted by the peer
            }
        }
    }

    private static void assertUnreadable(GroupMessage message) {
        byte[] bytes = GroupMessageCodec.encode(message);
        BadDatagramException e = assertThrows(BadDatagramException.class, () -> GroupMessageCodec.decode(bytes));
        assertEquals(Drop.UNREADABLE, e.reason());
    }
}
