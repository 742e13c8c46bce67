package chatroom.bench;

import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Tell;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offline delivery of private messages: an account logs out, another sends it {@code count} private messages, and
 * it logs in again. Measures the time from its {@code logged_in} (after the password check) to the last waiting
 * message, and checks that every one came once, in order, marked as having waited.
 */
record OfflineProbe(InetSocketAddress server, int count, String prefix) {
    /** What the probe measured. */
    record Result(int count, double afterLoginMillis, double fromLoginLineMillis, long received, boolean inOrder) {
        String summary() {
            return String.format(Locale.ROOT, "offline: %d private messages waited; delivered %.1f ms after"
                    + " logged_in (%.1f ms from the login line, password check included): received=%d/%d in order=%s",
                    count, afterLoginMillis, fromLoginLineMillis, received, count, inOrder);
        }

        boolean complete() {
            return received == count && inOrder;
        }
    }

    Result run() throws IOException {
        String recipient = prefix + "away";
        String sender = prefix + "writer";
        String password = "bench-" + prefix;
        try (ProbeLine first = new ProbeLine(server)) {
            first.logIn(new Login(recipient, password));
            first.send(new Logout());
            try {
                while (true) {
                    first.readLine();
                }
            } catch (IOException goodbye) {
                // The server said goodbye: the account is offline.
            }
        }
        try (ProbeLine writer = new ProbeLine(server)) {
            writer.logIn(new Login(sender, password));
            for (int i = 0; i < count; i++) {
                writer.send(new Tell(recipient, "waiting " + i));
            }
            int echoed = 0;
            while (echoed < count) {
                if (writer.next() instanceof PrivateMessage echo && echo.isOffline()) {
                    echoed++;
                }
            }
        }
        try (ProbeLine back = new ProbeLine(server)) {
            back.hello();
            long start = System.nanoTime();
            back.send(new Login(recipient, password));
            long loggedIn = 0;
            List<PrivateMessage> waited = new ArrayList<>();
            while (waited.size() < count) {
                String line = back.readLine();
                if (line.startsWith("{\"type\":\"logged_in\"")) {
                    loggedIn = System.nanoTime();
                } else if (line.startsWith("{\"type\":\"private\"")
                        && ProbeLine.decode(line) instanceof PrivateMessage message && message.isAway()) {
                    waited.add(message);
                }
            }
            long end = System.nanoTime();
            boolean inOrder = true;
            for (int i = 0; i < waited.size(); i++) {
                inOrder &= waited.get(i).text().equals("waiting " + i) && waited.get(i).id() == i + 1;
            }
            return new Result(count, (end - loggedIn) / 1e6, (end - start) / 1e6, waited.size(), inOrder);
        }
    }
}
