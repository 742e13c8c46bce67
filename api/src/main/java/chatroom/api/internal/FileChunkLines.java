package chatroom.api.internal;

import chatroom.api.message.FileChunk;
import chatroom.api.message.Protocol;

/**
 * File chunks in the exact form every chatroom client and server writes them, read and written without Gson's
 * general machinery: a chunk line is tens of kilobytes of base64, and Gson copies a long string several times on the
 * way in and out, which is most of the garbage a relaying server makes. Anything else, including a valid chunk
 * written another way (other field order, spaces, escapes), is left to the general codec, which judges it as
 * strictly as any message; what this reads is exactly what that would read.
 */
final class FileChunkLines {
    private static final String PREFIX = "{\"type\":\"" + FileChunk.TYPE + "\",\"tid\":\"";
    private static final String SEQ = "\",\"seq\":";
    private static final String DATA = ",\"data\":\"";
    private static final String END = "\"}";
    /** Digits of the largest seq taken here; longer numbers go the general way. */
    private static final int MAX_SEQ_DIGITS = 18;

    private FileChunkLines() {
    }

    /** The chunk on this line, or {@code null} when the line is not in the canonical form. */
    static FileChunk read(String line) {
        if (!line.startsWith(PREFIX) || !line.endsWith(END)) {
            return null;
        }
        int tidStart = PREFIX.length();
        int tidEnd = tidStart;
        while (tidEnd < line.length() && isIdChar(line.charAt(tidEnd))) {
            tidEnd++;
        }
        int tidLength = tidEnd - tidStart;
        if (tidLength == 0 || tidLength > Protocol.MAX_TRANSFER_ID_LENGTH || !line.startsWith(SEQ, tidEnd)) {
            return null;
        }
        int seqStart = tidEnd + SEQ.length();
        int seqEnd = seqStart;
        while (seqEnd < line.length() && line.charAt(seqEnd) >= '0' && line.charAt(seqEnd) <= '9') {
            seqEnd++;
        }
        int digits = seqEnd - seqStart;
        if (digits == 0 || digits > MAX_SEQ_DIGITS || (digits > 1 && line.charAt(seqStart) == '0')
                || !line.startsWith(DATA, seqEnd)) {
            return null;
        }
        int dataStart = seqEnd + DATA.length();
        int dataEnd = line.length() - END.length();
        if (dataEnd < dataStart) {
            return null;
        }
        for (int i = dataStart; i < dataEnd; i++) {
            if (!isBase64Char(line.charAt(i))) {
                return null;
            }
        }
        long seq = Long.parseLong(line, seqStart, seqEnd, 10);
        if (seq < 1) {
            return null; // the record refuses it; the general way says so properly
        }
        return new FileChunk(line.substring(tidStart, tidEnd), seq, line.substring(dataStart, dataEnd));
    }

    /** The canonical line for a chunk, or {@code null} when its fields need the general writer's escaping. */
    static String write(FileChunk chunk) {
        String tid = chunk.tid();
        String data = chunk.data();
        if (tid.isEmpty() || tid.length() > Protocol.MAX_TRANSFER_ID_LENGTH || !tid.chars().allMatch(c ->
                isIdChar((char) c)) || !data.chars().allMatch(c -> isBase64Char((char) c))) {
            return null;
        }
        return new StringBuilder(PREFIX.length() + tid.length() + SEQ.length() + 20 + DATA.length() + data.length()
                + END.length()).append(PREFIX).append(tid).append(SEQ).append(chunk.seq()).append(DATA)
                .append(data).append(END).toString();
    }

    /** What transfer ids are made of: a client's letters, digits, '-' and '_', and the dot of a server's. */
    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.';
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }
}
