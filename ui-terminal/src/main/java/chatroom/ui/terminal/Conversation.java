package chatroom.ui.terminal;

import chatroom.api.message.Announcement;
import chatroom.api.message.Bye;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.FileShared;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Left;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Members;
import chatroom.api.message.Renamed;
import chatroom.api.message.ServerMessage;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The chat after login, on the main thread: typed lines become requests to the service, events become lines on the
 * screen, until the user quits (exit code 0) or the connection ends without being asked to (1). It alone keeps the
 * room as this user sees it: their current name, how many are online, the oldest message shown.
 */
final class Conversation {
    // logout() waits for the server's goodbye; the events before it may still be on their way to the inbox.
    private static final long GOODBYE_WAIT_SECONDS = 3;

    private final ChatService service;
    private final Screen screen;
    private final Inbox inbox;
    private final EventFormat format;
    private final Path downloads;
    private final TransferLines transfers;

    private String myName;
    private int online;
    private long oldestId;
    private int historyAsked;
    private boolean byeShown;
    private boolean leaving;
    // Between a reconnect and the end of its replay, which is what was missed rather than history asked for.
    private boolean catchingUp;

    /** @param downloads where received files go, to tell the user */
    Conversation(ChatService service, Screen screen, Inbox inbox, EventFormat format, LoggedIn loggedIn,
                 Path downloads) {
        this.service = service;
        this.screen = screen;
        this.inbox = inbox;
        this.format = format;
        this.downloads = downloads;
        this.transfers = new TransferLines(screen.style(), screen.updatesInPlace());
        this.myName = loggedIn.name();
        this.online = loggedIn.online();
    }

    /** Runs until the end; returns the exit code. */
    int run() throws InterruptedException {
        screen.show(format.loggedIn(myName, online));
        screen.show(format.note("Files you receive are saved in " + SafeText.of(downloads.toString()) + "."));
        showPrompt();
        while (true) {
            switch (inbox.take()) {
                case Happening.Typed typed -> {
                    if (!obey(Commands.parse(typed.line()))) {
                        return leave();
                    }
                }
                case Happening.InputEnded ended -> {
                    return leave();
                }
                case Happening.Received received -> receive(received.message());
                case Happening.Transfer transfer -> transfer(transfer.transfer());
                case Happening.Disconnected disconnected -> {
                    screen.status(null);
                    return lost(disconnected);
                }
                case Happening.Reconnecting reconnecting -> {
                    screen.show(format.reconnecting(reconnecting.attempt(), reconnecting.reason()));
                    screen.prompt("[" + SafeText.of(myName) + " · reconnecting…] > ");
                }
                case Happening.Reconnected reconnected -> {
                    catchingUp = true;
                    screen.show(format.reconnected());
                }
                case Happening.Notice notice -> screen.show(format.notice(notice.text()));
                case Happening.NotSent notSent -> screen.show(format.notSent(notSent.request(), notSent.reason()));
            }
        }
    }

    /** Carries out a command; false when it was {@code /quit}. */
    private boolean obey(Command command) {
        switch (command) {
            case Command.Say say -> service.say(say.text());
            case Command.Tell tell -> service.tell(tell.to(), tell.text());
            case Command.Rename rename -> service.rename(rename.name());
            case Command.Who who -> service.who();
            case Command.History history -> {
                historyAsked++;
                service.history(oldestId, history.limit());
            }
            case Command.SendFile send -> sendFile(send);
            case Command.Cancel cancel -> cancelTransfer(cancel.number());
            case Command.Help help -> {
                Commands.HELP.forEach(line -> screen.show(format.note(line)));
                screen.show(format.note("Files you receive are saved in " + SafeText.of(downloads.toString())
                        + "."));
            }
            case Command.Mistake mistake -> screen.show(format.mistake(mistake.message()));
            case Command.Nothing nothing -> {
            }
            case Command.Quit quit -> {
                return false;
            }
        }
        return true;
    }

    private void sendFile(Command.SendFile send) {
        try {
            service.sendFile(expand(send.path()), send.to());
        } catch (IOException | InvalidPathException e) {
            screen.show(format.mistake("Not sent: " + SafeText.of(e.getMessage())));
        } catch (UnsupportedOperationException e) {
            screen.show(format.mistake("Not sent: this transport cannot carry files."));
        }
    }

    /** A path as people type it in a shell: {@code ~} is the home folder. */
    private static Path expand(String typed) {
        if (typed.equals("~") || typed.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + typed.substring(1));
        }
        return Path.of(typed);
    }

    private void cancelTransfer(int number) {
        transfers.running(number).ifPresentOrElse(service::cancelTransfer, () -> screen.show(format.mistake(
                number == 0 ? "No file is on its way." : "No file [" + number + "] is on its way.")));
    }

    private void transfer(FileTransfer transfer) {
        for (String line : transfers.update(transfer, System.nanoTime())) {
            screen.show(line);
        }
        screen.status(transfers.status());
    }

    private void receive(ServerMessage message) {
        boolean asked = false;
        switch (message) {
            case ChatMessage chat -> shown(chat.id());
            case Announcement announcement -> shown(announcement.id());
            case FileShared shared -> shown(shared.id());
            case Joined joined -> online = joined.online();
            case Left left -> online = left.online();
            case Members members -> online = members.users().size();
            case Renamed renamed -> {
                online = renamed.online();
                if (renamed.from().equals(myName)) {
                    myName = renamed.to();
                }
            }
            case LoggedIn again -> {
                myName = again.name();
                online = again.online();
            }
            case HistoryEnd end when catchingUp -> {
                catchingUp = false;
                screen.show(format.missed(end));
                showPrompt();
                return;
            }
            case HistoryEnd end -> {
                asked = historyAsked > 0;
                if (asked) {
                    historyAsked--;
                }
            }
            case Bye bye -> {
                // Our own logout's goodbye says nothing new.
                if (!(leaving && bye.code().equals(Bye.LOGOUT))) {
                    screen.problem(format.event(bye, myName, false));
                    byeShown = true;
                }
                return;
            }
            default -> {
            }
        }
        String line = format.event(message, myName, asked);
        if (line != null) {
            screen.show(line);
        }
        showPrompt();
    }

    private void shown(long id) {
        if (id > 0 && (oldestId == 0 || id < oldestId)) {
            oldestId = id;
        }
    }

    private void showPrompt() {
        screen.prompt("[" + SafeText.of(myName) + " · " + online + " online] > ");
    }

    /** Logs out and shows what the server still sent; the user asked to go, so this always ends well. */
    private int leave() throws InterruptedException {
        leaving = true;
        service.logout();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GOODBYE_WAIT_SECONDS);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Happening happening = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (happening == null || happening instanceof Happening.Disconnected) {
                break;
            }
            if (happening instanceof Happening.Received received) {
                receive(received.message());
            } else if (happening instanceof Happening.Transfer transfer) {
                transfer(transfer.transfer());
            } else if (happening instanceof Happening.NotSent notSent) {
                // Quitting while reconnecting: what never left must not vanish without a word.
                screen.show(format.notSent(notSent.request(), notSent.reason()));
            } else if (happening instanceof Happening.Notice notice) {
                // A script's input can end before the transport said whether the connection is encrypted.
                screen.show(format.notice(notice.text()));
            }
        }
        return 0;
    }

    private int lost(Happening.Disconnected disconnected) {
        if (!byeShown) {
            String reason = SafeText.of(disconnected.reason());
            screen.problem(disconnected.error() ? "Connection lost: " + reason : "Disconnected: " + reason);
        }
        return 1;
    }
}
