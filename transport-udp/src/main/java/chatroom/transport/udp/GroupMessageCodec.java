package chatroom.transport.udp;

import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Texts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary layout of {@link GroupMessage}s: a kind byte, then the fields big-endian, texts as length-prefixed
 * UTF-8. Decoding re-checks the limits a well-behaved sender keeps, so a member cannot make this peer show what its
 * own users could not send.
 */
final class GroupMessageCodec {
    static final int SAY = 1;
    static final int TELL = 2;
    static final int RENAME = 3;
    static final int LEAVE = 4;
    static final int MEMBERS = 5;
    static final int FILE_OFFER = 6;
    static final int FILE_CHUNK = 7;
    static final int FILE_DONE = 8;
    static final int FILE_CANCEL = 9;
    static final int FILE_RECEIVED = 10;
    static final int ROOMS = 11;
    static final int SAY_IN = 12;
    /** A room name's UTF-8 bytes at most: up to {@link RoomNames#MAX_LENGTH} characters of up to four bytes. */
    static final int MAX_ROOM_BYTES = RoomNames.MAX_LENGTH * 4;
    /** The largest piece of a file in one message. */
    static final int MAX_FILE_CHUNK = 16 * 1024;
    /** A file name's UTF-8 bytes at most; names are made safe by the receiver, not here. */
    static final int MAX_FILE_NAME_BYTES = 4096;
    /** A cancel reason's UTF-8 bytes at most. */
    static final int MAX_REASON_BYTES = 1024;
    private static final int SHA256_BYTES = 32;

    /** UTF-8 takes at most four bytes per character. */
    private static final int MAX_TEXT_BYTES = Wire.MAX_TEXT_LENGTH * 4;

    private GroupMessageCodec() {
    }

    static byte[] encode(GroupMessage message) {
        WireWriter out = new WireWriter(64);
        switch (message) {
            case GroupMessage.Say say -> out.u8(SAY).i64(say.ts()).longText(say.text());
            case GroupMessage.Tell tell -> out.u8(TELL).i64(tell.ts()).longText(tell.text());
            case GroupMessage.Rename rename -> out.u8(RENAME).i64(rename.ts()).shortText(rename.name());
            case GroupMessage.Leave leave -> out.u8(LEAVE).i64(leave.ts());
            case GroupMessage.FileOffer offer -> out.u8(FILE_OFFER).i64(offer.ts()).u32(offer.file())
                    .i64(offer.size()).u8(offer.toRoom() ? 1 : 0).longText(offer.name());
            case GroupMessage.FileChunk chunk -> out.u8(FILE_CHUNK).u32(chunk.file()).u16(chunk.data().length)
                    .bytes(chunk.data());
            case GroupMessage.FileDone done -> out.u8(FILE_DONE).u32(done.file()).bytes(done.sha256());
            case GroupMessage.FileCancel cancel -> out.u8(FILE_CANCEL).u32(cancel.file()).longText(cancel.reason());
            case GroupMessage.FileReceived received -> out.u8(FILE_RECEIVED).u32(received.file());
            case GroupMessage.Rooms rooms -> {
                out.u8(ROOMS).u8(rooms.rooms().size());
                rooms.rooms().forEach(out::longText);
            }
            case GroupMessage.SayIn say -> out.u8(SAY_IN).i64(say.ts()).longText(say.room()).longText(say.text());
            case GroupMessage.Members members -> {
                out.u8(MEMBERS).u8(members.entries().size());
                for (GroupMessage.Members.Entry entry : members.entries()) {
                    byte[] ip = entry.address().getAddress().getAddress();
                    out.i64(entry.id()).shortText(entry.name()).u8(ip.length).bytes(ip).u16(entry.address().getPort());
                }
            }
        }
        return out.toByteArray();
    }

    static GroupMessage decode(byte[] bytes) throws BadDatagramException {
        WireReader in = new WireReader(bytes, 0, bytes.length);
        GroupMessage message = switch (in.u8()) {
            case SAY -> new GroupMessage.Say(in.i64(), text(in));
            case TELL -> new GroupMessage.Tell(in.i64(), text(in));
            case RENAME -> new GroupMessage.Rename(in.i64(), name(in));
            case LEAVE -> new GroupMessage.Leave(in.i64());
            case MEMBERS -> members(in);
            case FILE_OFFER -> fileOffer(in);
            case FILE_CHUNK -> fileChunk(in);
            case FILE_DONE -> new GroupMessage.FileDone(in.u32(), in.bytes(SHA256_BYTES));
            case FILE_CANCEL -> new GroupMessage.FileCancel(in.u32(), in.longText(MAX_REASON_BYTES));
            case FILE_RECEIVED -> new GroupMessage.FileReceived(in.u32());
            case ROOMS -> rooms(in);
            case SAY_IN -> new GroupMessage.SayIn(in.i64(), room(in), text(in));
            default -> throw unreadable("unknown message kind");
        };
        in.end();
        return message;
    }

    private static String text(WireReader in) throws BadDatagramException {
        // Cleaned as the sender should have: a peer that skips it must not drive the others' terminals.
        String text = Texts.clean(in.longText(MAX_TEXT_BYTES));
        if (Texts.check(text, Wire.MAX_TEXT_LENGTH).isPresent()) {
            throw unreadable("text breaks the limits");
        }
        return text;
    }

    private static String name(WireReader in) throws BadDatagramException {
        String name = in.shortText(Wire.MAX_NAME_BYTES);
        if (Wire.NAMES.check(name).isPresent()) {
            throw unreadable("invalid name");
        }
        return name;
    }

    /** A room name as people write it, checked as the server checks one; its canonical form. */
    private static String room(WireReader in) throws BadDatagramException {
        String room = RoomNames.canonical(in.longText(MAX_ROOM_BYTES));
        if (RoomNames.check(room).isPresent()) {
            throw unreadable("invalid room name");
        }
        return room;
    }

    private static GroupMessage.Rooms rooms(WireReader in) throws BadDatagramException {
        int count = in.u8();
        if (count > Wire.MAX_ROOMS) {
            throw unreadable(count + " rooms");
        }
        List<String> rooms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rooms.add(room(in));
        }
        return new GroupMessage.Rooms(rooms);
    }

    private static GroupMessage.FileOffer fileOffer(WireReader in) throws BadDatagramException {
        long ts = in.i64();
        long file = in.u32();
        long size = in.i64();
        int flags = in.u8();
        String name = in.longText(MAX_FILE_NAME_BYTES);
        if (size < 0 || (flags & ~1) != 0) {
            throw unreadable("bad file offer");
        }
        return new GroupMessage.FileOffer(ts, file, size, (flags & 1) != 0, name);
    }

    private static GroupMessage.FileChunk fileChunk(WireReader in) throws BadDatagramException {
        long file = in.u32();
        int length = in.u16();
        if (length == 0 || length > MAX_FILE_CHUNK) {
            throw unreadable("file chunk of " + length + " bytes");
        }
        return new GroupMessage.FileChunk(file, in.bytes(length));
    }

    private static GroupMessage.Members members(WireReader in) throws BadDatagramException {
        int count = in.u8();
        if (count > Wire.MAX_MEMBERS) {
            throw unreadable(count + " members");
        }
        List<GroupMessage.Members.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.i64();
            String name = name(in);
            int length = in.u8();
            if (id == 0 || (length != 4 && length != 16)) {
                throw unreadable("bad member entry");
            }
            byte[] ip = in.bytes(length);
            int port = in.u16();
            if (port == 0) {
                throw unreadable("bad member port");
            }
            try {
                entries.add(new GroupMessage.Members.Entry(id, name,
                        new InetSocketAddress(InetAddress.getByAddress(ip), port)));
            } catch (UnknownHostException e) {
                throw unreadable("bad member address"); // only thrown for wrong lengths, checked above
            }
        }
        return new GroupMessage.Members(entries);
    }

    private static BadDatagramException unreadable(String message) {
        return new BadDatagramException(Drop.UNREADABLE, message);
    }
}
