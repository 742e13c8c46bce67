package chatroom.ui.terminal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Standard input that a test types into while the code under test reads it; reads block like a terminal's. */
final class TypedInput extends InputStream {
    private static final int END = -1;

    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private boolean ended;

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xFF);
        }
    }

    void end() {
        bytes.add(END);
    }

    @Override
    public int read() {
        if (ended) {
            return END;
        }
        try {
            int b = bytes.take();
            ended = b == END;
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int first = read();
        if (first == END) {
            return END;
        }
        buffer[offset] = (byte) first;
        int count = 1;
        // Like a terminal: whatever is there already, without waiting for more.
        while (count < length && !bytes.isEmpty() && bytes.peek() != END) {
            buffer[offset + count++] = (byte) (int) bytes.poll();
        }
        return count;
    }
}
