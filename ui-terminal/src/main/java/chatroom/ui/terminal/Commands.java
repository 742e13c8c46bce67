package chatroom.ui.terminal;

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
            "  /msg NAME TEXT    say TEXT to NAME only",
            "  /nick NAME        change your name",
            "  /history [N]      show N older messages (" + DEFAULT_HISTORY + " if not given)",
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
            case "/history" -> history(rest);
            default -> new Command.Mistake("Unknown command " + echo(wordAndRest[0])
                    + "; type /help for the list.");
        };
    }

    private static Command tell(String rest) {
        String[] toAndText = rest.split("\\s+", 2);
        if (toAndText.length < 2 || toAndText[0].isEmpty() || toAndText[1].isBlank()) {
            return new Command.Mistake("Usage: /msg NAME TEXT");
        }
        return new Command.Tell(toAndText[0], toAndText[1]);
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

    private static String echo(String word) {
        String safe = SafeText.of(word);
        return safe.codePointCount(0, safe.length()) <= MAX_ECHO
                ? safe : safe.substring(0, safe.offsetByCodePoints(0, MAX_ECHO)) + "…";
    }
}
