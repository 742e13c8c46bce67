package chatroom.api.console;

import chatroom.api.message.Member;
import chatroom.api.message.RoomInfo;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.RoomReport;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The server operator's commands, one line each, shared by every console: the text console on standard input and
 * the window both run the lines typed into them here, so a command means the same in each.
 */
public final class OperatorCommands {
    /** What {@code /help} shows. */
    public static final String HELP = """
            Commands:
              /who                 who is online, with addresses
              /kick NAME [REASON]  disconnect someone
              /ban NAME            ban an account from the server (it is disconnected); /unban NAME lifts it
              /rooms               the rooms: members, online, topic
              /room #ROOM          a room's members, roles and bans
              /kick #ROOM NAME [REASON]  put someone out of a room (they may join again)
              /ban #ROOM NAME      ban an account from a room; /unban #ROOM NAME lifts it
              /close #ROOM         delete a room with all its history
              /forget NAME         delete every private message to or from an account
              /say TEXT            announce something to everyone
              /stats               connections, messages, uptime
              /shutdown            tell everyone, close and exit
              /help                this list""";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerControl server;
    private final Consumer<String> out;
    private final ZoneId zone;

    /**
     * @param out  receives the answer to each command, a line at a time
     * @param zone the operator's time zone, for the times shown
     */
    public OperatorCommands(ServerControl server, Consumer<String> out, ZoneId zone) {
        this.server = server;
        this.out = out;
        this.zone = zone;
    }

    /** Runs one command line; returns whether the console should keep reading ({@code false} after /shutdown). */
    public boolean execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        String[] words = trimmed.split("\\s+", 2);
        String argument = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "/who" -> who();
            case "/kick" -> kick(argument);
            case "/ban", "/unban" -> ban(argument, words[0].equals("/ban"));
            case "/rooms" -> rooms();
            case "/room" -> room(argument);
            case "/close" -> close(argument);
            case "/forget" -> {
                if (argument.isBlank() || argument.strip().contains(" ")) {
                    out.accept("Usage: /forget NAME");
                } else {
                    report(server.deletePrivateMessages(argument.strip()), "Deleted the private messages of "
                            + argument.strip() + ".");
                }
            }
            case "/say" -> say(argument);
            case "/stats" -> stats();
            case "/shutdown" -> {
                out.accept("Shutting down.");
                server.shutdown();
                return false;
            }
            case "/help" -> HELP.lines().forEach(out);
            default -> out.accept("Unknown command '" + words[0] + "'. Type /help for the list.");
        }
        return true;
    }

    private void who() {
        List<OnlineUser> users = server.online();
        out.accept(users.size() + " online");
        for (OnlineUser user : users) {
            String account = user.account().equals(user.name()) ? "" : " (account " + user.account() + ")";
            out.accept("  " + user.name() + account + "  " + user.address() + "  since "
                    + TIME.format(user.since().atZone(zone)));
        }
    }

    private void kick(String argument) {
        if (argument.isBlank()) {
            out.accept("Usage: /kick NAME [REASON] or /kick #ROOM NAME [REASON]");
            return;
        }
        if (argument.startsWith("#")) {
            String[] parts = argument.split("\\s+", 3);
            if (parts.length < 2) {
                out.accept("Usage: /kick #ROOM NAME [REASON]");
                return;
            }
            report(server.kickFromRoom(parts[0], parts[1], parts.length > 2 ? parts[2] : null),
                    "Put " + parts[1] + " out of " + parts[0] + ".");
            return;
        }
        String[] parts = argument.split("\\s+", 2);
        String reason = parts.length > 1 ? parts[1] : "";
        out.accept(server.kick(parts[0], reason) ? "Kicked " + parts[0] + "." : parts[0] + " is not online.");
    }

    private void ban(String argument, boolean ban) {
        String command = ban ? "/ban" : "/unban";
        String[] parts = argument.isBlank() ? new String[0] : argument.strip().split("\\s+");
        if (parts.length == 1 && !parts[0].startsWith("#")) {
            report(server.banFromServer(parts[0], ban), (ban ? "Banned " : "Lifted the ban on ") + parts[0]
                    + (ban ? " from the server." : "."));
        } else if (parts.length == 2 && parts[0].startsWith("#")) {
            report(server.banFromRoom(parts[0], parts[1], ban), (ban ? "Banned " : "Lifted the ban on ") + parts[1]
                    + (ban ? " from " : " in ") + parts[0] + ".");
        } else {
            out.accept("Usage: " + command + " NAME or " + command + " #ROOM NAME");
        }
    }

    private void rooms() {
        List<RoomInfo> rooms = server.rooms();
        out.accept(rooms.size() + (rooms.size() == 1 ? " room" : " rooms"));
        for (RoomInfo room : rooms) {
            out.accept("  " + room.name() + "  " + members(room.members()) + ", " + room.online() + " online"
                    + (Boolean.TRUE.equals(room.inviteOnly()) ? ", invite-only" : "")
                    + (room.topic() == null ? "" : "  " + room.topic()));
        }
    }

    private void room(String name) {
        if (!name.strip().startsWith("#")) {
            out.accept("Usage: /room #ROOM");
            return;
        }
        Optional<RoomReport> found = server.room(name.strip());
        if (found.isEmpty()) {
            out.accept("There is no room called '" + name.strip() + "'.");
            return;
        }
        RoomReport report = found.get();
        RoomInfo room = report.room();
        out.accept(room.name() + ": " + members(room.members()) + ", " + room.online() + " online"
                + (Boolean.TRUE.equals(room.inviteOnly()) ? ", invite-only" : "")
                + (Boolean.FALSE.equals(room.topicLocked()) ? ", topic open to all" : ""));
        out.accept("  topic: " + (room.topic() == null ? "(none)" : room.topic()));
        for (Member member : report.members()) {
            out.accept("  " + member.name() + (member.role() == null || member.role().equals("member") ? ""
                    : " (" + member.role() + ")") + (Boolean.TRUE.equals(member.online()) ? "  online" : ""));
        }
        out.accept("  banned: " + (report.bans().isEmpty() ? "no one" : String.join(", ", report.bans())));
    }

    private void close(String name) {
        if (!name.strip().startsWith("#") || name.strip().contains(" ")) {
            out.accept("Usage: /close #ROOM");
            return;
        }
        report(server.closeRoom(name.strip()), "Closed " + name.strip() + ".");
    }

    private static String members(int count) {
        return count + (count == 1 ? " member" : " members");
    }

    /** The refusal the server gave, or what was done. */
    private void report(Optional<String> refusal, String done) {
        out.accept(refusal.orElse(done));
    }

    private void say(String text) {
        if (text.isBlank()) {
            out.accept("Usage: /say TEXT");
            return;
        }
        server.announce(text);
    }

    private void stats() {
        ServerStatus status = server.status();
        out.accept("connections " + status.connections() + ", online " + status.online() + ", rooms "
                + status.rooms() + ", messages "
                + status.messages() + ", uptime " + format(status.uptime()));
    }

    /** Uptime as the text console has always shown it: {@code 1d 02:03:04}. */
    static String format(Duration uptime) {
        long seconds = uptime.toSeconds();
        return String.format("%dd %02d:%02d:%02d", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }
}
