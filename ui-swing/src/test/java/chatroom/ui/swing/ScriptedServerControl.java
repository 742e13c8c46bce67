package chatroom.ui.swing;

import chatroom.api.message.RoomInfo;
import chatroom.api.spi.OnlineUser;
import chatroom.api.spi.RoomReport;
import chatroom.api.spi.ServerControl;
import chatroom.api.spi.ServerStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A pretend running server for on-screen tests of the console window. */
final class ScriptedServerControl implements ServerControl {
    private final Instant started = Instant.now().minusSeconds(3 * 3600 + 25 * 60 + 7);
    private final List<OnlineUser> online = new CopyOnWriteArrayList<>(List.of(
            new OnlineUser("alice", "alice", "127.0.0.1:50412", started.plusSeconds(60)),
            new OnlineUser("bob", "bob", "192.168.1.23:50877", started.plusSeconds(1200)),
            new OnlineUser("李雷", "lilei", "10.0.0.7:51022", started.plusSeconds(3000))));
    private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    final List<String> announced = new CopyOnWriteArrayList<>();

    @Override
    public ServerStatus status() {
        return new ServerStatus(online.size() + 1, online.size(), 2, 1_482, Duration.between(started, Instant.now()),
                List.of("0.0.0.0:9000", "[::]:9000"));
    }

    @Override
    public List<OnlineUser> online() {
        return new ArrayList<>(online);
    }

    @Override
    public boolean kick(String name, String reason) {
        boolean removed = online.removeIf(user -> user.name().equals(name));
        if (removed) {
            log(name + " was kicked: " + reason);
        }
        return removed;
    }

    @Override
    public Optional<String> banFromServer(String account, boolean banned) {
        log((banned ? "banned " : "lifted the server ban on ") + account);
        return Optional.empty();
    }

    @Override
    public List<RoomInfo> rooms() {
        return List.of(new RoomInfo("#lobby", null, 3, 3, true), new RoomInfo("#ops", "Deploys", 2, 1, true));
    }

    @Override
    public Optional<RoomReport> room(String name) {
        return rooms().stream().filter(room -> room.name().equals(name)).findFirst()
                .map(room -> new RoomReport(room, List.of(), List.of()));
    }

    @Override
    public Optional<String> kickFromRoom(String room, String name, String reason) {
        return Optional.of(name + " is not in " + room + ".");
    }

    @Override
    public Optional<String> banFromRoom(String room, String account, boolean banned) {
        return Optional.of(account + " has no account here.");
    }

    @Override
    public Optional<String> closeRoom(String room) {
        return Optional.of("There is no room called '" + room + "'.");
    }

    @Override
    public Optional<String> deletePrivateMessages(String account) {
        return Optional.of(account + " has no account here.");
    }

    @Override
    public void announce(String text) {
        announced.add(text);
        log("announcement: " + text);
    }

    @Override
    public void shutdown() {
        log("shutting down");
        stopped.countDown();
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public AutoCloseable subscribeLog(Consumer<String> line) {
        followers.add(line);
        line.accept("09:02:11 listening on 0.0.0.0:9000, [::]:9000");
        line.accept("09:03:40 alice logged in from 127.0.0.1:50412");
        line.accept("09:22:05 bob logged in from 192.168.1.23:50877");
        line.accept("09:52:48 李雷 logged in from 10.0.0.7:51022");
        line.accept("10:01:13 carol left (connection lost)");
        return () -> followers.remove(line);
    }

    void log(String text) {
        String line = LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + text;
        followers.forEach(follower -> follower.accept(line));
    }
}
