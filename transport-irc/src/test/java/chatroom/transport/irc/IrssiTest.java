package chatroom.transport.irc;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatService;
import chatroom.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real IRC client, Debian's irssi, driven in tmux as a person would: it logs in, reads what was said before it
 * came, talks with one of our own clients and hears the answer. Skipped where irssi or tmux is missing, except in
 * CI, which installs them.
 */
class IrssiTest {
    @TempDir
    Path dir;

    private final String tmuxSocket = "irssi-test-" + ProcessHandle.current().pid();
    private IrcServerUnderTest server;
    private IrcServerUnderTest.Ours bob;

    @AfterEach
    void stop() throws Exception {
        run("tmux", "-L", tmuxSocket, "kill-server");
        if (bob != null) {
            bob.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static boolean installed(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    private String screen() throws IOException, InterruptedException {
        return run("tmux", "-L", tmuxSocket, "capture-pane", "-p", "-t", "irssi");
    }

    /** Waits until irssi's screen shows the text; fails with the screen after 20 s. */
    private void awaitScreen(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String shown = "";
        while (System.nanoTime() < deadline) {
            shown = screen();
            if (shown.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("irssi never showed '" + text + "'; its screen:\n" + shown);
    }

    private void type(String line) throws IOException, InterruptedException {
        run("tmux", "-L", tmuxSocket, "send-keys", "-t", "irssi", "-l", line);
        run("tmux", "-L", tmuxSocket, "send-keys", "-t", "irssi", "Enter");
    }

    @Test
    void irssiReadsHistoryAndTalksWithOneOfOurClients() throws Exception {
        boolean ci = System.getenv("CI") != null;
        boolean present = installed("irssi") && installed("tmux");
        if (!present && ci) {
            fail("CI installs irssi and tmux (.ci/run); they are missing");
        }
        Assumptions.assumeTrue(present, "irssi and tmux are not installed");
        server = new IrcServerUnderTest(ServerConfig.defaults(dir.resolve("data")).withHashIterations(1_000));
        bob = server.ours("bob");
        ChatService says = bob.service();
        says.sayIn("#lobby", "said before amy came");

        Path home = Files.createDirectories(dir.resolve("irssi"));
        run("tmux", "-L", tmuxSocket, "new-session", "-d", "-s", "irssi", "-x", "160", "-y", "40",
                "irssi --home=" + home + " -n amy -c 127.0.0.1 -p " + server.ircPort() + " -w pw-amy-1");
        awaitScreen("Welcome to the chatroom IRC network, amy");
        type("/window 2");
        awaitScreen("said before amy came");
        says.sayIn("#lobby", "hello irssi");
        awaitScreen("hello irssi");
        type("hi bob, from irssi");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ChatMessage fromAmy = null;
        while (fromAmy == null && System.nanoTime() < deadline) {
            ServerMessage message = bob.received().poll(100, TimeUnit.MILLISECONDS);
            if (message instanceof ChatMessage said && said.from().equals("amy")) {
                fromAmy = said;
            }
        }
        assertTrue(fromAmy != null, "bob never heard amy; irssi shows:\n" + screen());
        assertEquals(List.of("#lobby", "hi bob, from irssi"), List.of(fromAmy.room(), fromAmy.text()));
        type("/quit");
    }
}
