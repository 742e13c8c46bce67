package chatroom.transport.udp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void roundTripsFileMessages() throws Exception {
        for (GroupMessage message : List.of(
                new GroupMessage.FileOffer(1_700_000_000_000L, 0xFFFF_FFFFL, 5L << 30, true, "报告 ../x.pdf"),
                new GroupMessage.FileOffer(1, 1, 0, false, ""),
                new GroupMessage.FileCancel(2, "The sender cancelled."),
                new GroupMessage.FileReceived(3))) {
            assertEquals(message, roundTrip(message));
        }
        byte[] data = new byte[GroupMessageCodec.MAX_FILE_CHUNK];
        new Random(1).nextBytes(data);
        GroupMessage.FileChunk chunk = (GroupMessage.FileChunk) roundTrip(new GroupMessage.FileChunk(4, data));
        assertEquals(4, chunk.file());
        assertArrayEquals(data, chunk.data());
        byte[] sha = new byte[32];
        sha[31] = 7;
        GroupMessage.FileDone done = (GroupMessage.FileDone) roundTrip(new GroupMessage.FileDone(5, sha));
        assertArrayEquals(sha, done.sha256());
    }

    @Test
    void refusesFileMessagesOutOfBounds() {
        assertUnreadable(new GroupMessage.FileChunk(1, new byte[0]));
        assertUnreadable(new GroupMessage.FileChunk(1, new byte[GroupMessageCodec.MAX_FILE_CHUNK + 1]));
        assertUnreadable(new GroupMessage.FileOffer(1, 1, -1, true, "a"));
        assertMalformed(new GroupMessage.FileOffer(1, 1, 1, true,
                "x".repeat(GroupMessageCodec.MAX_FILE_NAME_BYTES + 1)));
        assertMalformed(new GroupMessage.FileDone(1, new byte[31]));
    }

    @Test
    void refusesWhatAUserCouldNotHaveSent() {
        assertUnreadable(new GroupMessage.Say(1, " "));
        assertUnreadable(new GroupMessage.Say(1, "x".repeat(Wire.MAX_TEXT_LENGTH + 1)));
        assertUnreadable(new GroupMessage.Rename(1, "two words"));
        BadDatagramException e = assertThrows(BadDatagramException.class,
                () -> GroupMessageCodec.decode(new byte[] {99}));
        assertEquals(Drop.UNREADABLE, e.reason());
    }

    @Test
    void roundTripsRoomsAndTextInARoomWithTheirNamesCanonical() throws Exception {
        GroupMessage rooms = new GroupMessage.Rooms(List.of("#lobby", "#Ops", "#café"));
        assertEquals(rooms, roundTrip(rooms));
        assertEquals(new GroupMessage.Rooms(List.of()), roundTrip(new GroupMessage.Rooms(List.of())));
        assertEquals(new GroupMessage.SayIn(9, "#café", "deploying"),
                roundTrip(new GroupMessage.SayIn(9, "#cafe\u0301", "deploying")),
                "composed, as the server keeps names");
    }

    @Test
    void refusesRoomsAUserCouldNotHaveJoined() {
        assertUnreadable(new GroupMessage.Rooms(List.of("#lobby", "no hash")));
        assertUnreadable(new GroupMessage.Rooms(java.util.Collections.nCopies(Wire.MAX_ROOMS + 1, "#a")));
        assertUnreadable(new GroupMessage.SayIn(1, "#" + "x".repeat(64), "hi"));
        assertUnreadable(new GroupMessage.SayIn(1, "#ops", " "));
        assertMalformed(new GroupMessage.SayIn(1, "#" + "é".repeat(GroupMessageCodec.MAX_ROOM_BYTES), "hi"));
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(60)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = (byte) (1 + random.nextInt(GroupMessageCodec.SAY_IN));
            }
            try {
                GroupMessageCodec.decode(bytes);
            } catch (BadDatagramException expected) {
                // dropped and counted by the peer
            }
        }
    }

    private static void assertMalformed(GroupMessage message) {
        byte[] bytes = GroupMessageCodec.encode(message);
        BadDatagramException e = assertThrows(BadDatagramException.class, () -> GroupMessageCodec.decode(bytes));
        assertEquals(Drop.MALFORMED, e.reason());
    }

    private static void assertUnreadable(GroupMessage message) {
        byte[] bytes = GroupMessageCodec.encode(message);
        BadDatagramException e = assertThrows(BadDatagramException.class, () -> GroupMessageCodec.decode(bytes));
        assertEquals(Drop.UNREADABLE, e.reason());
    }
}
