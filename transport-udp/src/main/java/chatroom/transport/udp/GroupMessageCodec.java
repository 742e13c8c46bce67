package chatroom.transport.udp;

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
            default -> throw unreadable("unknown message kind");
        };
        in.end();
        return message;
    }

    private static String text(WireReader in) throws BadDatagramException {
        String text = in.longText(MAX_TEXT_BYTES);
        if (TextRules.problem(text, null).isPresent()) {
            throw unreadable("text breaks the limits");
        }
        return text;
    }

    private static String name(WireReader in) throws BadDatagramException {
        String name = in.shortText(Wire.MAX_NAME_BYTES);
        if (Names.problem(name).isPresent()) {
            throw unreadable("invalid name");
        }
        return name;
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
