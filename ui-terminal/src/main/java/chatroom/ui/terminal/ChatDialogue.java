package chatroom.ui.terminal;

import chatroom.api.message.LoggedIn;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;
import chatroom.client.Chat;
import chatroom.client.ChatEvent;
import chatroom.client.ConnectionState;
import chatroom.client.Entry;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The chat after login, on the main thread: typed lines become requests through the {@link Chat}, what the service
 * reports feeds that model, and the model's events become lines on the screen, until the user quits (exit code 0)
 * or the connection ends without being asked to (1).
 */
final class ChatDialogue {
    // logout() waits for the server's goodbye; the events before it may still be on their way to the inbox.
    private static final long GOODBYE_WAIT_SECONDS = 3;

    private final ChatService service;
    private final Screen screen;
    private final Inbox inbox;
    private final EventFormat format;
    private final Path downloads;
    private final TransferLines transfers;
    private final Chat chat;
    private final LoggedIn loggedIn;

    private boolean byeShown;
    private Happening.Disconnected ended;

    /** @param downloads where received files go, to tell the user */
    ChatDialogue(ChatService service, Screen screen, Inbox inbox, EventFormat format, LoggedIn loggedIn,
                 Path downloads) {
        this.service = service;
        this.screen = screen;
        this.inbox = inbox;
        this.format = format;
        this.downloads = downloads;
        this.loggedIn = loggedIn;
        this.transfers = new TransferLines(screen.style(), screen.updatesInPlace());
        // The main thread may wait for the network: requests go out on it, in order.
        this.chat = new Chat(service, Runnable::run, this::show);
    }

    /** Runs until the end; returns the exit code. */
    int run() throws InterruptedException {
        chat.loggedIn(loggedIn);
        while (true) {
            Happening happening = inbox.take();
            switch (happening) {
                case Happening.Typed typed -> {
                    if (!obey(Commands.parse(typed.line()))) {
                        return leave();
                    }
                }
                case Happening.InputEnded inputEnded -> {
                    return leave();
                }
                default -> feed(happening);
            }
            if (ended != null) {
                return lost(ended);
            }
        }
    }

    /** What the service reported, to the model. */
    private void feed(Happening happening) {
        switch (happening) {
            case Happening.Received received -> chat.onMessage(received.message());
            case Happening.Transfer transfer -> chat.onTransfer(transfer.transfer());
            case Happening.Disconnected disconnected -> {
                ended = disconnected;
                chat.onDisconnected(disconnected.reason(), disconnected.error());
            }
            case Happening.Reconnecting reconnecting -> chat.onReconnecting(reconnecting.reason(),
                    reconnecting.attempt());
            case Happening.Reconnected reconnected -> chat.onReconnected();
            case Happening.Notice notice -> chat.onNotice(notice.text());
            case Happening.NotSent notSent -> chat.onNotSent(notSent.request(), notSent.reason());
            case Happening.Typed typed -> {
            }
            case Happening.InputEnded inputEnded -> {
            }
        }
    }

    /** Carries out a command; false when it was {@code /quit}. */
    private boolean obey(Command command) {
        switch (command) {
            case Command.Say say -> chat.send(chat.room(), say.text())
                    .ifPresent(problem -> screen.show(format.mistake(problem)));
            case Command.Tell tell -> chat.tell(tell.to(), tell.text())
                    .ifPresent(problem -> screen.show(format.mistake(problem)));
            case Command.Rename rename -> chat.rename(rename.name());
            case Command.Who who -> chat.who();
            case Command.History history -> chat.loadOlder(chat.room(), history.limit());
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

    /** What the model says changed, as lines. */
    private void show(ChatEvent event) {
        switch (event) {
            case ChatEvent.LoggedIn in -> {
                screen.show(format.loggedIn(in.me(), in.online()));
                screen.show(format.note("Files you receive are saved in " + SafeText.of(downloads.toString())
                        + "."));
            }
            case ChatEvent.Added added -> screen.show(format.entry(added.entry()));
            case ChatEvent.HistoryLoaded loaded -> {
                for (Entry entry : loaded.entries()) {
                    screen.show(format.entry(entry));
                }
                String end = format.historyEnd(loaded.entries().size(), loaded.more(), loaded.asked());
                if (end != null) {
                    screen.show(end);
                }
            }
            case ChatEvent.CaughtUp caughtUp -> screen.show(format.missed(caughtUp.missed(), caughtUp.more()));
            case ChatEvent.MembersListed listed -> {
                if (listed.asked()) {
                    screen.show(format.members(listed.conversation()));
                }
            }
            case ChatEvent.Goodbye goodbye -> {
                // Our own logout's goodbye says nothing new.
                if (!goodbye.asked()) {
                    screen.problem(format.event(goodbye));
                    byeShown = true;
                }
                return;
            }
            case ChatEvent.Reconnecting reconnecting -> {
                screen.show(format.reconnecting(reconnecting.attempt(), reconnecting.reason()));
                screen.prompt("[" + SafeText.of(chat.me()) + " · reconnecting…] > ");
                return;
            }
            case ChatEvent.Reconnected reconnected -> {
                screen.show(format.reconnected());
                return;
            }
            case ChatEvent.Notice notice -> screen.show(format.notice(notice.text()));
            case ChatEvent.NotSent notSent -> screen.show(format.notSent(notSent.conversation(), notSent.text(),
                    notSent.reason()));
            case ChatEvent.Transfer transfer -> {
                transfer(transfer.transfer());
                return;
            }
            case ChatEvent.Disconnected disconnected -> {
                screen.status(null);
                return;
            }
            // The terminal shows one stream of lines: nothing to mark unread or to open.
            case ChatEvent.UnreadChanged unread -> {
                chat.read(unread.conversation());
                return;
            }
            case ChatEvent.ConversationOpened opened -> {
                return;
            }
            case ChatEvent.RoomClosed closed -> {
                return;
            }
            case ChatEvent.PresenceChanged presence -> screen.show(format.event(presence));
            case ChatEvent.TopicChanged topic -> screen.show(format.event(topic));
            case ChatEvent.RoomsListed listed -> format.rooms(listed).forEach(screen::show);
            case ChatEvent.MemberJoined joined -> screen.show(format.event(joined));
            case ChatEvent.MemberLeft left -> screen.show(format.event(left));
            case ChatEvent.Renamed renamed -> screen.show(format.event(renamed));
            case ChatEvent.Refused refused -> screen.show(format.event(refused));
        }
        showPrompt();
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

    private void showPrompt() {
        if (chat.connection() == ConnectionState.RECONNECTING) {
            return;
        }
        screen.prompt("[" + SafeText.of(chat.me()) + " · " + chat.room().online() + " online] > ");
    }

    /** Logs out and shows what the server still sent; the user asked to go, so this always ends well. */
    private int leave() throws InterruptedException {
        chat.logout();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GOODBYE_WAIT_SECONDS);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Happening happening = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (happening == null || happening instanceof Happening.Disconnected) {
                break;
            }
            // Quitting while reconnecting: what never left must not vanish without a word; and a script's input can
            // end before the transport said whether the connection is encrypted.
            feed(happening);
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
