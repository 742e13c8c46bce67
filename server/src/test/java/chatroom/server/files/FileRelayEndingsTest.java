package chatroom.server.files;

import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.FileCancel;
import chatroom.api.message.FileOffer;
import chatroom.api.message.FileOffered;
import chatroom.api.message.Ping;
import chatroom.api.message.Pong;
import chatroom.api.message.Protocol;
import chatroom.api.message.ServerMessage;
import chatroom.server.ServerTestBase;
import chatroom.server.TestClient;
import chatroom.server.TestServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How the file relay ends transfers, as the sender sees it; the transfers themselves: {@code TcpFileTransferTest}. */
class FileRelayEndingsTest extends ServerTestBase {
    @Test
    void theSenderLearnsWhyNobodyIsReceivingAnyMore() {
        start(TestServer.config(dir));
        TestClient alice = server.enter("alice");
        TestClient bob = server.enter("bob");
        alice.send(new FileOffer("t1", "a.bin", 100_000, null));
        bob.await(FileOffered.class);

        bob.drop();

        assertEquals(new FileCancel("t1", FileCancel.DISCONNECTED,
                "Nobody is receiving a.bin any more: bob disconnected."), alice.await(FileCancel.class));
    }

    @Test
    void chunksUnderWayWhenATransferEndsAreNotCharged() {
        start(TestServer.config(dir).withByteRate(100, 400));
        TestClient alice = server.enter("alice");
        server.enter("bob");
        String chunk = "{\"type\":\"file_chunk\",\"tid\":\"t1\",\"seq\":1,\"data\":\""
                + "QUFB".repeat(40) + "\"}";
        alice.send(new FileOffer("t1", "a.bin", 100_000, null));
        alice.send(new FileCancel("t1", null, null));

        // A window of chunks was under way when the cancel went out: three alone would exceed the byte burst.
        for (int i = 0; i < Protocol.FILE_WINDOW; i++) {
            alice.sendRaw(chunk);
        }
        alice.send(new Ping());
        ServerMessage answer;
        while (!((answer = alice.next()) instanceof Pong)) {
            assertFalse(answer instanceof ErrorReply, answer.toString());
        }

        // A late chunk larger than any real one is not late, it is data to no transfer.
        alice.send(new FileOffer("t2", "b.bin", 100_000, null));
        alice.send(new FileCancel("t2", null, null));
        alice.sendRaw(chunk.replace("\"t1\"", "\"t2\"").replace("QUFB".repeat(40),
                "QUFB".repeat(Protocol.FILE_CHUNK_BYTES / 3 + 1)));
        alice.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 100 bytes a second.", null);

        // More than a window is not late, it is sending to no transfer.
        alice.sendRaw(chunk);
        alice.sendRaw(chunk);
        alice.sendRaw(chunk);
        alice.awaitError(ErrorCode.SLOW_DOWN, "Slow down: at most 100 bytes a second.", null);
    }

}
