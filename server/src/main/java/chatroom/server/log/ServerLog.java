package chatroom.server.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The operator's log: one line per connect, login, failed login, kick and disconnect, to stderr and subscribers. */
public final class ServerLog {
    private final PrintStream err;
    private final Clock clock;
    private final CopyOnWriteArrayList<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    public ServerLog(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
    }

    public void info(String event) {
        String line = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + event;
        err.println(line);
        for (Consumer<String> subscriber : subscribers) {
            try {
                subscriber.accept(line);
            } catch (RuntimeException e) {
                subscribers.remove(subscriber); // a broken console must not break logging for the others
            }
        }
    }

    public AutoCloseable subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
