package chatroom.transport.tcp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundPipeTest {
    /** A socket as the loop sees it: each read gives the next chunk, or -1 or an error once they are used up. */
    private static final class Chunks implements ReadableByteChannel {
        private final Queue<byte[]> chunks = new ArrayDeque<>();
        private IOException failure;
        private boolean atEnd;

        Chunks add(String text) {
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            byte[] next = chunks.peek();
            if (next == null) {
                if (failure != null) {
                    throw failure;
                }
                return atEnd ? -1 : 0;
            }
            int count = Math.min(next.length, target.remaining());
            target.put(next, 0, count);
            chunks.poll();
            if (count < next.length) {
                ((ArrayDeque<byte[]>) chunks).addFirst(Arrays.copyOfRange(next, count, next.length));
            }
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final AtomicInteger resumes = new AtomicInteger();

    private static String readAll(InboundPipe pipe) throws IOException {
        return new String(pipe.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void whatTheLoopReadsComesOutInOrderAndThenTheEnd() throws IOException {
        InboundPipe pipe = new InboundPipe(64, resumes::incrementAndGet);
        Chunks socket = new Chunks().add("hello ").add("world\n");
        assertTrue(pipe.readFrom(socket));
        assertTrue(pipe.readFrom(socket));
        socket.atEnd = true;
        assertFalse(pipe.readFrom(socket), "nothing more to read at the end of the stream");
        assertEquals("hello world\n", readAll(pipe));
        assertEquals(-1, pipe.read());
    }

    @Test
    void aFullPipeStopsTheLoopUntilTheReaderHasTakenHalf() throws IOException {
        InboundPipe pipe = new InboundPipe(8, resumes::incrementAndGet);
        Chunks socket = new Chunks().add("0123456789ab");
        assertFalse(pipe.readFrom(socket), "eight bytes fill it: stop reading the socket");
        byte[] three = new byte[3];
        assertEquals(3, pipe.read(three, 0, 3));
        assertEquals(0, resumes.get(), "five still wait: more than half");
        assertEquals(1, pipe.read(three, 0, 1));
        assertEquals(1, resumes.get(), "half taken: the loop may read again");
        assertFalse(pipe.readFrom(socket), "the four bytes left fill it again");
        byte[] rest = new byte[8];
        assertEquals(8, pipe.read(rest, 0, 8));
        assertArrayEquals("456789ab".getBytes(StandardCharsets.UTF_8), rest);
    }

    @Test
    void aReadErrorReachesTheReaderAfterWhatCameBeforeIt() throws IOException {
        InboundPipe pipe = new InboundPipe(64, resumes::incrementAndGet);
        Chunks socket = new Chunks().add("last words");
        socket.failure = new IOException("Connection reset");
        assertTrue(pipe.readFrom(socket));
        assertFalse(pipe.readFrom(socket));
        byte[] words = new byte[10];
        assertEquals(10, pipe.read(words, 0, 10));
        IOException thrown = assertThrows(IOException.class, pipe::read);
        assertEquals("Connection reset", thrown.getMessage());
    }

    @Test
    void aDrainerIsStartedOnlyWhenBytesOrTheEndArriveAndNoneRuns() throws IOException {
        InboundPipe pipe = new InboundPipe(64, resumes::incrementAndGet);
        AtomicInteger started = new AtomicInteger();
        pipe.drainWith(started::incrementAndGet);
        Chunks socket = new Chunks().add("one\n");

        assertTrue(pipe.readFrom(socket));
        assertEquals(0, started.get(), "the first drainer runs from the start: no second one");
        assertFalse(pipe.park(), "bytes wait: the drainer goes on");
        assertEquals("one\n", new String(pipe.readNBytes(pipe.available()), StandardCharsets.UTF_8));
        assertTrue(pipe.park(), "nothing left: the drainer stops");
        assertTrue(pipe.readFrom(socket), "a socket with nothing for now");
        assertEquals(0, started.get(), "no bytes came: no drainer");

        socket.add("two\n").add("three\n");
        pipe.readFrom(socket);
        pipe.readFrom(socket);
        assertEquals(1, started.get(), "one drainer for both reads");
        assertEquals(10, pipe.available());
        pipe.readNBytes(10);
        assertTrue(pipe.park());
        assertFalse(pipe.finished());

        pipe.end();
        assertEquals(2, started.get(), "the end starts a drainer too, to close the connection");
        assertTrue(pipe.finished());
        assertFalse(pipe.park(), "at the end the drainer does not wait for more");
    }

    @Test
    void closingWakesAReaderThatWaits() throws Exception {
        InboundPipe pipe = new InboundPipe(64, resumes::incrementAndGet);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertFalse(read.isDone(), "nothing to read yet: it waits");
        pipe.end();
        assertEquals(-1, read.get(5, TimeUnit.SECONDS));
        assertFalse(pipe.readFrom(new Chunks().add("too late")), "a closed pipe reads nothing more");
    }
}
