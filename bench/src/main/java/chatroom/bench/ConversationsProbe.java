package chatroom.bench;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.ConversationList;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.ListConversations;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Logout;
import chatroom.api.message.MarkRead;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.RoomInfo;
import chatroom.api.message.Say;
import chatroom.api.message.Tell;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A login to many conversations: an account is in {@code count / 2} rooms (the default room among them) and has
 * private conversations with as many other accounts as make up {@code count}, each with {@link #SAID} messages of
 * which it read the first. It then logs in again, once by resuming and once with its password (on a second device,
 * the first staying online), and asks for its conversation list as the clients do at login. Measures the time to
 * {@code logged_in} (which carries the rooms' unread counts) and on to the list (the private ones'), and checks
 * every count.
 */
record ConversationsProbe(InetSocketAddress server, int count, String prefix) {
    /** Messages in each conversation; the account read the first of each. */
    private static final int SAID = 3;

    /** What the probe measured. */
    record Result(int rooms, int privates, Timing resume, Timing password) {
        String summary() {
            return String.format(Locale.ROOT, "conversations: %d (%d rooms, %d private), unread counts from the"
                    + " server; resume: logged_in %.1f ms, list %.1f ms later, %.1f ms in all, counts right=%s;"
                    + " password (1,000 iterations): logged_in %.1f ms, list %.1f ms later, %.1f ms in all,"
                    + " counts right=%s", rooms + privates, rooms, privates, resume.loggedInMillis,
                    resume.listMillis, resume.totalMillis(), resume.countsRight, password.loggedInMillis,
                    password.listMillis, password.totalMillis(), password.countsRight);
        }

        boolean complete() {
            return resume.countsRight && password.countsRight;
        }
    }

    /** One login: to its {@code logged_in}, then from there to the conversation list; whether every count was right. */
    record Timing(double loggedInMillis, double listMillis, boolean countsRight) {
        double totalMillis() {
            return loggedInMillis + listMillis;
        }
    }

    Result run() throws IOException {
        String reader = prefix + "reader";
        String writer = prefix + "writer";
        String password = "bench-" + prefix;
        int rooms = Math.max(1, count / 2);
        int privates = count - rooms;
        List<String> roomNames = new ArrayList<>();
        String token;
        try (ProbeLine first = new ProbeLine(server); ProbeLine talker = new ProbeLine(server)) {
            LoggedIn in = first.logIn(new Login(reader, password));
            roomNames.add(in.rooms().getFirst().name());
            for (int i = 1; i < rooms; i++) {
                roomNames.add("#" + prefix + "c" + i);
            }
            joinAll(first, roomNames);
            talker.logIn(new Login(writer, password));
            joinAll(talker, roomNames);
            for (String room : roomNames) {
                for (int i = 0; i < SAID; i++) {
                    talker.send(new Say("said " + i, null, room));
                }
            }
            // The rooms' newest ids, as the talker's own copies say: a room of another run may have older ones.
            Map<String, Long> newest = new HashMap<>();
            int own = 0;
            while (own < rooms * SAID) {
                if (talker.next() instanceof ChatMessage message && !message.history()
                        && message.from().equals(writer)) {
                    newest.merge(message.room(), message.id(), Math::max);
                    own++;
                }
            }
            for (int p = 0; p < privates; p++) {
                try (ProbeLine sender = new ProbeLine(server)) {
                    sender.logIn(new Login(prefix + "p" + p, password));
                    for (int i = 0; i < SAID; i++) {
                        sender.send(new Tell(reader, "psst " + i));
                    }
                    awaitOwn(sender, SAID, PrivateMessage.class);
                    sender.send(new Logout());
                }
            }
            for (Map.Entry<String, Long> room : newest.entrySet()) {
                first.send(new MarkRead(room.getKey(), null, room.getValue() - (SAID - 1)));
            }
            for (int p = 0; p < privates; p++) {
                first.send(new MarkRead(null, prefix + "p" + p, 1));
            }
            // Answered after the markers before it are kept: a session handles its lines in order.
            first.send(new ListConversations(null, count));
            first.awaitLineStarting("{\"type\":\"conversation_list\"");
            token = in.resume();
            // Dropped without a logout, so that its token resumes it.
        }
        Timing resume = timeLogin(Login.resuming(reader, token, 0), rooms, privates);
        Timing byPassword = timeLogin(new Login(reader, password), rooms, privates);
        return new Result(rooms, privates, resume, byPassword);
    }

    private static void joinAll(ProbeLine line, List<String> roomNames) throws IOException {
        for (String room : roomNames.subList(1, roomNames.size())) {
            line.send(new JoinRoom(room));
        }
        int ended = 0;
        while (ended < roomNames.size() - 1) {
            if (line.next() instanceof HistoryEnd) {
                ended++;
            }
        }
    }

    /** The next message of that type, past the others. */
    private static <T> T next(ProbeLine line, Class<T> type) throws IOException {
        while (true) {
            Object message = line.next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** Waits for the copies of its own messages a sender gets back: then they are stored. */
    private static void awaitOwn(ProbeLine line, int expected, Class<?> type) throws IOException {
        int seen = 0;
        while (seen < expected) {
            if (type.isInstance(line.next())) {
                seen++;
            }
        }
    }

    private Timing timeLogin(Login login, int rooms, int privates) throws IOException {
        try (ProbeLine line = new ProbeLine(server)) {
            line.hello();
            long start = System.nanoTime();
            line.send(login);
            LoggedIn in = next(line, LoggedIn.class);
            long loggedIn = System.nanoTime();
            line.send(new ListConversations(null, rooms + privates));
            ConversationList list = next(line, ConversationList.class);
            long listed = System.nanoTime();
            long unreadRooms = in.rooms().stream().map(RoomInfo::unread)
                    .filter(unread -> unread != null && unread == SAID - 1).count();
            long unreadPrivates = list.conversations().stream()
                    .filter(entry -> entry.with() != null && entry.unread() != null && entry.unread() == SAID - 1)
                    .count();
            boolean right = unreadRooms == rooms && unreadPrivates == privates
                    && list.conversations().size() == rooms + privates;
            return new Timing((loggedIn - start) / 1e6, (listed - loggedIn) / 1e6, right);
        }
    }
}
