package chatroom.ui.terminal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandsTest {
    @Test
    void plainTextIsSaidAsTyped() {
        assertEquals(new Command.Say("hello  there "), Commands.parse("hello  there "));
    }

    @Test
    void blankLinesAreNothing() {
        assertEquals(new Command.Nothing(), Commands.parse(""));
        assertEquals(new Command.Nothing(), Commands.parse("   \t "));
    }

    @Test
    void doubleSlashSaysASlash() {
        assertEquals(new Command.Say("/shrug"), Commands.parse("//shrug"));
    }

    @Test
    void simpleCommands() {
        assertEquals(new Command.Who(), Commands.parse("/who"));
        assertEquals(new Command.Quit(), Commands.parse("/quit"));
        assertEquals(new Command.Help(), Commands.parse("/help"));
        assertEquals(new Command.Who(), Commands.parse("  /WHO  "));
    }

    @Test
    void msgTakesANameAndTheRestAsText() {
        assertEquals(new Command.Tell("bob", "see you  at 5"), Commands.parse("/msg bob see you  at 5"));
    }

    @Test
    void msgWithoutTextOrNameShowsUsage() {
        assertEquals(new Command.Mistake("Usage: /msg NAME TEXT"), Commands.parse("/msg bob"));
        assertEquals(new Command.Mistake("Usage: /msg NAME TEXT"), Commands.parse("/msg"));
        assertEquals(new Command.Mistake("Usage: /msg NAME TEXT"), Commands.parse("/msg bob    "));
    }

    @Test
    void nick() {
        assertEquals(new Command.Rename("robert"), Commands.parse("/nick robert"));
        assertEquals(new Command.Mistake("Usage: /nick NAME"), Commands.parse("/nick"));
        assertEquals(new Command.Mistake("Usage: /nick NAME"), Commands.parse("/nick   "));
    }

    @Test
    void historyDefaultsToTwenty() {
        assertEquals(new Command.History(20), Commands.parse("/history"));
        assertEquals(new Command.History(5), Commands.parse("/history 5"));
    }

    @Test
    void historyWithABadNumberShowsUsage() {
        Command usage = new Command.Mistake("Usage: /history [N], N a number of messages above 0");
        assertEquals(usage, Commands.parse("/history 0"));
        assertEquals(usage, Commands.parse("/history -3"));
        assertEquals(usage, Commands.parse("/history lots"));
        assertEquals(usage, Commands.parse("/history 99999999999"));
    }

    @Test
    void unknownCommandNamesHelp() {
        assertEquals(new Command.Mistake("Unknown command /dance; type /help for the list."),
                Commands.parse("/dance wildly"));
    }

    @Test
    void unknownCommandIsEchoedSafelyAndShort() {
        Command parsed = Commands.parse("/\u001b[2J" + "x".repeat(100));
        assertEquals(new Command.Mistake("Unknown command /\uFFFD[2J" + "x".repeat(27) + "…; type /help for the list."),
                parsed);
    }
}
