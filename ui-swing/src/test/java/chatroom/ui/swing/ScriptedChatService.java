package chatroom.ui.swing;

import chatroom.api.message.Announcement;
import chatroom.api.message.ChatMessage;
import chatroom.api.message.ErrorCode;
import chatroom.api.message.ErrorReply;
import chatroom.api.message.HistoryEnd;
import chatroom.api.message.Joined;
import chatroom.api.message.Limits;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Member;
import chatroom.api.message.Members;
import chatroom.api.message.PrivateMessage;
import chatroom.api.message.Renamed;
import chatroom.api.message.Welcome;
import chatroom.api.spi.ChatListener;
import chatroom.api.spi.ChatService;
import chatroom.api.spi.ChatServiceProvider;
import chatroom.api.spi.ConnectOptions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-memory chat room for on-screen tests: answers login, replays a scripted room (history, a Chinese message,
 * a private conversation, someone joining) from its own thread as a real transport would, and echoes what the user
 * says.
 */
final class ScriptedChatService implements ChatService {
    /** Makes services of this kind, as a transport would. */
    static final class Transport implements ChatServiceProvider {
        ScriptedChatService last;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String description() {
            return "an in-memory room for tests";
        }

        @Override
        public ChatService create(ConnectOptions options, ChatListener listener) {
            last = new ScriptedChatService(listener);
            return last;
        }
    }

    private final ChatListener listener;
    private final ExecutorService events = Executors.newSingleThreadExecutor();
    private final long now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    private final long yesterday = now - 86_400_000L;
    // Touched from the network thread (login) and the event thread.
    private final List<String> online = new CopyOnWriteArrayList<>(List.of("bob", "carol", "李雷"));
    /** Counts down once the whole script was delivered to the listener. */
    final CountDownLatch scripted = new CountDownLatch(1);
    private long nextId = 100;
    private volatile String me;

    ScriptedChatService(ChatListener listener) {
        this.listener = listener;
    }

    @Override
    public LoggedIn login(String name, char[] password) {
        me = name;
        online.add(name);
        events.execute(() -> {
            listener.onMessage(new Welcome(1, "scripted", new Limits(65536, 32, 2000, 20, 100, 5, 10), List.of()));
            listener.onMessage(new ChatMessage(91, yesterday, "bob", "Has anyone tried the new build?", true));
            listener.onMessage(new ChatMessage(92, yesterday + 60_000, me, "Yes, works on my machine.", true));
            listener.onMessage(new Announcement(93, yesterday + 120_000, "Maintenance tonight at 22:00", true));
            listener.onMessage(new ChatMessage(94, yesterday + 180_000, "李雷", "我也试过了，没问题。", true));
            listener.onMessage(new HistoryEnd(4, true));
            listener.onMessage(new Members(members()));
            listener.onMessage(new ChatMessage(nextId++, now, "carol", "Good morning, everyone!", false));
            listener.onMessage(new ChatMessage(nextId++, now, "李雷", "大家好！今天的会议几点开始？", false));
            listener.onMessage(new Joined(now, "dave", online.size() + 1));
            online.add("dave");
            listener.onMessage(new ChatMessage(nextId++, now, "dave", "Hi all — 你好 — привет", false));
            listener.onMessage(new PrivateMessage(now, "bob", me, "Psst — can you review my patch?"));
            listener.onMessage(new ChatMessage(nextId++, now, me, "The meeting is at 10:30.", false));
            scripted.countDown();
        });
        return new LoggedIn(name, online.size());
    }

    @Override
    public void say(String text) {
        events.execute(() -> listener.onMessage(new ChatMessage(nextId++, System.currentTimeMillis(), me, text, false)));
    }

    @Override
    public void tell(String to, String text) {
        events.execute(() -> listener.onMessage(new PrivateMessage(System.currentTimeMillis(), me, to, text)));
    }

    @Override
    public void rename(String newName) {
        events.execute(() -> {
            if (online.contains(newName)) {
                listener.onMessage(new ErrorReply(ErrorCode.NAME_TAKEN, "Someone else is called " + newName + ".",
                        "nick"));
            } else {
                String old = me;
                me = newName;
                online.remove(old);
                online.add(newName);
                listener.onMessage(new Renamed(System.currentTimeMillis(), old, newName, online.size()));
            }
        });
    }

    @Override
    public void who() {
        events.execute(() -> listener.onMessage(new Members(members())));
    }

    @Override
    public void history(long beforeId, int limit) {
        events.execute(() -> {
            List<ChatMessage> page = new ArrayList<>();
            for (long id = Math.max(1, beforeId - limit); id < beforeId; id++) {
                page.add(new ChatMessage(id, yesterday - (91 - id) * 60_000, "bob", "older message " + id, true));
            }
            page.forEach(listener::onMessage);
            listener.onMessage(new HistoryEnd(page.size(), beforeId - limit > 1));
        });
    }

    @Override
    public void logout() {
        close();
    }

    @Override
    public synchronized void close() {
        if (!events.isShutdown()) {
            events.execute(() -> listener.onDisconnected("Logged out.", false));
            events.shutdown();
        }
    }

    private List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (String name : online) {
            members.add(new Member(name, now));
        }
        members.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return members;
    }
}
