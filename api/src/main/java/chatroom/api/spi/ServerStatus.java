package chatroom.api.spi;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of the server's counters.
 *
 * @param connections open connections, logged in or not
 * @param online      people logged in
 * @param rooms       rooms on the server
 * @param messages    chat messages handled since start
 * @param uptime      time since start
 * @param addresses   addresses clients can connect to
 */
public record ServerStatus(int connections, int online, int rooms, long messages, Duration uptime,
                           List<String> addresses) {
    public ServerStatus {
        addresses = List.copyOf(addresses);
    }
}
