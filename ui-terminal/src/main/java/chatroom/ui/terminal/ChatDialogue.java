package chatroom.ui.terminal;

import chatroom.api.message.JoinRoom;
import chatroom.api.message.LoggedIn;
import chatroom.api.rules.RoomNames;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.FileTransfer;
import chatroom.client.Chat;
import chatroom.client.ChatEvent;
import chatroom.client.ConnectionState;
import chatroom.client.Conversation;
import chatroom.client.Entry;
import chatroom.client.Later;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The chat after login, on the main thread: typed lines become requests through the {@link Chat}, what the service
 * reports feeds that model, and the model's events become lines on the screen, until the user quits (exit code 0)
 * or the connection ends without being asked to (1).
 */
final class ChatDialogue {
    // logout() waits for the server's goodbye; the events before it may still be on their way to the inbox.
    private static final long GOODBYE_WAIT_SECONDS = 3;
    private static final long JOIN_ANSWER_WAIT_SECONDS = 10;

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
    /** The rooms the command line named, to join at start. */
    private final List<String> startRooms;
    /** Where what the user types goes: the room shown in the prompt. */
    private Conversation current;
    /** A room the user asked to join or switch to, to become the current one once the user is in it. */
    private String switchingTo;
    /**
     * Commands typed while a join is answered: they are about the room joined (a script types {@code /join #ops} then
     * {@code /topic ...}), so they wait for it, in order.
     */
    private final Deque<Command> typedAhead = new ArrayDeque<>();
    /** When commands stop waiting for the join's answer ({@link System#nanoTime}). */
    private long holdUntil;
    private boolean inputEnded;

    /**
     * @param downloads  where received files go, to tell the user
     * @param startRooms rooms to join at start (the first becomes the current one), for a session with rooms
     */
    ChatDialogue(ChatService service, Screen screen, Inbox inbox, EventFormat format, LoggedIn loggedIn,
                 Path downloads, List<String> startRooms) {
        this.startRooms = List.copyOf(startRooms);
        this.service = service;
        this.screen = screen;
        this.inbox = inbox;
        this.format = format;
        this.downloads = downloads;
        this.loggedIn = loggedIn;
        this.transfers = new TransferLines(screen.style(), screen.updatesInPlace());
        // The main thread may wait for the network: requests go out on it, in order.
        this.chat = new Chat(service, Runnable::run, this::show, Later.through(inbox::due));
    }

    /** Runs until the end; returns the exit code. */
    int run() throws InterruptedException {
        chat.loggedIn(loggedIn);
        current = chat.room();
        if (chat.hasRooms()) {
            for (String room : startRooms) {
                chat.join(room).ifPresent(this::mistake);
            }
            if (!startRooms.isEmpty()) {
                switchTo(startRooms.getFirst());
            }
        } else if (!startRooms.isEmpty()) {
            screen.show(format.mistake("This chat has one room only; --room is ignored."));
        }
        showPrompt();
        while (true) {
            Happening happening = typedAhead.isEmpty() ? inbox.take()
                    : inbox.poll(Math.max(0, holdUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
            switch (happening) {
                // A server always answers a join; one that does not must not keep the user's commands forever.
                case null -> switchingTo = null;
                case Happening.Typed typed -> {
                    Command command = Commands.parse(typed.line());
                    if (holds(command)) {
                        typedAhead.add(command);
                    } else if (!obey(command)) {
                        return leave();
                    }
                }
                case Happening.InputEnded end -> inputEnded = true;
                default -> feed(happening);
            }
            if (ended != null) {
                return lost(ended);
            }
            while (switchingTo == null && !typedAhead.isEmpty()) {
                if (!obey(typedAhead.poll())) {
                    return leave();
                }
            }
            // A script's input ends before the answers to what it typed last: those are waited for, not dropped.
            if (inputEnded && typedAhead.isEmpty()) {
                return leave();
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
            case Happening.Due due -> due.task().run();
            case Happening.Typed typed -> {
            }
            case Happening.InputEnded inputEnded -> {
            }
        }
    }

    /**
     * Whether a command typed now waits for the join being answered. A line said goes straight to the room joined,
     * by name, unless commands before it wait; so does {@code /quit}, which must not drop them.
     */
    private boolean holds(Command command) {
        return switch (command) {
            case Command.Nothing nothing -> false;
            case Command.Say say -> !typedAhead.isEmpty();
            case Command.Quit quit -> !typedAhead.isEmpty();
            default -> switchingTo != null || !typedAhead.isEmpty();
        };
    }

    /** Carries out a command; false when it was {@code /quit}. */
    private boolean obey(Command command) {
        if (!current.isRoom() && aboutTheRoom(command)) {
            mistake("That is about a room, and you are writing privately to " + SafeText.of(current.name())
                    + ": /switch #ROOM first.");
            return true;
        }
        switch (command) {
            // A line right after /join goes to the room joined, answer or not yet (scripts type ahead).
            case Command.Say say -> (switchingTo != null ? chat.sendToRoom(switchingTo, say.text())
                    : chat.send(current, say.text())).ifPresent(this::mistake);
            case Command.Tell tell -> chat.tell(tell.to(), tell.text())
                    .ifPresent(this::mistake);
            case Command.Query query -> query(query.name());
            case Command.Unread unread -> unread();
            case Command.Rename rename -> chat.rename(rename.name());
            case Command.Who who -> chat.who(current);
            case Command.History history -> chat.loadOlder(current, history.limit());
            case Command.Join join -> chat.join(join.room()).ifPresentOrElse(this::mistake,
                    () -> switchTo(join.room()));
            case Command.Part part -> part(part.room(), part.reason());
            case Command.Rooms rooms -> chat.listRooms(rooms.filter())
                    .ifPresent(this::mistake);
            case Command.Topic topic -> topic(topic.text());
            case Command.SetRole role -> chat.setRole(current, role.name(), role.role()).ifPresent(this::mistake);
            case Command.TopicLock lock -> chat.lockTopic(current, lock.locked()).ifPresent(this::mistake);
            case Command.Kick kick -> chat.kick(current, kick.name(), kick.reason()).ifPresent(this::mistake);
            case Command.Ban ban -> chat.ban(current, ban.name(), ban.banned()).ifPresent(this::mistake);
            case Command.Bans bans -> chat.listBans(current).ifPresent(this::mistake);
            case Command.Delete delete -> delete(delete.room(), delete.confirmed());
            case Command.ServerBan ban -> chat.banFromServer(ban.name(), ban.banned()).ifPresent(this::mistake);
            case Command.InviteOnly only -> chat.setInviteOnly(current, only.inviteOnly()).ifPresent(this::mistake);
            case Command.Invite invite -> chat.invite(current, invite.name()).ifPresent(this::mistake);
            case Command.Switch to -> switchCommand(to);
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
                current = chat.room();
                screen.show(format.loggedIn(in.me(), in.online()));
                screen.show(format.note("Files you receive are saved in " + SafeText.of(downloads.toString())
                        + "."));
            }
            case ChatEvent.Added added -> screen.show(in(added.conversation(), format.entry(added.entry())));
            case ChatEvent.HistoryLoaded loaded -> {
                for (Entry entry : loaded.entries()) {
                    screen.show(in(loaded.conversation(), format.entry(entry)));
                }
                String end = format.historyEnd(loaded.entries().size(), loaded.more(), loaded.asked());
                if (end != null) {
                    screen.show(in(loaded.conversation(), end));
                }
                // Shown in the current room: read as far as it went, which the server keeps for the account.
                if (loaded.conversation() == current) {
                    chat.read(current);
                }
            }
            case ChatEvent.CaughtUp caughtUp -> screen.show(in(caughtUp.conversation(),
                    format.missed(caughtUp.missed(), caughtUp.more())));
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
                // Whether the join got through shows once the session resumes; what was held runs where it can.
                switchingTo = null;
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
            // One stream of lines: only other rooms keep an unread count, which the prompt shows.
            case ChatEvent.UnreadChanged unread -> {
                Conversation where = unread.conversation();
                if (!where.isRoom() || where == current) {
                    chat.read(where);
                }
            }
            case ChatEvent.ConversationOpened opened -> {
                Conversation where = opened.conversation();
                if (where.isRoom() && switchingTo != null && RoomNames.key(switchingTo).equals(
                        RoomNames.key(where.name()))) {
                    current = where;
                    switchingTo = null;
                }
            }
            case ChatEvent.RoomClosed closed -> {
                if (closed.conversation() == current) {
                    current = chat.room();
                }
            }
            case ChatEvent.PresenceChanged presence -> screen.show(in(presence.conversation(),
                    format.event(presence)));
            case ChatEvent.TopicChanged topic -> screen.show(in(topic.conversation(), format.event(topic)));
            case ChatEvent.RoleChanged role -> screen.show(in(role.conversation(), format.event(role)));
            case ChatEvent.TopicLockChanged lock -> screen.show(in(lock.conversation(), format.event(lock)));
            case ChatEvent.BanChanged ban -> screen.show(in(ban.conversation(), format.event(ban)));
            case ChatEvent.InviteOnlyChanged only -> screen.show(in(only.conversation(), format.event(only)));
            case ChatEvent.Invited invited -> screen.show(format.event(invited));
            case ChatEvent.RoomDeleted deleted -> screen.show(format.event(deleted));
            case ChatEvent.ServerBanChanged ban -> screen.show(format.event(ban));
            case ChatEvent.BansListed bans -> screen.show(in(bans.conversation(), format.bans(bans)));
            case ChatEvent.RoomsListed listed -> format.rooms(listed).forEach(screen::show);
            case ChatEvent.MemberJoined joined -> screen.show(in(joined.conversation(), format.event(joined)));
            case ChatEvent.MemberLeft left -> screen.show(in(left.conversation(), format.event(left)));
            case ChatEvent.Renamed renamed -> screen.show(format.event(renamed));
            case ChatEvent.Refused refused -> {
                if (JoinRoom.TYPE.equals(refused.request())) {
                    switchingTo = null;
                }
                screen.show(format.event(refused));
            }
        }
        showPrompt();
    }

    private void sendFile(Command.SendFile send) {
        try {
            // With rooms, a file for everyone goes to the room the user is in now.
            if (send.to() == null && chat.hasRooms() && current.isRoom()) {
                service.sendFileToRoom(expand(send.path()), current.name());
            } else {
                // Written privately, a file without a recipient goes to the person written to.
                service.sendFile(expand(send.path()), send.to() == null && !current.isRoom() ? current.name()
                        : send.to());
            }
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

    /** Says why something the user asked for was not sent. */
    private void mistake(String problem) {
        screen.show(format.mistake(problem));
    }

    /** A line about a room other than the current one says which room it is about. */
    private String in(Conversation where, String line) {
        if (!chat.hasRooms() || !where.isRoom() || where == current) {
            return line;
        }
        return "[" + SafeText.of(where.name()) + "] " + line;
    }

    /** Lists the conversations with messages not read yet: counted since the login, or kept by the server. */
    private void unread() {
        List<String> lines = new ArrayList<>();
        for (Conversation each : chat.conversations()) {
            if (each.unread() > 0) {
                lines.add("  " + (each.isRoom() ? SafeText.of(each.name()) : "private with " + SafeText.of(each.name()))
                        + ": " + each.unread() + " unread");
            }
        }
        if (lines.isEmpty()) {
            screen.show(format.note("Nothing unread."));
            return;
        }
        screen.show(format.note("Unread:"));
        lines.forEach(line -> screen.show(format.note(line)));
    }

    /** Whether a command acts on the current room, which a private conversation is not. */
    private static boolean aboutTheRoom(Command command) {
        return switch (command) {
            case Command.Who who -> true;
            case Command.Topic topic -> true;
            case Command.TopicLock lock -> true;
            case Command.SetRole role -> true;
            case Command.Kick kick -> true;
            case Command.Ban ban -> true;
            case Command.Bans bans -> true;
            case Command.InviteOnly only -> true;
            case Command.Invite invite -> true;
            case Command.Part part -> part.room() == null;
            default -> false;
        };
    }

    /**
     * Makes the private conversation with someone the current one; with rooms, the server keeps it, and its latest
     * page is shown when nothing of it is yet.
     */
    private void query(String name) {
        current = chat.privateConversation(name);
        chat.read(current);
        screen.show(format.note("Now writing privately to " + SafeText.of(current.name()) + (chat.hasRooms()
                ? "; /history pages your conversation, /switch #ROOM goes back to a room." : ".")));
        if (chat.hasRooms() && current.entries().isEmpty() && !current.historyPending()) {
            chat.loadOlder(current, Commands.DEFAULT_HISTORY);
        }
    }

    /** Makes a room the current one now if the user is in it, else once the user is. */
    private void switchTo(String room) {
        Optional<Conversation> known = chat.roomNamed(room);
        if (known.isPresent()) {
            current = known.get();
            chat.read(current);
            switchingTo = null;
            showPrompt();
        } else {
            switchingTo = room;
            holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_ANSWER_WAIT_SECONDS);
        }
    }

    private void switchCommand(Command.Switch to) {
        if (!chat.hasRooms()) {
            screen.show(format.mistake("This chat has one room only."));
            return;
        }
        List<Conversation> rooms = chat.rooms();
        Optional<Conversation> target = to.room() != null ? chat.roomNamed(to.room())
                : to.number() <= rooms.size() ? Optional.of(rooms.get(to.number() - 1)) : Optional.empty();
        if (target.isEmpty()) {
            screen.show(format.mistake(to.room() != null ? "You are not in " + SafeText.of(to.room())
                    + "; /join it first." : "There is no room " + to.number() + "; you are in " + rooms.size() + "."));
            return;
        }
        current = target.get();
        chat.read(current);
        screen.show(format.note("Now writing in " + SafeText.of(current.name())
                + (current.topic() == null ? "." : ": " + SafeText.of(current.topic()))));
        // Reading told nothing when nothing was unread; the prompt names the room written to all the same.
        showPrompt();
    }

    private void part(String room, String reason) {
        Conversation where = room == null ? current : chat.roomNamed(room).orElse(null);
        if (where == null) {
            screen.show(format.mistake("You are not in " + SafeText.of(room) + "."));
            return;
        }
        chat.part(where, reason).ifPresent(this::mistake);
    }

    /** Asks before deleting: the history goes for everyone, and nothing brings it back. */
    private void delete(String roomName, boolean confirmed) {
        Optional<Conversation> room = chat.roomNamed(roomName);
        if (room.isEmpty()) {
            mistake("You are not in " + roomName + ".");
        } else if (!confirmed) {
            screen.show(format.note("This deletes " + SafeText.of(room.get().name()) + " and all its history, for"
                    + " everyone in it. To go on: /delete " + SafeText.of(room.get().name()) + " yes"));
        } else {
            chat.deleteRoom(room.get()).ifPresent(this::mistake);
        }
    }

    private void topic(String text) {
        if (!chat.hasRooms()) {
            screen.show(format.mistake("This chat has one room only."));
        } else if (text == null) {
            screen.show(format.note(current.topic() == null ? SafeText.of(current.name()) + " has no topic."
                    : "Topic of " + SafeText.of(current.name()) + ": " + SafeText.of(current.topic())));
        } else {
            chat.setTopic(current, text).ifPresent(this::mistake);
        }
    }

    private void showPrompt() {
        if (chat.connection() == ConnectionState.RECONNECTING) {
            return;
        }
        if (!chat.hasRooms() && current.isRoom()) {
            screen.prompt("[" + SafeText.of(chat.me()) + " · " + chat.room().online() + " online] > ");
            return;
        }
        StringBuilder others = new StringBuilder();
        int number = 1;
        for (Conversation room : chat.rooms()) {
            if (room != current && room.unread() > 0) {
                others.append(" · /").append(number).append(' ').append(SafeText.of(room.name())).append(" (")
                        .append(room.unread()).append(" new)");
            }
            number++;
        }
        String where = current.isRoom() ? SafeText.of(current.name()) + " · " + current.online() + " online"
                : "private with " + SafeText.of(current.name());
        screen.prompt("[" + SafeText.of(chat.me()) + " · " + where + others + "] > ");
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
