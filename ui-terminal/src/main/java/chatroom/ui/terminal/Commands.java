package chatroom.ui.terminal;

import chatroom.api.rules.Roles;

import java.util.List;
import java.util.Locale;

/**
 * The slash commands people type. A line starting with {@code /} is a command ({@code //} starts a message that
 * begins with a slash); a blank line is nothing; anything else is said to the room.
 */
final class Commands {
    static final int DEFAULT_HISTORY = 20;

    static final List<String> HELP = List.of(
            "Commands:",
            "  /who              who is online",
            "  /msg NAME TEXT    say TEXT to NAME only (an account of that name if no one online has it)",
            "  /query NAME       write to NAME privately from now on; /history pages your conversation",
            "  /nick NAME        change your name",
            "  /history [N]      show N older messages (" + DEFAULT_HISTORY + " if not given)",
            "  /unread           the rooms and private conversations with messages you have not read",
            "  /send PATH        send a file to everyone (quote a PATH with spaces: \"my file.pdf\")",
            "  /send PATH NAME   send a file to NAME only",
            "  /cancel [N]       stop sending or receiving file [N] (the newest if not given)",
            "  /join #ROOM       join a room (it is made if it does not exist)",
            "  /part [#ROOM] [REASON]  leave a room (the current one if not given)",
            "  /rooms [FILTER]   list the rooms",
            "  /topic [TEXT]     show or set the current room's topic",
            "  /topiclock on|off let only the owner and operators set the topic, or every member",
            "  /op NAME, /deop NAME  make NAME an operator of the current room, or a member again",
            "  /owner NAME       hand the current room over to NAME (you stay an operator)",
            "  /kick NAME [REASON]  put NAME out of the current room (they may come back)",
            "  /inviteonly on|off  let only those invited join the current room, or anyone",
            "  /invite NAME      invite an account to the current room (for a day)",
            "  /delete #ROOM     delete a room you own with all its history (asks first)",
            "  /serverban NAME, /serverunban NAME  server operators: ban an account from the server, or lift it",
            "  /ban NAME, /unban NAME  ban an account from the current room, or lift the ban; /bans lists them",
            "  /switch #ROOM     write in that room from now on; /1 … /9 (Alt+1 … 9) switch by number",
            "  /quit             leave",
            "  /help             this list",
            "Anything else is said to everyone; start it with // to say something that begins with /.");

    // A mistyped command is echoed in the error; this much of it is enough to recognise.
    private static final int MAX_ECHO = 32;

    private Commands() {
    }

    static Command parse(String line) {
        if (line.isBlank()) {
            return new Command.Nothing();
        }
        String command = line.strip();
        if (!command.startsWith("/")) {
            return new Command.Say(line);
        }
        if (command.startsWith("//")) {
            return new Command.Say(command.substring(1));
        }
        String[] wordAndRest = command.split("\\s+", 2);
        String word = wordAndRest[0].toLowerCase(Locale.ROOT);
        String rest = wordAndRest.length > 1 ? wordAndRest[1].strip() : "";
        return switch (word) {
            case "/who" -> new Command.Who();
            case "/quit" -> new Command.Quit();
            case "/help" -> new Command.Help();
            case "/nick" -> rest.isEmpty() ? new Command.Mistake("Usage: /nick NAME") : new Command.Rename(rest);
            case "/msg" -> tell(rest);
            case "/unread" -> new Command.Unread();
            case "/query" -> rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: /query NAME")
                    : new Command.Query(rest);
            case "/history" -> history(rest);
            case "/send" -> sendFile(rest);
            case "/cancel" -> cancel(rest);
            case "/join" -> rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: /join #ROOM")
                    : new Command.Join(rest);
            case "/part", "/leave" -> part(rest);
            case "/rooms" -> new Command.Rooms(rest.isEmpty() ? null : rest);
            case "/topic" -> new Command.Topic(rest.isEmpty() ? null : rest);
            case "/topiclock" -> switch (rest.toLowerCase(Locale.ROOT)) {
                case "on" -> new Command.TopicLock(true);
                case "off" -> new Command.TopicLock(false);
                default -> new Command.Mistake("Usage: /topiclock on|off");
            };
            case "/op" -> role(word, rest, Roles.OPERATOR);
            case "/deop" -> role(word, rest, Roles.MEMBER);
            case "/owner" -> role(word, rest, Roles.OWNER);
            case "/kick" -> kick(rest);
            case "/inviteonly" -> switch (rest.toLowerCase(Locale.ROOT)) {
                case "on" -> new Command.InviteOnly(true);
                case "off" -> new Command.InviteOnly(false);
                default -> new Command.Mistake("Usage: /inviteonly on|off");
            };
            case "/invite" -> rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: /invite NAME")
                    : new Command.Invite(rest);
            case "/ban", "/unban" -> rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: " + word
                    + " NAME") : new Command.Ban(rest, word.equals("/ban"));
            case "/bans" -> new Command.Bans();
            case "/delete" -> delete(rest);
            case "/serverban", "/serverunban" -> rest.isEmpty() || rest.contains(" ")
                    ? new Command.Mistake("Usage: " + word + " NAME")
                    : new Command.ServerBan(rest, word.equals("/serverban"));
            case "/switch" -> rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: /switch #ROOM")
                    : new Command.Switch(rest, 0);
            case "/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9" -> new Command.Switch(null,
                    word.charAt(1) - '0');
            default -> new Command.Mistake("Unknown command " + echo(wordAndRest[0])
                    + "; type /help for the list.");
        };
    }

    /** {@code #ROOM [yes]}: the room named in full, so that no one deletes the current room by a slip. */
    private static Command delete(String rest) {
        String[] roomAndYes = rest.split("\\s+");
        if (!roomAndYes[0].startsWith("#") || roomAndYes.length > 2
                || roomAndYes.length == 2 && !roomAndYes[1].equalsIgnoreCase("yes")) {
            return new Command.Mistake("Usage: /delete #ROOM");
        }
        return new Command.Delete(roomAndYes[0], roomAndYes.length == 2);
    }

    private static Command kick(String rest) {
        String[] nameAndReason = rest.split("\\s+", 2);
        if (nameAndReason[0].isEmpty()) {
            return new Command.Mistake("Usage: /kick NAME [REASON]");
        }
        return new Command.Kick(nameAndReason[0], nameAndReason.length > 1 ? nameAndReason[1] : null);
    }

    private static Command role(String word, String rest, String role) {
        return rest.isEmpty() || rest.contains(" ") ? new Command.Mistake("Usage: " + word + " NAME")
                : new Command.SetRole(rest, role);
    }

    private static Command tell(String rest) {
        String[] toAndText = rest.split("\\s+", 2);
        if (toAndText.length < 2 || toAndText[0].isEmpty() || toAndText[1].isBlank()) {
            return new Command.Mistake("Usage: /msg NAME TEXT");
        }
        return new Command.Tell(toAndText[0], toAndText[1]);
    }

    /** {@code [#ROOM] [REASON]}: a first word starting with {@code #} names the room. */
    private static Command part(String rest) {
        if (rest.startsWith("#")) {
            String[] roomAndReason = rest.split("\\s+", 2);
            return new Command.Part(roomAndReason[0], roomAndReason.length > 1 ? roomAndReason[1] : null);
        }
        return new Command.Part(null, rest.isEmpty() ? null : rest);
    }

    private static Command history(String rest) {
        if (rest.isEmpty()) {
            return new Command.History(DEFAULT_HISTORY);
        }
        try {
            int limit = Integer.parseInt(rest);
            if (limit > 0) {
                return new Command.History(limit);
            }
        } catch (NumberFormatException e) {
            // Falls through to the usage line.
        }
        return new Command.Mistake("Usage: /history [N], N a number of messages above 0");
    }

    /** {@code PATH [NAME]}, where a PATH with spaces is written in double quotes. */
    private static Command sendFile(String rest) {
        String usage = "Usage: /send PATH [NAME]; put a PATH with spaces in double quotes";
        String path;
        String after;
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            if (close < 0) {
                return new Command.Mistake(usage);
            }
            path = rest.substring(1, close);
            after = rest.substring(close + 1).strip();
        } else {
            String[] pathAndRest = rest.split("\\s+", 2);
            path = pathAndRest[0];
            after = pathAndRest.length > 1 ? pathAndRest[1].strip() : "";
        }
        if (path.isBlank() || after.contains(" ") || after.contains("\t") || after.startsWith("\"")) {
            return new Command.Mistake(usage);
        }
        return new Command.SendFile(path, after.isEmpty() ? null : after);
    }

    private static Command cancel(String rest) {
        if (rest.isEmpty()) {
            return new Command.Cancel(0);
        }
        try {
            int number = Integer.parseInt(rest.startsWith("[") && rest.endsWith("]")
                    ? rest.substring(1, rest.length() - 1) : rest);
            if (number > 0) {
                return new Command.Cancel(number);
            }
        } catch (NumberFormatException e) {
            // Falls through to the usage line.
        }
        return new Command.Mistake("Usage: /cancel [N], N the number shown in front of a file");
    }

    private static String echo(String word) {
        String safe = SafeText.of(word);
        return safe.codePointCount(0, safe.length()) <= MAX_ECHO
                ? safe : safe.substring(0, safe.offsetByCodePoints(0, MAX_ECHO)) + "…";
    }
}
