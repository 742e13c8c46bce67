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
    void roomCommands() {
        assertEquals(new Command.Join("#ops"), Commands.parse("/join #ops"));
        assertEquals(new Command.Mistake("Usage: /join #ROOM"), Commands.parse("/join"));
        assertEquals(new Command.Part(null, null), Commands.parse("/part"));
        assertEquals(new Command.Part("#ops", "lunch time"), Commands.parse("/part #ops lunch time"));
        assertEquals(new Command.Part(null, "done here"), Commands.parse("/leave done here"));
        assertEquals(new Command.Rooms(null), Commands.parse("/rooms"));
        assertEquals(new Command.Rooms("op"), Commands.parse("/rooms op"));
        assertEquals(new Command.Topic(null), Commands.parse("/topic"));
        assertEquals(new Command.Topic("Deploys only"), Commands.parse("/topic Deploys only"));
        assertEquals(new Command.Switch("#ops", 0), Commands.parse("/switch #ops"));
        assertEquals(new Command.SetRole("bob", "operator"), Commands.parse("/op bob"));
        assertEquals(new Command.SetRole("bob", "member"), Commands.parse("/deop bob"));
        assertEquals(new Command.SetRole("carol", "owner"), Commands.parse("/owner carol"));
        assertEquals(new Command.Mistake("Usage: /op NAME"), Commands.parse("/op"));
        assertEquals(new Command.Mistake("Usage: /deop NAME"), Commands.parse("/deop bob carol"));
        assertEquals(new Command.TopicLock(false), Commands.parse("/topiclock OFF"));
        assertEquals(new Command.Kick("carol", null), Commands.parse("/kick carol"));
        assertEquals(new Command.Kick("carol", "too loud, again"), Commands.parse("/kick carol too loud, again"));
        assertEquals(new Command.Mistake("Usage: /kick NAME [REASON]"), Commands.parse("/kick"));
        assertEquals(new Command.Ban("carol", true), Commands.parse("/ban carol"));
        assertEquals(new Command.Ban("carol", false), Commands.parse("/unban carol"));
        assertEquals(new Command.Mistake("Usage: /unban NAME"), Commands.parse("/unban"));
        assertEquals(new Command.Bans(), Commands.parse("/bans"));
        assertEquals(new Command.InviteOnly(true), Commands.parse("/inviteonly on"));
        assertEquals(new Command.Mistake("Usage: /inviteonly on|off"), Commands.parse("/inviteonly"));
        assertEquals(new Command.Invite("carol"), Commands.parse("/invite carol"));
        assertEquals(new Command.Delete("#ops", false), Commands.parse("/delete #ops"));
        assertEquals(new Command.ServerBan("bob", true), Commands.parse("/serverban bob"));
        assertEquals(new Command.ServerBan("bob", false), Commands.parse("/serverunban bob"));
        assertEquals(new Command.Mistake("Usage: /serverban NAME"), Commands.parse("/serverban"));
        assertEquals(new Command.Delete("#ops", true), Commands.parse("/delete #ops YES"));
        assertEquals(new Command.Mistake("Usage: /delete #ROOM"), Commands.parse("/delete"));
        assertEquals(new Command.Mistake("Usage: /delete #ROOM"), Commands.parse("/delete #ops now"));
        assertEquals(new Command.Mistake("Usage: /invite NAME"), Commands.parse("/invite"));
        assertEquals(new Command.TopicLock(true), Commands.parse("/topiclock on"));
        assertEquals(new Command.Mistake("Usage: /topiclock on|off"), Commands.parse("/topiclock maybe"));
        assertEquals(new Command.Switch(null, 3), Commands.parse("/3"));
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
        assertEquals(new Command.Query("bob"), Commands.parse("/query bob"));
        assertEquals(new Command.Unread(), Commands.parse("/unread"));
        assertEquals(new Command.Mistake("Usage: /query NAME"), Commands.parse("/query"));
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

    @Test
    void sendTakesAPathAndMaybeAName() {
        assertEquals(new Command.SendFile("report.pdf", null), Commands.parse("/send report.pdf"));
        assertEquals(new Command.SendFile("~/photos/cat.jpg", "bob"), Commands.parse("/send ~/photos/cat.jpg  bob"));
        assertEquals(new Command.SendFile("my file.pdf", null), Commands.parse("/send \"my file.pdf\""));
        assertEquals(new Command.SendFile("my file.pdf", "bob"), Commands.parse("/SEND \"my file.pdf\" bob"));
    }

    @Test
    void sendWithoutAPathOrWithLooseSpacesShowsUsage() {
        Command usage = new Command.Mistake("Usage: /send PATH [NAME]; put a PATH with spaces in double quotes");
        assertEquals(usage, Commands.parse("/send"));
        assertEquals(usage, Commands.parse("/send my file.pdf bob"));
        assertEquals(usage, Commands.parse("/send \"my file.pdf"));
        assertEquals(usage, Commands.parse("/send \"\" bob"));
    }

    @Test
    void cancelTakesANumberOrNone() {
        assertEquals(new Command.Cancel(0), Commands.parse("/cancel"));
        assertEquals(new Command.Cancel(3), Commands.parse("/cancel 3"));
        assertEquals(new Command.Cancel(3), Commands.parse("/cancel [3]"));
        Command usage = new Command.Mistake("Usage: /cancel [N], N the number shown in front of a file");
        assertEquals(usage, Commands.parse("/cancel 0"));
        assertEquals(usage, Commands.parse("/cancel all"));
    }
}
