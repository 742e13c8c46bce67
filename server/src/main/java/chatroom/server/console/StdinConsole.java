package chatroom.server.console;

import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The operator's commands, one line each, as typed on the server's standard input. */
public final class StdinConsole {
    static final String HELP = """
            Commands:
              /who                 who is online, with addresses
              /kick NAME [REASON]  disconnect someone
              /say TEXT            announce something to everyone
              /stats               connections, messages, uptime
              /shutdown            tell everyone, close and exit
              /help                this list""";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerControl server;
    private final PrintStream out;
    private final ZoneId zone;

    StdinConsole(ServerControl server, PrintStream out, ZoneId zone) {
        this.server = server;
        this.out = out;
        this.zone = zone;
    }

    /** Runs one command line; returns whether the console should keep reading. */
    boolean execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        String[] words = trimmed.split("\\s+", 2);
        String argument = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "/who" -> who();
            case "/kick" -> kick(argument);
            case "/say" -> say(argument);
            case "/stats" -> stats();
            case "/shutdown" -> {
                out.println("Shutting down.");
                server.shutdown();
                return false;
            }
            case "/help" -> out.println(HELP);
            default -> out.println("Unknown command '" + words[0] + "'. Type /help for the list.");
        }
        return true;
    }

    private void who() {
        List<OnlineUser> users = server.online();
        out.println(users.size() + " online");
        for (OnlineUser user : users) {
            String account = user.account().equals(user.name()) ? "" : " (account " + user.account() + ")";
            out.println("  " + user.name() + account + "  " + user.address() + "  since "
                    + TIME.format(user.since().atZone(zone)));
        }
    }

    private void kick(String argument) {
        if (argument.isBlank()) {
            out.println("Usage: /kick NAME [REASON]");
            return;
        }
        String[] parts = argument.split("\\s+", 2);
        String reason = parts.length > 1 ? parts[1] : "";
        out.println(server.kick(parts[0], reason) ? "Kicked " + parts[0] + "." : parts[0] + " is not online.");
    }

    private void say(String text) {
        if (text.isBlank()) {
            out.println("Usage: /say TEXT");
            return;
        }
        server.announce(text);
    }

    private void stats() {
        ServerStatus status = server.status();
        out.println("connections " + status.connections() + ", online " + status.online() + ", messages "
                + status.messages() + ", uptime " + format(status.uptime()));
    }

    static String format(Duration uptime) {
        long seconds = uptime.toSeconds();
        return String.format("%dd %02d:%02d:%02d", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }
}
