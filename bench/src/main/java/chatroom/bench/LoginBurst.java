package chatroom.bench;

import chatroom.api.message.Login;
import chatroom.api.message.Protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many password logins at once (each creating an account, so each costs a full password hash on the server). They
 * run on platform threads of their own: virtual threads would share the carriers of an in-process server's
 * connection threads, and the bench would then measure its own scheduling.
 */
final class LoginBurst {
    private static final int CONCURRENCY = 200;

    private final ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY,
            Thread.ofPlatform().name("bench-login-", 0).daemon().factory());
    private final AtomicInteger completed = new AtomicInteger();
    private final long start = System.nanoTime();
    private volatile long lastCompletion = start;

    private LoginBurst() {
    }

    static LoginBurst start(InetSocketAddress server, int count, String prefix) {
        LoginBurst burst = new LoginBurst();
        for (int i = 0; i < count; i++) {
            String name = prefix + "p" + i;
            burst.threads.execute(() -> burst.login(server, name));
        }
        return burst;
    }

    private void login(InetSocketAddress server, String name) {
        try (Socket socket = new Socket()) {
            socket.connect(server, 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(Handshake.lines(Protocol.VERSION, new Login(name, "pw-" + name)));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("{\"type\":\"logged_in\"")) {
                    completed.incrementAndGet();
                    lastCompletion = System.nanoTime();
                    return;
                }
                if (line.startsWith("{\"type\":\"error\"")) {
                    return;
                }
            }
        } catch (IOException e) {
            // Counted as not completed.
        }
    }

    int completed() {
        return completed.get();
    }

    /** From the start of the burst to the last login that completed. */
    double seconds() {
        return (lastCompletion - start) / 1e9;
    }

    void stop() {
        threads.shutdownNow();
    }
}
